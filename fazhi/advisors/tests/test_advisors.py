"""Legal advisors: contracts, coverage of departments and villages, expiry warnings, the
service log, the Excel import, and what an advisor's account sees."""

import io
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from fazhi.advisors.imports import CONTRACT_COLUMNS
from fazhi.advisors.models import AdvisorContract, LegalAdvisor
from fazhi.advisors.selectors import contracts_expiring, department_coverage, village_coverage
from fazhi.advisors.services import contract_sign
from fazhi.advisors.tests.factories import make_advisor, make_contract, make_service
from fazhi.core.models import Unit, UnitKind
from fazhi.core.testing.factories import UnitFactory
from fazhi.core.workbench import items_for

pytestmark = pytest.mark.django_db


def test_a_contract_ends_after_it_starts_and_is_signed_before_it_ends(clerk_a, unit_a):
    advisor = make_advisor(unit_a)
    common = {
        "actor": clerk_a,
        "unit": unit_a,
        "advisor": advisor,
        "fee": Decimal("30000"),
        "scope": "常年法律顾问",
    }
    with pytest.raises(ValidationError, match="截止日不能早于"):
        contract_sign(
            **common,
            contract_number="HT-1",
            signed_on=date(2024, 1, 1),
            start_date=date(2024, 1, 1),
            end_date=date(2023, 12, 31),
        )
    with pytest.raises(ValidationError, match="签订日期不能晚于"):
        contract_sign(
            **common,
            contract_number="HT-1",
            signed_on=date(2025, 1, 2),
            start_date=date(2024, 1, 1),
            end_date=date(2024, 12, 31),
        )
    assert AdvisorContract.objects.count() == 0


def test_coverage_of_departments_and_villages(district, unit_a, unit_b):
    village = UnitFactory(name="光辉村", division=district, kind=UnitKind.VILLAGE)
    UnitFactory(name="立新社区", division=district, kind=UnitKind.COMMUNITY)
    make_contract(unit_a)
    make_contract(village)
    make_contract(unit_b, start_date=date(2022, 1, 1), end_date=date(2023, 12, 31))
    units = Unit.objects.all()
    departments = department_coverage(units, date(2024, 1, 1), date(2024, 12, 31))
    assert [u.name for u in departments.covered] == ["蒸湘区人力资源和社会保障局"]
    assert "蒸湘区卫生健康局" in [u.name for u in departments.uncovered]
    villages = village_coverage(units, date(2024, 1, 1), date(2024, 12, 31))
    assert (len(villages.covered), villages.total, villages.rate) == (1, 2, 50.0)


def test_contracts_expiring_within_sixty_days_are_warned(head_a, unit_a):
    soon = make_contract(unit_a, end_date=date(2024, 12, 31))
    make_contract(unit_a, end_date=date(2025, 6, 30))
    with time_machine.travel(date(2024, 11, 15)):
        assert list(contracts_expiring(user=head_a)) == [soon]
        _todos, warnings = items_for(head_a)
    assert [w.due_date for w in warnings if w.source == "advisors"] == [date(2024, 12, 31)]
    with time_machine.travel(date(2024, 10, 1)):
        assert list(contracts_expiring(user=head_a)) == []


def test_an_advisor_account_sees_its_own_contracts_and_services(
    advisor, advisor_user, unit_a, clerk_a
):
    mine = make_contract(unit_a, advisor=advisor)
    other = make_contract(unit_a)
    make_service(unit_a, advisor=advisor)
    assert list(AdvisorContract.objects.for_user(advisor_user)) == [mine]
    assert {mine, other} <= set(AdvisorContract.objects.for_user(clerk_a))
    assert list(LegalAdvisor.objects.for_user(advisor_user)) == [advisor]
    assert advisor_user.legal_advisor.services.count() == 1


HEADERS = [c.header for c in CONTRACT_COLUMNS]


def workbook(rows, headers=HEADERS):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "contracts.xlsx"
    return buffer


def contract_row(number, unit="光辉村", fee=6000, end=date(2026, 12, 31)):
    return [
        number, unit, "刘明", "14304201610000002", "社会律师", "湖南蒸湘律师事务所",
        date(2024, 1, 15), date(2024, 1, 1), end, fee, "一村一法律顾问", "是",
    ]  # fmt: skip


def test_contract_import_all_rows_or_none(verified_client, office_staff, district):
    UnitFactory(name="光辉村", division=district, kind=UnitKind.VILLAGE)
    UnitFactory(name="立新社区", division=district, kind=UnitKind.COMMUNITY)
    client = verified_client(office_staff)
    url = "/admin/advisors/advisorcontract/import/"
    page = client.post(
        url,
        {"file": workbook([contract_row("村顾-1"), contract_row("村顾-2", "立新社区", fee=-1)])},
    ).content.decode()
    assert "第3行“服务费用（元）”列：不能为负数" in page
    page = client.post(
        url,
        {"file": workbook([contract_row("村顾-1"), contract_row("村顾-2", end=date(2023, 1, 1))])},
    ).content.decode()
    assert "第3行" in page and "截止日不能早于" in page
    missing = [h for h in HEADERS if h != "服务范围"]
    page = client.post(
        url, {"file": workbook([contract_row("村顾-1")[:10] + ["是"]], missing)}
    ).content.decode()
    assert "第1行“服务范围”列：缺少该列" in page
    assert AdvisorContract.objects.count() == 0 and LegalAdvisor.objects.count() == 0
    response = client.post(
        url, {"file": workbook([contract_row("村顾-1"), contract_row("村顾-2", "立新社区")])}
    )
    assert response.status_code == 302
    assert AdvisorContract.objects.filter(renewal=True).count() == 2
    assert LegalAdvisor.objects.get().licence_number == "14304201610000002"


def test_the_coverage_page_names_the_departments_without_an_advisor(
    verified_client, office_staff, unit_a, unit_b
):
    make_contract(unit_a, end_date=date(2099, 12, 31))
    page = verified_client(office_staff).get("/admin/advisors/advisorcontract/coverage/")
    html = page.content.decode()
    assert "未聘请：" in html and "蒸湘区卫生健康局" in html.split("未聘请：")[1].split("</p>")[0]
    assert "蒸湘区人力资源和社会保障局" not in html.split("未聘请：")[1].split("</p>")[0]
