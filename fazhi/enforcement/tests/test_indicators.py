"""Indicators taking over the returned `enforcement.*` codes, and the problem-四 checks,
counted by hand from records the tests create."""

from datetime import date
from decimal import Decimal

import pytest

from fazhi.enforcement import services
from fazhi.enforcement.models import RemovalReason
from fazhi.enforcement.tests.factories import (
    make_case,
    make_certificate,
    make_officer,
    make_registration,
    make_session,
    make_sitting,
)
from fazhi.indicators import registry
from fazhi.indicators.registry import Source
from fazhi.indicators.selectors import findings_for, indicator_values

pytestmark = pytest.mark.django_db
TAKEN_OVER = (
    "enforcement.exam_passed",
    "enforcement.officers_removed",
    "enforcement.training_participants",
    "enforcement.case_file_reviews",
)


def test_the_returned_placeholders_are_taken_over_with_formula_text():
    for code in TAKEN_OVER:
        spec = registry.indicator(code)
        assert spec.source == Source.COMPUTED and spec.module == "fazhi.enforcement.indicators"
        assert spec.formula.strip()
    for code, spec in registry.indicators().items():
        if code.startswith("enforcement."):
            assert spec.formula.strip(), code


def test_figures_come_from_records(district, unit_a, unit_b, justice_bureau, supervisor):
    sitting_1 = make_sitting(justice_bureau, held_on=date(2024, 8, 30))
    sitting_2 = make_sitting(justice_bureau, held_on=date(2024, 10, 26))
    old = make_sitting(justice_bureau, held_on=date(2023, 10, 20))
    for passed in (True, True, False):
        make_registration(unit_a, sitting=sitting_1, passed=passed, score=Decimal(70))
    make_registration(unit_b, sitting=sitting_2, passed=True, score=Decimal(80))
    make_registration(unit_b, sitting=sitting_2)  # no result yet
    make_registration(unit_a, sitting=old, passed=True, score=Decimal(90))  # 2023
    # removals: two in 2024
    campaign = services.removal_campaign_create(
        actor=supervisor, unit=justice_bureau, title="清理", started_on=date(2024, 11, 1)
    )
    for unit in (unit_a, unit_b):
        officer = make_officer(unit, on_roll=False)
        services.officer_remove(
            actor=supervisor,
            campaign=campaign,
            officer=officer,
            reason=RemovalReason.OFF_ROLL,
            on=date(2024, 11, 20),
        )
    # training: three people at the first session, two of them again at the second
    people = [make_officer(unit_a) for _ in range(3)]
    first = make_session(justice_bureau, held_on=date(2024, 5, 31), hours=Decimal("3"))
    second = make_session(justice_bureau, held_on=date(2024, 9, 26), hours=Decimal("2"))
    services.attendance_record(actor=supervisor, session=first, officers=people)
    services.attendance_record(actor=supervisor, session=second, officers=people[:2])
    # certified at year end: two in A (one expired in 2024 does not count)
    for officer in people[:2]:
        make_certificate(officer)
    make_certificate(people[2], issued_on=date(2019, 6, 1), valid_until=date(2024, 5, 31))
    # one review campaign in 2024 (and cases for the per-officer figure)
    make_case(unit_a, closed_on=date(2024, 5, 10))
    services.campaign_create(
        actor=supervisor,
        unit=justice_bureau,
        title="2024年评查",
        held_on=date(2024, 12, 10),
        window_start=date(2023, 9, 1),
        window_end=date(2024, 8, 31),
        units=[unit_a],
        seed="1",
    )
    values = indicator_values(
        [
            *TAKEN_OVER,
            "enforcement.exam_registrations",
            "enforcement.exam_sat",
            "enforcement.exam_pass_rate",
            "enforcement.training_attendances",
            "enforcement.training_hours",
            "enforcement.training_hours_per_participant",
            "enforcement.officers_certified",
            "enforcement.cases_per_officer",
        ],
        division_or_unit=district,
        year=2024,
    )
    shown = {code: value.display for code, value in values.items()}
    assert shown == {
        "enforcement.exam_passed": "3人",  # 2 + 1, both sittings, not the 2023 one
        "enforcement.officers_removed": "2名",
        "enforcement.training_participants": "3人",  # distinct people
        "enforcement.case_file_reviews": "1次",
        "enforcement.exam_registrations": "5人次",
        "enforcement.exam_sat": "4人次",
        "enforcement.exam_pass_rate": "75%",
        "enforcement.training_attendances": "5人次",
        "enforcement.training_hours": "13学时",  # 3 × 3 + 2 × 2
        "enforcement.training_hours_per_participant": "4.3学时",  # 13 ÷ 3
        "enforcement.officers_certified": "2人",
        "enforcement.cases_per_officer": "0.5件",  # 1 ÷ 2
    }
    only_a = indicator_values(["enforcement.exam_passed"], division_or_unit=unit_a, year=2024)
    assert only_a["enforcement.exam_passed"].display == "2人"


def _findings(district, year=2024):
    return [
        f
        for f in findings_for(division_or_unit=district, year=year)
        if f.check.startswith("enforcement.")
    ]


def test_problem_four_checks_name_their_units(
    district, unit_a, unit_b, justice_bureau, supervisor, settings
):
    settings.FAZHI_ENFORCEMENT = {"officer_norm_by_kind": {"department": 3}}
    unit_a.is_enforcement_body = unit_b.is_enforcement_body = True
    unit_a.save()
    unit_b.save()
    for _ in range(3):
        make_certificate(make_officer(unit_a))
    lapsed = make_officer(unit_b, name="过期")
    make_certificate(lapsed, issued_on=date(2019, 3, 1), valid_until=date(2024, 2, 29))
    partner = make_officer(unit_b, name="搭档")
    make_certificate(partner)
    make_case(
        unit_b,
        officers=[lapsed, partner],
        case_number="B罚〔2024〕7号",
        decided_on=date(2024, 4, 15),
    )
    sitting = make_sitting(justice_bureau, held_on=date(2024, 8, 30))
    for passed in (True, False, False, False):  # B: 1 of 4 = 25%
        make_registration(unit_b, sitting=sitting, passed=passed, score=Decimal(50))
    for passed in (True, True, False):  # A: 2 of 3 = 66.67%
        make_registration(unit_a, sitting=sitting, passed=passed, score=Decimal(70))
    by_check: dict = {}
    for finding in _findings(district):
        by_check.setdefault(finding.check, []).append(finding)
    (short,) = by_check["enforcement.units_short_of_officers"]  # B has 1 (the partner)
    assert short.unit == unit_b and short.figures == {"certified": 1, "norm": 3}
    assert "持有效执法证的行政执法人员1名，低于配备标准3名" in short.message
    (low,) = by_check["enforcement.low_exam_pass_rate"]
    assert low.unit == unit_b and low.figures["rate"] == "25.00%"
    (stale,) = by_check["enforcement.lapsed_certificate_cases"]
    assert stale.unit == unit_b and "B罚〔2024〕7号" in stale.message
