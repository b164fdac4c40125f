"""Audit triggers that scale: pghistory's context lookup opens no subtransaction per row."""

import pghistory
import pytest
from django.db import connection

from fazhi.core.models import Unit
from fazhi.core.testing.factories import DivisionFactory


@pytest.mark.django_db
def test_the_context_function_has_no_exception_block():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_functiondef('_pgh_attach_context'::regproc)")
        body = cursor.fetchone()[0]
    assert "EXCEPTION" not in body.upper()
    assert "current_setting('pghistory.context_id', true)" in body.lower().replace('"', "'")


@pytest.mark.django_db
def test_rows_are_still_audited_with_and_without_a_context():

    division = DivisionFactory()
    Unit.objects.create(name="无上下文单位", kind="department", division=division)
    with pghistory.context(reason="批量导入"):
        Unit.objects.create(name="有上下文单位", kind="department", division=division)
    events = Unit.pgh_event_model.objects.filter(name__in=["无上下文单位", "有上下文单位"])
    by_name = {e.name: e for e in events}
    assert by_name["无上下文单位"].pgh_context is None
    assert by_name["有上下文单位"].pgh_context.metadata["reason"] == "批量导入"
