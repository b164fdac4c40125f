"""The synthetic generator's clock is the one the services leave on the same subject."""

from datetime import date

import pytest
import time_machine

from fazhi.corrections import deadlines as rules
from fazhi.corrections import services
from fazhi.corrections.synth import history_clocks
from fazhi.corrections.tests.test_subjects import officer, register  # noqa: F401 - the fixture
from fazhi.deadlines.bulk import clocks_start_many
from fazhi.deadlines.models import Clock

pytestmark = pytest.mark.django_db


def _rows(clocks) -> list[dict]:
    skip = {"id", "owner_id"}  # the generator's actor has no account
    fields = [f.attname for f in Clock._meta.concrete_fields if f.attname not in skip]
    return [{name: getattr(c, name) for name in fields} for c in clocks]


@time_machine.travel(date(2025, 3, 3), tick=False)
@pytest.mark.parametrize("reported_on", [date(2024, 10, 8), date(2024, 10, 21)])
def test_a_registered_and_reported_subject_leaves_the_services_clock(officer, reported_on):  # noqa: F811
    subject = register(officer)
    subject = services.subject_report_in(actor=officer, subject=subject, on=reported_on)
    made = Clock.objects.filter(object_id=str(subject.pk), rule_code=rules.REPORT_IN)
    expected = _rows(made)
    made.delete()
    subject.refresh_from_db()
    started = clocks_start_many(history_clocks(subject))
    assert _rows(Clock.objects.filter(pk__in=[c.pk for c in started])) == expected
    assert expected and expected[0]["state"] in ("met", "missed")
