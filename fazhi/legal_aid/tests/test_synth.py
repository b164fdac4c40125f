"""The synthetic generator's clocks are the ones the services leave on the same case."""

from datetime import date

import pytest
import time_machine

from fazhi.deadlines.bulk import clocks_start_many
from fazhi.deadlines.models import Clock
from fazhi.legal_aid import services
from fazhi.legal_aid.synth import history_clocks
from fazhi.legal_aid.tests.test_cases import NOTIFICATION, officer, register  # noqa: F401

pytestmark = pytest.mark.django_db


def _rows(clocks) -> list[dict]:
    skip = {"id", "owner_id"}  # the generator's actor has no account
    return [
        {
            f.attname: getattr(c, f.attname)
            for f in Clock._meta.concrete_fields
            if f.attname not in skip
        }
        for c in clocks
    ]


def _through_services_then_synth(case) -> tuple[list[dict], list[dict]]:
    made = Clock.objects.filter(object_id=str(case.pk)).order_by("pk")
    expected = _rows(made)
    made.delete()
    case.refresh_from_db()
    return _rows(
        Clock.objects.filter(
            pk__in=[c.pk for c in clocks_start_many(history_clocks(case))]
        ).order_by("pk")
    ), expected


@time_machine.travel(date(2025, 3, 3), tick=False)
def test_an_application_granted_and_assigned_leaves_the_services_clocks(officer):  # noqa: F811
    case = register(officer, received_on=date(2024, 9, 30))
    case = services.case_grant(actor=officer, case=case, on=date(2024, 10, 16))  # late: missed
    case = services.case_assign(
        actor=officer,
        case=case,
        on=date(2024, 10, 18),
        provider_kind="lawyer",
        provider_name="王律师",
    )
    got, expected = _through_services_then_synth(case)
    assert got == expected
    assert [(row["rule_code"], row["state"]) for row in got] == [
        ("legal_aid.review", "missed"),
        ("legal_aid.assignment", "met"),
    ]


@time_machine.travel(date(2025, 3, 3), tick=False)
def test_a_notification_assigned_leaves_the_services_clock(officer):  # noqa: F811
    case = register(officer, **NOTIFICATION)
    case = services.case_assign(
        actor=officer,
        case=case,
        on=date(2024, 10, 8),
        provider_kind="lawyer",
        provider_name="王律师",
    )
    got, expected = _through_services_then_synth(case)
    assert got == expected and [row["state"] for row in got] == ["met"]
