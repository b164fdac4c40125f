"""Excel import of catalog items and of decisions taken before the platform."""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from fazhi.decisions.imports import CATALOG_ITEM_COLUMNS, DECISION_COLUMNS
from fazhi.decisions.models import CatalogItem, DecisionCatalog, MajorDecision

pytestmark = pytest.mark.django_db


def workbook(headers, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "ledger.xlsx"
    return buffer


ITEM_HEADERS = [c.header for c in CATALOG_ITEM_COLUMNS]
ITEM = ["蒸湘区人力资源和社会保障局", 2024, "蒸湘区就业促进三年行动计划", "重大公共政策和措施",
        "蒸湘区人力资源和社会保障局", "", date(2024, 9, 30)]  # fmt: skip


def test_catalog_items_are_imported_into_the_units_catalog(client, clerk_a):
    client.force_login(clerk_a)
    response = client.post(
        "/admin/decisions/catalogitem/import/", {"file": workbook(ITEM_HEADERS, [ITEM])}
    )
    assert response.status_code == 302
    catalog = DecisionCatalog.objects.get()
    assert catalog.unit == clerk_a.unit and catalog.year == 2024
    assert catalog.items.get().lead_unit == clerk_a.unit


def test_an_item_with_no_lead_unit_refuses_the_whole_file(client, clerk_a):
    client.force_login(clerk_a)
    bad = ITEM[:4] + [None] + ITEM[5:]
    page = client.post(
        "/admin/decisions/catalogitem/import/", {"file": workbook(ITEM_HEADERS, [ITEM, bad])}
    ).content.decode()
    assert "第3行“承办单位”列：不能为空" in page
    assert CatalogItem.objects.count() == 0 and DecisionCatalog.objects.count() == 0


def test_a_file_missing_a_column_is_refused(client, clerk_a):
    client.force_login(clerk_a)
    headers = [h for h in ITEM_HEADERS if h != "计划完成时间"]
    page = client.post(
        "/admin/decisions/catalogitem/import/", {"file": workbook(headers, [ITEM[:-1]])}
    ).content.decode()
    assert "第1行“计划完成时间”列：缺少该列" in page
    assert CatalogItem.objects.count() == 0


def test_history_keeps_a_decision_taken_without_an_advisors_opinion(client, clerk_a):
    client.force_login(clerk_a)
    headers = [c.header for c in DECISION_COLUMNS]
    row = ["蒸湘区人力资源和社会保障局", 2024, "蒸湘区见习补贴标准调整", "重大公共政策和措施",
           "蒸湘区人力资源和社会保障局", "", date(2024, 6, 18), ""]  # fmt: skip
    undiscussed = row[:5] + ["已公布执行", None, ""]
    page = client.post(
        "/admin/decisions/majordecision/import/", {"file": workbook(headers, [row, undiscussed])}
    ).content.decode()
    assert "第3行“集体讨论日期”列" in page
    assert MajorDecision.objects.count() == 0
    response = client.post(
        "/admin/decisions/majordecision/import/", {"file": workbook(headers, [row])}
    )
    assert response.status_code == 302
    decision = MajorDecision.objects.get()
    assert decision.imported and decision.discussed_on == date(2024, 6, 18)
