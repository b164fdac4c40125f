"""Office staff open the 2024 annual report draft, click a figure and see its source records,
edit a sentence, and export the 公文 .docx."""

import io

import pytest
from docx import Document

from e2e.conftest import e2e_login
from fazhi.core.models import User
from fazhi.demo.loader import load_demo
from fazhi.demo.users import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_office_opens_the_draft_checks_a_figure_edits_and_exports(page, output_dir):
    load_demo()
    office = User.objects.get(username="office")
    e2e_login(page, office, DEMO_PASSWORD)

    page.goto(f"{page.base_url}/reports/")
    page.select_option("select[name=unit]", label="衡阳市蒸湘区人民政府")
    page.select_option("select[name=year]", value="2024")
    page.click("#open-report button[type=submit]")
    page.wait_for_url("**/reports/*/")
    assert "导出前检查" in page.locator("#warnings").inner_text()
    page.screenshot(path=str(output_dir / "draft-top.png"))
    assert "维持率达75%" in page.locator("#warnings").inner_text()

    # A figure from a register: its source records, with links to each record.
    figure = page.locator('#preview a.figure[data-code="reconsideration.received"]')
    assert figure.inner_text() == "99"
    assert "口径" in figure.get_attribute("title")
    figure.click()
    page.wait_for_url("**/figures/reconsideration.received/")
    assert page.locator("#value-display").inner_text().startswith("99")
    records = page.locator("#records .record")
    assert records.count() >= 1 and "登记记录（共 99 条" in page.locator("#records").inner_text()
    page.screenshot(path=str(output_dir / "figure-source.png"), full_page=True)
    page.go_back()

    # A figure of the government-services register: the imported service applications.
    page.click('#preview a.figure[data-code="services.applications"]')
    records_text = page.locator("#records").inner_text()
    assert "登记记录（共 49287 条" in records_text and "蒸湘区政务服务中心" in records_text
    assert page.locator("#records .record").count() >= 1
    page.go_back()

    # Edit one sentence of the leaders' section.
    page.click("#section-leaders a.edit-section")
    body = page.locator("#section-body")
    text = body.input_value()
    assert "其他部门党政主要负责人书面述法。" in text
    body.fill(
        text.replace("其他部门党政主要负责人书面述法。", "其他部门党政主要负责人全部书面述法。")
    )
    page.click("#save-section")
    page.wait_for_url("**/reports/*/#section-leaders")
    assert "全部书面述法" in page.locator("#section-leaders").inner_text()
    assert "赵敏" in page.locator("#versions").inner_text()

    with page.expect_download() as download_info:
        page.click("#export-docx")
    path = output_dir / "report-2024.docx"
    download_info.value.save_as(path)
    text = "\n".join(p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs)
    assert "其他部门党政主要负责人全部书面述法。" in text
    assert "公共服务项目49287件" in text and "新收行政复议案件99起" in text
    page.screenshot(path=str(output_dir / "draft.png"), full_page=True)
