import pytest

from fazhi.litigation.models import Lawsuit
from fazhi.reconsideration.models import CaseNumberCounter, ReconsiderationCase

pytestmark = pytest.mark.django_db


def test_synth_generates_cases_and_lawsuits_once_per_district_year():
    from fazhi.core.models import Division
    from fazhi.demo.synth import run_synth
    from fazhi.indicators.selectors import indicator_values

    summary = run_synth(districts=2, years=1, end_year=2024)
    assert any("行政复议案件（合成）" in line for line in summary)
    cases = ReconsiderationCase.objects.count()
    assert 2 * 60 <= cases <= 2 * 140
    assert Lawsuit.objects.filter(instance="appeal").exists()
    counter = CaseNumberCounter.objects.first()
    assert (
        counter.last_number
        == ReconsiderationCase.objects.filter(unit=counter.unit, case_year=2024).count()
    )
    city = Division.objects.get(code="990100")
    values = indicator_values(
        ["reconsideration.received", "litigation.head_appearance_rate"],
        division_or_unit=city,
        year=2024,
    )
    assert values["reconsideration.received"].value == cases
    run_synth(districts=2, years=1, end_year=2024)
    assert ReconsiderationCase.objects.count() == cases


def _clock_rows(case) -> list[dict]:
    from fazhi.deadlines.models import Clock

    skip = {"id", "owner_id"}  # the generator's actor has no account
    fields = [f.attname for f in Clock._meta.concrete_fields if f.attname not in skip]
    clocks = Clock.objects.filter(object_id=str(case.pk)).order_by("rule_code", "trigger_date")
    return [{name: getattr(c, name) for name in fields} for c in clocks]


def _synth_rows_for(case) -> list[dict]:
    """Delete the services' clocks, then insert the generator's for the same case."""
    from fazhi.deadlines.bulk import clocks_start_many
    from fazhi.deadlines.models import Clock
    from fazhi.reconsideration.synth import history_clocks

    Clock.objects.filter(object_id=str(case.pk)).delete()
    case.refresh_from_db()
    clocks_start_many(history_clocks(case))
    return _clock_rows(case)


def test_the_generator_s_clocks_are_those_the_services_leave(recon_officer, unit_a):
    """A case decided after its copy went out, one still in review, one refused: the clocks of
    the service path and of the generator agree field by field (owner aside)."""
    from datetime import date

    import time_machine

    from fazhi.reconsideration import services
    from fazhi.reconsideration.models import Outcome
    from fazhi.reconsideration.tests.factories import accepted, heard, registered

    with time_machine.travel(date(2024, 6, 28), tick=False):
        decided = accepted(recon_officer, unit_a, on=date(2024, 3, 8))
        decided = services.case_send_copy(
            actor=recon_officer, case=decided, sent_on=date(2024, 3, 12)
        )
        decided = heard(recon_officer, decided)
        decided = services.case_propose_decision(
            actor=recon_officer,
            case=decided,
            outcome=Outcome.UPHELD,
            on=date(2024, 4, 22),
            grounds="理由",
        )
        decided = services.case_approve_decision(
            actor=recon_officer, case=decided, kind="head", on=date(2024, 4, 23),
            approver_name="王志刚", approver_title="副区长",
        )  # fmt: skip
        decided = services.case_issue_decision(
            actor=recon_officer, case=decided, on=date(2024, 4, 25)
        )
        in_review = accepted(
            recon_officer,
            unit_a,
            on=date(2024, 6, 3),
            received_on=date(2024, 6, 3),
            known_on=date(2024, 5, 20),
        )
        in_review = services.case_send_copy(
            actor=recon_officer, case=in_review, sent_on=date(2024, 6, 12)
        )
        refused = registered(
            recon_officer, unit_a, received_on=date(2024, 6, 3), known_on=date(2024, 5, 20)
        )
        refused = services.case_reject(
            actor=recon_officer, case=refused, on=date(2024, 6, 7), unmet_conditions=["scope"],
            reason="不属于行政复议范围",
        )  # fmt: skip
        for case, states in [
            (decided, {"met"}),
            (in_review, {"met", "running"}),
            (refused, {"met"}),
        ]:
            expected = _clock_rows(case)
            assert {row["state"] for row in expected} == states
            assert _synth_rows_for(case) == expected
