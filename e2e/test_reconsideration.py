"""A reconsideration officer registers an application, accepts it, reads the decision due date
with its explanation, and generates the 受理通知书 — through the real back office."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from docx import Document

from e2e.conftest import e2e_login
from fazhi.core.testing.factories import TEST_PASSWORD
from fazhi.reconsideration.models import ReconsiderationCase
from fazhi.reconsideration.tests.factories import PERSON_ID

pytestmark = pytest.mark.django_db(transaction=True)


@time_machine.travel(datetime(2024, 3, 6, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)
def test_officer_registers_accepts_and_generates_the_acceptance_notice(
    page, recon_officer, unit_a, output_dir
):
    e2e_login(page, recon_officer, TEST_PASSWORD)

    page.goto(f"{page.base_url}/admin/reconsideration/reconsiderationcase/add/")
    page.select_option("select[name=applicant_kind]", "person")
    page.fill("input[name=applicant_name]", "张三")
    page.select_option("select[name=applicant_id_type]", "resident_id")
    page.fill("input[name=applicant_id_number]", PERSON_ID)
    page.fill("input[name=applicant_phone]", "13800000000")
    page.select_option("select[name=respondent_unit]", label="蒸湘区人力资源和社会保障局")
    page.select_option("select[name=act_type]", "penalty")
    page.select_option("select[name=field]", "human_resources")
    page.fill("input[name=act_description]", "罚款5000元的行政处罚决定")
    page.fill("input[name=act_document_number]", "蒸人社罚〔2024〕3号")
    page.fill("textarea[name=request]", "撤销该行政处罚决定")
    page.select_option("select[name=channel]", "written")
    page.fill("input[name=received_on]", "2024-03-04")
    page.fill("input[name=known_on]", "2024-02-20")
    page.screenshot(path=str(output_dir / "register.png"), full_page=True)
    page.click("button[name=_save]")

    page.locator("#case-panel").wait_for()
    assert page.locator("#case-number").inner_text() == "蒸政复〔2024〕1号"
    assert page.locator("#case-status").inner_text() == "受理审查中"

    page.click("a[data-step=accept]")
    page.locator("#step-page").wait_for()
    assert page.locator("input[name=on]").input_value().replace("/", "-") == "2024-03-06"  # today
    page.click("#step-submit")

    page.locator("#decision-due").wait_for()
    assert page.locator("#case-status").inner_text() == "审理中"
    # 2024-03-06 + 60 days = 05-05, a Sunday after the 劳动节 holiday → 05-06.
    assert page.locator("#decision-due-date").inner_text() == "2024-05-06"
    explanation = page.locator("#decision-due-explanation").inner_text()
    assert "《行政复议法》第六十二条第一款" in explanation and "2024-05-06" in explanation
    page.screenshot(path=str(output_dir / "accepted.png"), full_page=True)

    with page.expect_download() as download_info:
        page.click("a[data-document=acceptance_notice]")
    download = download_info.value
    assert download.suggested_filename.endswith("受理通知书.docx")
    path = output_dir / "受理通知书.docx"
    download.save_as(str(path))
    text = "\n".join(p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs)
    case = ReconsiderationCase.objects.get()
    assert case.case_number in text and "张三" in text and "2024年5月6日" in text
    assert "蒸湘区人力资源和社会保障局" in text
