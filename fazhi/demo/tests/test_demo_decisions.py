"""The demo district's 2024 decision-making chain: the seed's figures come out of the registers
through the indicators, and the compliance findings name the seed's problem units."""

from decimal import Decimal

import pytest

from fazhi.core.models import Division
from fazhi.demo import decisions as demo
from fazhi.demo.structure import DISTRICT, load_structure
from fazhi.demo.users import load_users
from fazhi.indicators.selectors import findings_for, indicator_values
from fazhi.meetings.models import Meeting

SEED = {
    "decisions.executive_meetings": (20, "20次"),
    "decisions.items_discussed": (123, "120余项"),
    "review.documents": (412, "400余件"),
    "review.minutes": (55, "55件"),
    "review.contracts": (25, "25件"),
    "review.department_documents": (23, "20余件"),
    "normdocs.filed": (1, "1件"),
    "normdocs.cleanup_fair_competition": (1, "1次"),
    "normdocs.cleanup_invalidated_upstream": (1, "1次"),
    "normdocs.declared_invalid": (6, "6件"),
    "normdocs.remains_valid": (16, "16件"),
    "normdocs.repealed": (1, "1件"),
    "advisors.village_contracts": (54, "54个"),
}


@pytest.mark.django_db
def test_the_seed_comes_out_of_the_registers_and_the_findings_name_the_problem_units():
    """One load (it takes seconds), then every check of issue 6's "It must show"."""
    context = {"units": load_structure()}
    context["users"] = load_users(context["units"])
    demo.load_decision_chain(context)
    district = Division.objects.get(code=DISTRICT[0])

    values = indicator_values(
        [*SEED, "normdocs.filing_rate", "normdocs.filing_timely_rate"],
        division_or_unit=district,
        year=2024,
    )
    got = {code: (int(values[code].value), values[code].display) for code in SEED}
    assert got == SEED
    assert values["review.documents"].provenance.record_count == 412
    assert values["normdocs.filing_rate"].value == Decimal(100)
    assert values["normdocs.filing_timely_rate"].value == Decimal(100)

    findings = findings_for(division_or_unit=district, year=2024)
    by_check: dict[str, set[str]] = {}
    for finding in findings:
        by_check.setdefault(finding.check, set()).add(finding.unit.name)
    assert by_check["decisions.catalog_missing"] == {
        "蒸湘区退役军人事务局",
        "蒸湘区统计局",
        "蒸湘区医疗保障局",
    }
    assert by_check["advisors.department_without_advisor"] == {"蒸湘区退役军人事务局"}
    assert by_check["decisions.discussed_without_advisor_opinion"] == {"蒸湘区退役军人事务局"}
    for check in (
        "normdocs.filing_late",
        "normdocs.expired_still_in_force",
        "normdocs.periodic_cleanup_missing",
    ):
        assert check not in by_check
    unpublished = next(
        f for f in findings if f.check == "decisions.catalog_missing" and "医疗保障局" in f.message
    )
    assert "未经党委同意后向社会公布" in unpublished.message

    assert "已载入" in demo.load_decision_chain(context)
    assert Meeting.objects.filter(kind="executive", held_on__year=2024).count() == 20
