"""The case-file review (C1–C3): a reproducible seeded sample, automatic deductions citing
their articles, the reviewer's confirm/override with a reason, scores and grades."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fazhi.enforcement import selectors, services
from fazhi.enforcement.models import (
    AutoCheck,
    CampaignState,
    DeductionState,
    Grade,
    ScoreSheet,
)
from fazhi.enforcement.tests.factories import make_case

pytestmark = pytest.mark.django_db


def _campaign(supervisor, justice_bureau, units, seed="2024", **changes):
    values = {
        "title": "2024年行政执法案卷评查",
        "held_on": date(2024, 12, 10),
        "window_start": date(2023, 9, 1),
        "window_end": date(2024, 8, 31),
        "sample_size": 3,
    }
    values.update(changes)
    return services.campaign_create(
        actor=supervisor, unit=justice_bureau, units=units, seed=seed, **values
    )


@pytest.fixture
def ledger(unit_a, unit_b, certified):
    """Ten ordinary penalty cases of A closed in the window; others outside it."""
    cases = [make_case(unit_a, officers=certified[:2], case_number=f"A-{n:02d}") for n in range(10)]
    make_case(unit_a, officers=certified[:2], case_number="A-summary", procedure="summary")
    make_case(
        unit_a,
        officers=certified[:2],
        case_number="A-late",
        filed_on=date(2024, 8, 1),
        notice_served_on=date(2024, 8, 20),
        decided_on=date(2024, 9, 5),
        served_on=date(2024, 9, 6),
        closed_on=date(2024, 9, 20),
    )
    make_case(unit_b, case_number="B-01")
    return cases


def _drawn(campaign):
    return sorted(
        ScoreSheet.objects.filter(campaign=campaign).values_list("case__case_number", flat=True)
    )


def test_the_same_seed_draws_the_same_files(supervisor, justice_bureau, unit_a, ledger):
    first = services.campaign_draw(
        actor=supervisor, campaign=_campaign(supervisor, justice_bureau, [unit_a])
    )
    again = services.campaign_draw(
        actor=supervisor, campaign=_campaign(supervisor, justice_bureau, [unit_a], title="复核")
    )
    other = services.campaign_draw(
        actor=supervisor, campaign=_campaign(supervisor, justice_bureau, [unit_a], seed="7")
    )
    assert len(_drawn(first)) == 3
    assert _drawn(first) == _drawn(again)
    assert set(_drawn(first)) <= {c.case_number for c in ledger}  # window, procedure, kinds
    assert _drawn(other) != _drawn(first)  # another seed, another draw (checked for these seeds)
    assert first.state == CampaignState.REVIEWING


def test_a_unit_with_fewer_cases_gives_all_it_has(supervisor, justice_bureau, unit_b, ledger):
    campaign = services.campaign_draw(
        actor=supervisor, campaign=_campaign(supervisor, justice_bureau, [unit_b])
    )
    assert _drawn(campaign) == ["B-01"]


def test_automatic_deductions_confirm_override_and_score(
    supervisor, justice_bureau, unit_a, certified
):
    # one officer, no notice, served late: three automatic deductions
    make_case(
        unit_a,
        officers=certified[:1],
        case_number="A-bad",
        notice_served_on=None,
        decided_on=date(2024, 4, 15),
        served_on=date(2024, 5, 15),
    )
    campaign = services.campaign_draw(
        actor=supervisor, campaign=_campaign(supervisor, justice_bureau, [unit_a])
    )
    sheet = ScoreSheet.objects.get(campaign=campaign)
    found = {d.auto_check: d for d in sheet.deductions.all()}
    assert set(found) == {AutoCheck.OFFICERS, AutoCheck.NOTICE, AutoCheck.SERVICE}
    assert found[AutoCheck.OFFICERS].citation == "《中华人民共和国行政处罚法》第四十二条"
    assert found[AutoCheck.SERVICE].citation == "《中华人民共和国行政处罚法》第六十一条"
    assert all(d.state == DeductionState.PROPOSED and d.automatic for d in found.values())

    with pytest.raises(ValidationError, match="尚未逐项确认或撤销"):
        services.sheet_score(actor=supervisor, sheet=sheet, on=date(2024, 12, 12))
    with pytest.raises(ValidationError, match="撤销系统预扣须写明理由"):
        services.deduction_override(
            actor=supervisor, deduction=found[AutoCheck.SERVICE], reason=" ", on=date(2024, 12, 12)
        )
    services.deduction_confirm(
        actor=supervisor, deduction=found[AutoCheck.SERVICE], on=date(2024, 12, 12)
    )
    services.deduction_override(
        actor=supervisor,
        deduction=found[AutoCheck.NOTICE],
        reason="卷内有告知书送达回证，台账漏填告知日期",
        on=date(2024, 12, 12),
    )
    services.deduction_override(
        actor=supervisor,
        deduction=found[AutoCheck.OFFICERS],
        reason="案卷显示另有一名持证人员参与调查，台账漏登",
        on=date(2024, 12, 12),
    )
    item = sheet.campaign.template.items.get(text="证据确实充分，取证程序合法")
    services.deduction_add(
        actor=supervisor,
        sheet=sheet,
        item=item,
        points=Decimal("6"),
        reason="现场检查笔录无当事人签名",
        on=date(2024, 12, 12),
    )
    sheet = services.sheet_score(actor=supervisor, sheet=sheet, on=date(2024, 12, 12))
    # 100 − 4 (service) − 6 (evidence) = 90 → 优秀
    assert (sheet.score, sheet.grade) == (Decimal("90"), Grade.EXCELLENT)
    overridden = sheet.deductions.get(auto_check=AutoCheck.NOTICE)
    assert overridden.override_reason == "卷内有告知书送达回证，台账漏填告知日期"
    assert overridden.decided_by == supervisor
    (result,) = selectors.campaign_results(user=supervisor, campaign=campaign)
    assert (result.files, result.scored, result.failing, result.average) == (1, 1, 0, 90.0)
    services.campaign_close(actor=supervisor, campaign=campaign)


def test_a_confirmed_veto_item_fails_the_file(supervisor, justice_bureau, unit_a, certified):
    make_case(unit_a, officers=certified[:1], case_number="A-one")
    campaign = services.campaign_draw(
        actor=supervisor, campaign=_campaign(supervisor, justice_bureau, [unit_a])
    )
    sheet = ScoreSheet.objects.get(campaign=campaign)
    (deduction,) = sheet.deductions.all()
    services.deduction_confirm(actor=supervisor, deduction=deduction, on=date(2024, 12, 12))
    sheet = services.sheet_score(actor=supervisor, sheet=sheet, on=date(2024, 12, 12))
    assert (sheet.score, sheet.grade) == (Decimal("90"), Grade.FAIL)  # veto: 执法主体
    with pytest.raises(ValidationError, match="已评定或评查已结束"):
        services.deduction_override(
            actor=supervisor, deduction=deduction, reason="改判", on=date(2024, 12, 13)
        )


def test_only_supervisors_review_and_clerks_cannot(clerk_a, supervisor, justice_bureau, unit_a):
    with pytest.raises(ValidationError, match="只有司法局执法监督人员或依法治区办工作人员"):
        _campaign(clerk_a, justice_bureau, [unit_a])
    campaign = _campaign(supervisor, justice_bureau, [unit_a])
    with pytest.raises(ValidationError, match="只有司法局执法监督人员"):
        services.campaign_draw(actor=clerk_a, campaign=campaign)
