"""Each role at work in the browser (issue 17): the office's 工作台 grouped by unit with the
cockpit one click away; the clerk told that the head submits; the head confirming and then
applying for 修订 of the locked return, which the office grants; printable case, review, return
and matrix. Screenshots in test-results/<test>/."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from e2e.conftest import e2e_login
from fazhi.core.testing.factories import TEST_PASSWORD
from fazhi.deadlines.services import clock_start
from fazhi.deadlines.tests.factories import WD5
from fazhi.indicators import services as returns
from fazhi.indicators.models import ReturnState
from fazhi.indicators.tests.factories import any_returned_indicator
from fazhi.reconsideration.tests.factories import case_for_unit
from fazhi.review.tests.factories import make_review

pytestmark = pytest.mark.django_db(transaction=True)


def new_page(browser, live_server):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    return page


def printed(page, path):
    """The page as printed: the sidebar and the buttons are gone, the content stays."""
    page.emulate_media(media="print")
    assert not page.locator("#nav-sidebar").is_visible()
    assert not page.locator(".fz-print").first.is_visible()
    page.screenshot(path=str(path), full_page=True)
    page.emulate_media(media="screen")


def test_the_office_goes_from_its_workbench_to_the_unit_behind_and_prints_the_matrix(
    page, office_staff, unit_a, unit_b, output_dir
):
    clock_start(
        rule_code=WD5,
        trigger_date=timezone.localdate() - timedelta(days=40),
        subject=unit_b,
        unit=unit_b,
        label=f"{unit_b.name} 受理审查",
    )
    e2e_login(page, office_staff, TEST_PASSWORD)
    group = page.locator(f"details.unit-group[data-unit='{unit_b.name}']")
    assert "1 项法定期限已逾期" in group.inner_text()
    page.screenshot(path=str(output_dir / "workbench.png"), full_page=True)
    group.locator("a.unit-link").click()
    page.wait_for_url(f"**/cockpit/unit/{unit_b.pk}/**")
    assert f"{unit_b.name} 受理审查" in page.locator("#clocks").inner_text()
    page.goto(f"{page.base_url}/admin/")
    page.click("#cockpit-link")
    page.wait_for_url("**/cockpit/")
    assert page.locator("#cockpit-matrix").is_visible()
    printed(page, output_dir / "matrix-printed.png")


def test_the_clerk_fills_the_head_confirms_and_a_locked_return_is_reopened_by_the_office(
    page, browser, live_server, clerk_a, head_a, office_staff, unit_a, output_dir
):
    indicator = any_returned_indicator()
    request = returns.return_request_open(
        actor=office_staff,
        title="2024年度法治统计",
        year=2024,
        indicators=[indicator.code],
        units=[unit_a],
        due_date=date(2099, 1, 20),
    )
    unit_return = request.returns.get()

    e2e_login(page, clerk_a, TEST_PASSWORD)
    assert "行政复议案件" not in page.locator("#nav-sidebar").inner_text()
    page.click("#todos a:has-text('2024年度法治统计')")
    assert "请本单位负责人核对并报送" in page.locator("#submit-hint").inner_text()
    page.fill(f"input[name='{indicator.code}']", "12")
    page.click("#fill button[type=submit]")
    page.screenshot(path=str(output_dir / "clerk-return.png"), full_page=True)

    head = new_page(browser, live_server)
    e2e_login(head, head_a, TEST_PASSWORD)
    head.goto(f"{live_server.url}/indicators/returns/{unit_return.pk}/")
    head.click("#submit-form button")  # not ticked: the browser asks for the confirmation
    unit_return.refresh_from_db()
    assert unit_return.state == ReturnState.DRAFT
    head.check("#submit-form input[name=confirm]")
    head.click("#submit-form button")
    head.wait_for_selector("#return-state:has-text('已报送')")
    returns.return_accept(actor=office_staff, unit_return=unit_return)
    head.reload()
    head.fill("#revision-apply input[name=reason]", "漏报一件，申请修订")
    head.click("#revision-apply button")
    assert "已向依法治区办申请修订" in head.content()
    head.screenshot(path=str(output_dir / "head-revision.png"), full_page=True)
    printed(head, output_dir / "return-printed.png")

    office = new_page(browser, live_server)
    e2e_login(office, office_staff, TEST_PASSWORD)
    office.click("#todos a:has-text('漏报一件，申请修订')")
    office.click("#revision-actions button[value=grant]")
    office.wait_for_selector("#return-state:has-text('填报中')")
    office.screenshot(path=str(output_dir / "office-granted.png"), full_page=True)
    unit_return.refresh_from_db()
    assert unit_return.state == ReturnState.DRAFT and unit_return.revision == 2


def test_the_reconsideration_officer_prints_a_case_and_the_office_a_review(
    page, browser, live_server, recon_officer, office_staff, justice_bureau, unit_a, output_dir
):
    case = case_for_unit(justice_bureau)
    review = make_review(unit_a)
    e2e_login(page, recon_officer, TEST_PASSWORD)
    page.goto(f"{page.base_url}/admin/reconsideration/reconsiderationcase/{case.pk}/change/")
    assert page.locator("li.fz-print a:has-text('打印')").is_visible()
    printed(page, output_dir / "case-printed.png")
    office = new_page(browser, live_server)
    e2e_login(office, office_staff, TEST_PASSWORD)
    office.goto(f"{live_server.url}/admin/review/reviewrequest/{review.pk}/change/")
    assert office.locator("li.fz-print a:has-text('打印')").is_visible()
    printed(office, output_dir / "review-printed.png")
