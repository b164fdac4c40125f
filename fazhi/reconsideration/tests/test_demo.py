"""The demo district's 2024 caseload reproduces the seed report's figures from case records."""

from decimal import Decimal

import pytest

from fazhi.indicators.selectors import check_stated, findings_for, indicator_values
from fazhi.reconsideration.models import CaseStatus, ReconsiderationCase

pytestmark = pytest.mark.django_db


def test_demo_cases_give_the_seed_figures_and_the_upheld_rate_finding():
    from fazhi.core.models import Division
    from fazhi.demo.structure import load_structure
    from fazhi.demo.users import load_users
    from fazhi.litigation.demo import load_litigation
    from fazhi.litigation.models import Lawsuit
    from fazhi.reconsideration.demo import load_reconsideration

    units = load_structure()
    context = {"units": units, "users": load_users(units)}
    summary = load_reconsideration(context) + load_litigation(context)
    district = Division.objects.get(code="430408")
    values = indicator_values(
        division_or_unit=district,
        year=2024,
        codes=[
            "reconsideration.received",
            "reconsideration.accepted",
            "reconsideration.closed",
            "reconsideration.corrected",
            "reconsideration.mediated_or_settled",
            "reconsideration.upheld_rate",
            "reconsideration.correction_rate",
            "reconsideration.carried_over",
            "reconsideration.pending_at_year_end",
            "litigation.first_instance",
            "litigation.appeal",
            "litigation.head_appearance_rate",
        ],
    )
    got = {code: v.value for code, v in values.items()}
    assert got["reconsideration.received"] == 99
    assert got["reconsideration.accepted"] == 91
    assert got["reconsideration.closed"] == 80
    assert got["reconsideration.corrected"] == 19
    assert got["reconsideration.mediated_or_settled"] == 18
    assert got["litigation.first_instance"] == 18
    assert got["litigation.appeal"] == 6
    assert values["litigation.head_appearance_rate"].display == "100%"
    assert (
        got["reconsideration.carried_over"] == 2
        and got["reconsideration.pending_at_year_end"] == 13
    )
    # 维持率: every variant is computed and labelled; none equals the seed's 75%.
    variants = {v.code: v for v in values["reconsideration.upheld_rate"].variants}
    # A = 38 ÷ 59, B = (38 + 2) ÷ 59, C = (80 − 19) ÷ 80; 纠错率 = 19 ÷ 59.
    assert variants["reconsideration.upheld_rate.a"].display == "64.41%"
    assert variants["reconsideration.upheld_rate.b"].display == "67.80%"
    assert variants["reconsideration.upheld_rate.c"].value == Decimal("76.25")
    assert values["reconsideration.correction_rate"].display == "32.20%"
    stated = check_stated("reconsideration.upheld_rate", 75, division_or_unit=district, year=2024)
    assert stated and "75" in stated[0].message
    assert "新收 99件" in summary and "负责人出庭率 100%" in summary
    # The declared relations (parts sum to the whole, accepted ≤ received, …) all hold.
    relation_findings = [
        f
        for f in findings_for(division_or_unit=district, year=2024)
        if f.check.startswith(("reconsideration.", "litigation."))
        and f.check
        in {
            "reconsideration.accepted_within_received",
            "reconsideration.closed_within_caseload",
            "reconsideration.corrected_by_type_sum",
            "reconsideration.closed_by_outcome_sum",
            "reconsideration.received_by_field_sum",
        }
    ]
    assert relation_findings == []
    # Realistic spread: several respondents, every quarter, some suspended, some overdue.
    cases = ReconsiderationCase.objects.filter(received_on__year=2024)
    assert cases.values("respondent_unit").distinct().count() >= 8
    assert {d.month for d in cases.values_list("received_on", flat=True)} >= {1, 4, 7, 10}
    assert ReconsiderationCase.objects.filter(status=CaseStatus.SUSPENDED).count() == 3
    assert ReconsiderationCase.objects.filter(decided_on_time=False).count() >= 3
    assert ReconsiderationCase.objects.filter(deemed_accepted=True).count() == 2
    assert Lawsuit.objects.filter(instance="appeal", first_instance__isnull=False).count() == 6
    # Idempotent: a second run adds nothing.
    lawsuits = Lawsuit.objects.count()
    again = {"units": units, "users": context["users"]}
    load_reconsideration(again)
    load_litigation(again)
    assert ReconsiderationCase.objects.count() == 101
    assert Lawsuit.objects.count() == lawsuits
