"""The synthetic lawsuits: each year of a run gets its own first instances, even when an appeal
of the year before was filed in it (the year check counted that appeal and skipped the year)."""

import random
from datetime import date

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType

from fazhi.core.models import Division, DivisionLevel
from fazhi.core.plugins import SynthContext
from fazhi.deadlines.bulk import DueMemo, clocks_start_many
from fazhi.deadlines.models import Clock
from fazhi.demo.synth import build_district
from fazhi.litigation import deadlines as rules
from fazhi.litigation import services
from fazhi.litigation.models import (
    FINAL_ON_SERVICE,
    Instance,
    JudgmentType,
    Lawsuit,
    LawsuitStatus,
)
from fazhi.litigation.synth import due_dates, history_clocks, judgment_services, lawsuits
from fazhi.litigation.tests.factories import lawsuit_data

pytestmark = pytest.mark.django_db


def _context(years: list[int]) -> SynthContext:
    city = Division.objects.create(code="990100", name="合成市", level=DivisionLevel.CITY)
    district, units = build_district(city, 1)
    return SynthContext(
        city=city,
        districts=[district],
        years=years,
        rng=random.Random(7),  # noqa: S311 - reproducible test data
        units={district.pk: units},
    )


def _first_instances(year: int) -> int:
    return Lawsuit.objects.filter(instance=Instance.FIRST, filed_on__year=year).count()


def test_every_year_gets_first_instances_and_a_rerun_adds_nothing():
    ctx = _context([2023, 2024])
    lawsuits(ctx)
    first_2023, first_2024 = _first_instances(2023), _first_instances(2024)
    assert first_2023 > 0 and first_2024 > 0
    total = Lawsuit.objects.count()

    lawsuits(ctx)

    assert Lawsuit.objects.count() == total


def test_a_year_holding_only_last_years_appeals_is_still_generated():
    ctx = _context([2023])
    lawsuits(ctx)
    late = Lawsuit.objects.filter(instance=Instance.APPEAL).first()
    Lawsuit.objects.filter(pk=late.pk).update(filed_on=late.filed_on.replace(year=2024, month=1))
    assert _first_instances(2024) == 0

    ctx.years = [2024]
    lawsuits(ctx)

    assert _first_instances(2024) > 0


# --- The generator's clocks and due dates are those the services leave -----------------------

DUE_FIELDS = (
    "trial_due_on",
    "trial_due_explanation",
    "defence_due_on",
    "defence_due_explanation",
    "appeal_due_on",
    "appeal_due_explanation",
    "all_appeals_due_on",
)


def _clocks_of(lawsuit):
    return Clock.objects.filter(
        content_type=ContentType.objects.get_for_model(Lawsuit), object_id=str(lawsuit.pk)
    ).order_by("rule_code", "trigger_date")


def _clock_rows(lawsuit) -> list[dict]:
    fields = [f.attname for f in Clock._meta.concrete_fields if f.attname != "id"]
    return [{name: getattr(c, name) for name in fields} for c in _clocks_of(lawsuit)]


def _due_fields(lawsuit) -> dict:
    return {name: getattr(lawsuit, name) for name in DUE_FIELDS}


def _service_rows(services) -> list[tuple]:
    return sorted(
        (s.party, s.party_name, s.served_on, s.appeal_due_on, s.appeal_due_explanation)
        for s in services
    )


def _services_then_synth(lawsuit, *, appealed_on=None) -> tuple[tuple, tuple]:
    """The clocks, due dates and services of the judgment the services left on `lawsuit`; then
    those the generator gives the same lawsuit once they are deleted and blanked."""
    lawsuit.refresh_from_db()
    expected = (
        _clock_rows(lawsuit),
        _due_fields(lawsuit),
        _service_rows(lawsuit.services.all()),
    )
    _clocks_of(lawsuit).delete()
    for name in DUE_FIELDS:
        setattr(lawsuit, name, "" if name.endswith("explanation") else None)
    due_dates(lawsuit, DueMemo())
    clocks_start_many(history_clocks(lawsuit, appealed_on=appealed_on))
    got = (_clock_rows(lawsuit), _due_fields(lawsuit), _service_rows(judgment_services(lawsuit)))
    return got, expected


def _states(rows: list[dict]) -> list[tuple[str, str]]:
    return [(row["rule_code"], row["state"]) for row in rows]


def test_a_first_instance_closed_without_appeal_leaves_the_services_clocks(recon_officer, unit_a):
    """Defence filed late and judgment past the six months (both missed), the defendant's appeal
    period closed on its due date when no party appealed (行诉法 67, 81, 85)."""
    with time_machine.travel(date(2024, 10, 8), tick=False):
        lawsuit = services.lawsuit_register(
            actor=recon_officer,
            **lawsuit_data(
                unit_a, filed_on=date(2024, 1, 15), complaint_received_on=date(2024, 1, 19)
            ),
        )
        lawsuit = services.lawsuit_record_defence(
            actor=recon_officer, lawsuit=lawsuit, on=date(2024, 2, 20)
        )
        lawsuit = services.lawsuit_record_judgment(
            actor=recon_officer,
            lawsuit=lawsuit,
            judgment_type=JudgmentType.CLAIM_DISMISSED,
            judgment_on=date(2024, 8, 20),
            served_on=date(2024, 9, 13),
        )
        services.lawsuit_record_service(
            actor=recon_officer, lawsuit=lawsuit, on=date(2024, 9, 13), party="plaintiff"
        )
        services.scan_effective(today=date(2024, 10, 8))
        got, expected = _services_then_synth(lawsuit)
    assert lawsuit.status == LawsuitStatus.CLOSED
    assert got == expected
    assert _states(expected[0]) == [
        (rules.APPEAL_JUDGMENT, "met"),
        (rules.DEFENCE, "missed"),
        (rules.FIRST_INSTANCE_TRIAL, "missed"),
    ]


def test_an_appealed_first_instance_and_its_appeal_leave_the_services_clocks(recon_officer, unit_a):
    """The appeal filed before the defendant's period ran closes that clock on the filing day
    (`lawsuit_appeal`); the appeal's own trial period (行诉法 88) and defence, closed."""
    with time_machine.travel(date(2024, 12, 20), tick=False):
        first = services.lawsuit_register(
            actor=recon_officer,
            **lawsuit_data(
                unit_a, filed_on=date(2024, 3, 1), complaint_received_on=date(2024, 3, 6)
            ),
        )
        first = services.lawsuit_record_defence(
            actor=recon_officer, lawsuit=first, on=date(2024, 3, 15)
        )
        first = services.lawsuit_record_judgment(
            actor=recon_officer,
            lawsuit=first,
            judgment_type=JudgmentType.REVOKED,
            judgment_on=date(2024, 9, 10),
            served_on=date(2024, 9, 13),
        )
        first = services.lawsuit_record_service(
            actor=recon_officer, lawsuit=first, on=date(2024, 9, 13), party="plaintiff"
        )
        appeal = services.lawsuit_appeal(
            actor=recon_officer,
            lawsuit=first,
            court="衡阳市中级人民法院",
            court_case_number="（2024）湘04行终88号",
            appellant="李四",
            filed_on=date(2024, 9, 20),
            complaint_received_on=date(2024, 9, 24),
        )
        appeal = services.lawsuit_record_defence(
            actor=recon_officer, lawsuit=appeal, on=date(2024, 10, 8)
        )
        appeal = services.lawsuit_record_judgment(
            actor=recon_officer,
            lawsuit=appeal,
            judgment_type=JudgmentType.APPEAL_DISMISSED,
            judgment_on=date(2024, 12, 10),
            served_on=date(2024, 12, 16),
        )
        got_first, expected_first = _services_then_synth(first, appealed_on=appeal.filed_on)
        got_appeal, expected_appeal = _services_then_synth(appeal)
    assert first.appealed and first.status == appeal.status == LawsuitStatus.CLOSED
    assert got_first == expected_first
    assert got_appeal == expected_appeal
    appeal_clock = next(r for r in expected_first[0] if r["rule_code"] == rules.APPEAL_JUDGMENT)
    assert appeal_clock["closed_on"] == appeal.filed_on < appeal_clock["due_date"]
    assert _states(expected_appeal[0]) == [
        (rules.APPEAL_TRIAL, "met"),
        (rules.DEFENCE, "met"),
    ]


def test_a_withdrawal_and_a_ruling_pending_effect_leave_the_services_clocks(recon_officer, unit_a):
    """准许撤诉 is final on service: no appeal clock (行诉解释 101). 驳回起诉 served on every
    party, not yet effective: the defendant's ten-day appeal period (行诉法 85) still runs."""
    with time_machine.travel(date(2024, 6, 3), tick=False):
        withdrawn = services.lawsuit_register(
            actor=recon_officer, **lawsuit_data(unit_a, filed_on=date(2024, 3, 1))
        )
        withdrawn = services.lawsuit_record_judgment(
            actor=recon_officer,
            lawsuit=withdrawn,
            judgment_type=JudgmentType.WITHDRAWN,
            judgment_on=date(2024, 4, 8),
            served_on=date(2024, 4, 10),
        )
        ruled = services.lawsuit_register(
            actor=recon_officer,
            **lawsuit_data(
                unit_a, filed_on=date(2024, 3, 1), complaint_received_on=date(2024, 3, 5)
            ),
        )
        ruled = services.lawsuit_record_judgment(
            actor=recon_officer,
            lawsuit=ruled,
            judgment_type=JudgmentType.SUIT_DISMISSED,
            judgment_on=date(2024, 5, 28),
            served_on=date(2024, 5, 30),
        )
        ruled = services.lawsuit_record_service(
            actor=recon_officer, lawsuit=ruled, on=date(2024, 5, 30), party="plaintiff"
        )
        got_withdrawn, expected_withdrawn = _services_then_synth(withdrawn)
        got_ruled, expected_ruled = _services_then_synth(ruled)
    assert withdrawn.status == LawsuitStatus.CLOSED and ruled.status == LawsuitStatus.JUDGED
    assert got_withdrawn == expected_withdrawn
    assert got_ruled == expected_ruled
    assert _states(expected_withdrawn[0]) == [(rules.FIRST_INSTANCE_TRIAL, "met")]
    assert [s for s in _states(expected_ruled[0]) if s[0] == rules.APPEAL_RULING] == [
        (rules.APPEAL_RULING, "running")
    ]


def _replay(generated: Lawsuit, *, appeal: Lawsuit | None = None) -> Lawsuit:
    """`generated`'s facts moved through the services under its own case number (the generated
    row gives it up): registered, defence filed, judged and served on every party, then
    appealed as `appeal` was, or closed by the daily scan once the appeal periods ran."""
    Lawsuit.objects.filter(pk=generated.pk).update(
        court_case_number=f"{generated.court_case_number}（合成）"
    )
    lawsuit = services.lawsuit_register(
        actor=None,
        unit=generated.unit,
        **{
            name: getattr(generated, name)
            for name in (
                "court", "court_case_number", "instance", "first_instance", "appellant",
                "plaintiff_kind", "plaintiff_name", "defendant_unit", "act_type",
                "contested_act", "field", "filed_on", "complaint_received_on",
            )
        },
    )  # fmt: skip
    return _judge(lawsuit, generated, appeal=appeal)


def _judge(lawsuit: Lawsuit, generated: Lawsuit, *, appeal: Lawsuit | None) -> Lawsuit:
    lawsuit = services.lawsuit_record_defence(
        actor=None, lawsuit=lawsuit, on=generated.defence_submitted_on
    )
    served = generated.judgment_served_on
    lawsuit = services.lawsuit_record_judgment(
        actor=None,
        lawsuit=lawsuit,
        judgment_type=generated.judgment_type,
        judgment_on=generated.judgment_on,
        served_on=served,
    )
    if lawsuit.status == LawsuitStatus.CLOSED:  # final on service
        return lawsuit
    lawsuit = services.lawsuit_record_service(
        actor=None, lawsuit=lawsuit, on=served, party="plaintiff"
    )
    if appeal is None:
        services.scan_effective()
        return lawsuit
    Lawsuit.objects.filter(pk=appeal.pk).update(
        court_case_number=f"{appeal.court_case_number}（合成）"
    )
    replayed = services.lawsuit_appeal(
        actor=None,
        lawsuit=lawsuit,
        court=appeal.court,
        court_case_number=appeal.court_case_number,
        appellant=appeal.appellant,
        filed_on=appeal.filed_on,
        complaint_received_on=appeal.complaint_received_on,
    )
    _judge(replayed, appeal, appeal=None)
    return lawsuit


def _generated_and_replayed(generated: Lawsuit, replayed: Lawsuit) -> tuple[tuple, tuple]:
    def facts(lawsuit):
        lawsuit.refresh_from_db()
        skip = {"object_id", "created_at"}  # another row, written later
        clocks = [{k: v for k, v in row.items() if k not in skip} for row in _clock_rows(lawsuit)]
        state = (lawsuit.status, lawsuit.closed_on, lawsuit.appealed)
        return clocks, _due_fields(lawsuit), _service_rows(lawsuit.services.all()), state

    return facts(generated), facts(replayed)


def test_generated_lawsuits_replayed_through_the_services_leave_the_same_clocks():
    """Lawsuits of a generated year, moved through the services with the same dates: the same
    clocks field by field, due dates, services of the judgment and closing dates; every
    generated clock is closed."""
    lawsuits(_context([2023]))
    generated = Clock.objects.filter(content_type=ContentType.objects.get_for_model(Lawsuit))
    judged = Lawsuit.objects.filter(instance=Instance.FIRST).exclude(
        judgment_type=JudgmentType.WITHDRAWN
    )
    # trial and defence on every lawsuit, the appeal period on every first-instance judgment
    assert generated.count() == 2 * Lawsuit.objects.count() + judged.count()
    assert not generated.filter(closed_on__isnull=True).exists()
    appeal = Lawsuit.objects.filter(instance=Instance.APPEAL).order_by("pk").first()
    firsts = Lawsuit.objects.filter(instance=Instance.FIRST, appealed=False).order_by("pk")
    plain = firsts.exclude(judgment_type=JudgmentType.WITHDRAWN).first()
    withdrawn = firsts.filter(judgment_type=JudgmentType.WITHDRAWN).first()
    assert appeal and plain and withdrawn
    cases = [(appeal.first_instance, appeal), (plain, None), (withdrawn, None)]
    for first, its_appeal in cases:
        replayed = _replay(first, appeal=its_appeal)
        got, expected = _generated_and_replayed(first, replayed)
        assert got == expected
        if its_appeal is not None:
            got, expected = _generated_and_replayed(
                its_appeal, Lawsuit.objects.get(first_instance=replayed)
            )
            assert got == expected


def test_no_generated_appeal_follows_a_withdrawal():
    """准许撤诉 is final (行诉解释 101): `lawsuit_appeal` refuses it, so the generator does not
    appeal it either."""
    lawsuits(_context([2020, 2021, 2022, 2023, 2024]))
    appeals = Lawsuit.objects.filter(instance=Instance.APPEAL)
    assert appeals.count() >= 5 * 3
    assert not appeals.filter(first_instance__judgment_type__in=FINAL_ON_SERVICE).exists()
