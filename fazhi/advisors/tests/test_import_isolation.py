"""The contract import looks up advisors only among those the importing user may see: another
unit's advisor is "not found", with no name or unit in the message (security.md B1)."""

from datetime import date
from decimal import Decimal

import pytest

from fazhi.advisors.imports import contract_import
from fazhi.advisors.models import AdvisorContract, LegalAdvisor
from fazhi.advisors.tests.factories import make_advisor
from fazhi.core.xlsx import ImportProblems


def row(unit_name, advisor, licence=""):
    return {
        "_row": 2,
        "contract_number": "乙-HT-1",
        "unit": unit_name,
        "advisor": advisor,
        "licence_number": licence,
        "kind": None,
        "organisation": "",
        "signed_on": date(2024, 1, 5),
        "start_date": date(2024, 1, 1),
        "end_date": date(2024, 12, 31),
        "fee": Decimal("1000"),
        "scope": "日常法律咨询",
        "renewal": False,
    }


@pytest.mark.django_db
def test_another_units_licence_number_reveals_nothing(clerk_b, unit_a):
    make_advisor(unit_a, name="王甲律师", licence_number="14304201610000009")
    with pytest.raises(ImportProblems) as refused:
        contract_import(actor=clerk_b, rows=[row(clerk_b.unit.name, "李四", "14304201610000009")])
    text = str(refused.value)
    assert "王甲律师" not in text and unit_a.name not in text
    assert text == "第2行“执业证号”列：执业证号14304201610000009不在本账号可见的法律顾问名册中"
    assert AdvisorContract.objects.count() == 0


@pytest.mark.django_db
def test_a_name_alone_never_links_another_units_advisor(clerk_b, unit_a):
    theirs = make_advisor(unit_a, name="王甲律师")
    assert contract_import(actor=clerk_b, rows=[row(clerk_b.unit.name, "王甲律师")]) == 1
    contract = AdvisorContract.objects.get()
    assert contract.advisor_id != theirs.pk
    assert contract.advisor.unit_id == clerk_b.unit_id
    assert LegalAdvisor.objects.filter(name="王甲律师").count() == 2
