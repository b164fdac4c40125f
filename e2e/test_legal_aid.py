"""A legal aid officer registers an application, marks it incomplete (the review clock stops),
completes it, grants and assigns it, and generates the 指派通知书 — through the back office."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from docx import Document

from e2e.conftest import e2e_login
from fazhi.core.models import Role
from fazhi.core.testing.factories import TEST_PASSWORD, UserFactory
from fazhi.legal_aid.models import AidCase
from fazhi.legal_aid.tests.factories import resident_id

pytestmark = pytest.mark.django_db(transaction=True)

APPLICANT_ID = resident_id("19760405", 77)


def step(page, action, **fields):
    page.click(f"a[data-action={action}]")
    page.locator("#action-form").wait_for()
    for name, value in fields.items():
        selector = f"[name={name}]"
        if page.locator(f"select{selector}").count():
            page.select_option(f"select{selector}", value)
        else:
            page.fill(selector, value)
    page.click("#action-submit")
    page.locator("#case-panel").wait_for()


def review_clock(page):
    clock = page.locator(".clock[data-rule='legal_aid.review']")
    return clock.locator(".clock-due").inner_text(), clock.locator(".clock-state").inner_text()


@time_machine.travel(datetime(2024, 10, 9, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)
def test_officer_registers_corrects_grants_assigns_and_generates_the_assignment_notice(
    page, justice_bureau, output_dir
):
    officer = UserFactory(
        username="aid_officer", unit=justice_bureau, roles=[Role.CLERK], password=TEST_PASSWORD
    )
    e2e_login(page, officer, TEST_PASSWORD)

    page.goto(f"{page.base_url}/admin/legal_aid/aidcase/add/")
    page.select_option("select[name=origin]", "application")
    page.select_option("select[name=channel]", "visit")
    page.select_option("select[name=category]", "civil")
    page.select_option("select[name=matter]", "labour")
    page.fill("input[name=received_on]", "2024-09-30")
    page.fill("input[name=applicant_name]", "刘一")
    page.select_option("select[name=applicant_gender]", "male")
    page.fill("input[name=applicant_id_number]", APPLICANT_ID)
    page.fill("input[name=applicant_phone]", "13912345678")
    page.fill("input[name=applicant_address]", "蒸湘区呈祥街道某小区3栋")
    page.fill("textarea[name=summary]", "追索拖欠的劳动报酬3万元")
    page.select_option("select[name=means_test]", "passed")
    page.screenshot(path=str(output_dir / "register.png"), full_page=True)
    page.click("#action-submit")

    page.locator("#case-panel").wait_for()
    assert page.locator("#case-number").inner_text() == "法援〔2024〕1号"
    assert page.locator("#case-state").inner_text() == "审查中"
    # Received Mon 09-30; National Day 10-01..07; 7 working days: 10-08..11, Sat 10-12 (调休), 14, 15.
    assert review_clock(page)[0] == "2024-10-15"
    assert APPLICANT_ID not in page.content()  # masked on the page

    step(page, "request_correction", items="劳动合同或工资流水")  # on = today, 10-09
    assert page.locator("#case-state").inner_text() == "待补正"
    assert review_clock(page)[1] == "已中止"
    page.screenshot(path=str(output_dir / "incomplete.png"), full_page=True)

    step(page, "complete", on="2024-10-14")
    assert page.locator("#case-state").inner_text() == "审查中"
    # 10-08 and 10-09 used; counting restarts 10-15: 15, 16, 17, 18, 21 → due 10-21.
    assert review_clock(page) == ("2024-10-21", "计时中")

    step(page, "grant", on="2024-10-15")
    assert page.locator("#case-state").inner_text() == "已决定给予（待指派）"
    step(
        page,
        "assign",
        on="2024-10-16",
        provider_kind="lawyer",
        provider_name="王律师",
        provider_org="湖南某律师事务所",
    )
    assert page.locator("#case-state").inner_text() == "已指派（办理中）"
    page.screenshot(path=str(output_dir / "assigned.png"), full_page=True)

    with page.expect_download() as download_info:
        page.click("a[data-document=assignment_notice]")
    download = download_info.value
    assert download.suggested_filename.endswith("指派通知书.docx")
    path = output_dir / "指派通知书.docx"
    download.save_as(str(path))
    text = "\n".join(p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs)
    assert "指派通知书" in text and "法援〔2024〕1号" in text
    assert "湖南某律师事务所：" in text and "现指派王律师（律师）" in text
    assert "刘一" in text and "指派日期：2024年10月16日" in text
    assert APPLICANT_ID not in text
    case = AidCase.objects.get()
    assert case.state == "assigned" and case.provider_name == "王律师"
