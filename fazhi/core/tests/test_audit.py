"""Audit trail (security.md C1–C3, C6, C7; issue 2 item 6)."""

import json
import logging

import pytest
from django.db import connection, transaction
from django.db.utils import InternalError, ProgrammingError
from psycopg import errors

from fazhi.core.audit import record_access_event
from fazhi.core.db_roles import RUNTIME_ROLE, audit_tables, grant_runtime_role
from fazhi.core.jsonlog import JsonFormatter
from fazhi.core.models import AccessEvent, AccessEventKind, Unit


def run_as_runtime_role(sql: str):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL ROLE {connection.ops.quote_name(RUNTIME_ROLE)}")
        cursor.execute(sql)


@pytest.mark.django_db
def test_runtime_role_cannot_update_delete_or_truncate_audit_rows(unit_a):
    tables = grant_runtime_role()
    assert "core_accessevent" in tables and "core_unitevent" in tables
    record_access_event(None, AccessEventKind.EXPORT, username="clerk_a")
    unit_a.name = "改名后的单位"
    unit_a.save()
    for table in tables:
        for sql in (
            f"UPDATE {table} SET pgh_id = pgh_id"
            if table != "core_accessevent"
            else f"UPDATE {table} SET username = 'x'",
            f"DELETE FROM {table}",
            f"TRUNCATE {table}",
        ):
            with pytest.raises(ProgrammingError) as raised:
                run_as_runtime_role(sql)
            assert isinstance(raised.value.__cause__, errors.InsufficientPrivilege), sql
    # the runtime role still does ordinary business writes
    run_as_runtime_role(f"UPDATE core_unit SET short_name = '测试' WHERE id = {unit_a.pk}")
    run_as_runtime_role("SELECT count(*) FROM core_accessevent")


@pytest.mark.django_db
def test_access_log_is_append_only_even_for_the_owner():
    event = record_access_event(None, AccessEventKind.EXPORT, username="clerk_a")
    with pytest.raises((InternalError, ProgrammingError), match="pgtrigger"), transaction.atomic():
        AccessEvent.objects.filter(pk=event.pk).update(username="tampered")
    with pytest.raises((InternalError, ProgrammingError), match="pgtrigger"), transaction.atomic():
        AccessEvent.objects.filter(pk=event.pk).delete()


@pytest.mark.django_db
def test_trigger_history_catches_bulk_and_queryset_updates(district):
    units = Unit.objects.bulk_create(
        [Unit(name=f"批量单位{i}", kind="department", division=district) for i in range(3)]
    )
    Unit.objects.filter(pk__in=[u.pk for u in units]).update(short_name="批量")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_unit SET active = false WHERE id = %s", [units[0].pk])
    events = Unit.pgh_event_model.objects.filter(pgh_obj_id__in=[u.pk for u in units])
    assert events.filter(pgh_label="insert").count() == 3
    assert events.filter(pgh_label="update").count() == 4


@pytest.mark.django_db
def test_every_business_table_is_tracked():
    import pghistory.models
    from django.apps import apps

    from fazhi.core.access import unit_owned_models

    tracked = {
        m.pgh_tracked_model
        for m in apps.get_models()
        if issubclass(m, pghistory.models.Event) and hasattr(m, "pgh_tracked_model")
    }
    business = {m for m in unit_owned_models() if not issubclass(m, pghistory.models.Event)}
    assert business - tracked == set()
    assert {t for t in audit_tables()} >= {
        m.pgh_event_model._meta.db_table for m in tracked if hasattr(m, "pgh_event_model")
    }


def test_log_lines_are_json_and_cannot_be_injected():
    record = logging.LogRecord("fazhi.audit", logging.INFO, __file__, 1, "x", None, None)
    record.event = {"username": "a\nFAKE ENTRY"}
    line = JsonFormatter().format(record)
    assert "\n" not in line and json.loads(line)["username"] == "a\nFAKE ENTRY"


@pytest.mark.django_db
def test_audit_admin_filters_the_log_and_others_are_refused(
    verified_client, auditor, clerk_a, client
):
    record_access_event(None, AccessEventKind.EXPORT, username="clerk_a")
    record_access_event(None, AccessEventKind.LOGIN_FAILED, username="clerk_b", success=False)
    client.force_login(clerk_a)
    assert client.get("/admin/core/accessevent/").status_code == 403
    client.logout()
    audit_client = verified_client(auditor)
    page = audit_client.get("/admin/core/accessevent/", {"kind__exact": "export"})
    assert page.status_code == 200
    body = page.content.decode()
    assert "clerk_a" in body and "clerk_b" not in body
    assert audit_client.get("/admin/core/unit/").status_code == 403


@pytest.mark.django_db
def test_one_account_cannot_hold_two_admin_roles(unit_a):
    from django.db import IntegrityError

    from fazhi.core.testing.factories import UserFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(unit=unit_a, roles=["system_admin", "audit_admin"])
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(unit=unit_a, roles=["security_admin", "clerk"])
    both = UserFactory(unit=unit_a, roles=["clerk", "unit_head"])
    assert both.has_role("clerk") and both.has_role("unit_head")
