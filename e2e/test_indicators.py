"""A clerk fills a statistical return in the browser; the office clicks the figure for its source."""

from datetime import date

import pytest

from e2e.conftest import e2e_login
from fazhi.core.testing.factories import TEST_PASSWORD
from fazhi.indicators import services
from fazhi.indicators.catalog import catalog_sync

pytestmark = pytest.mark.django_db(transaction=True)


def test_return_filled_in_the_browser_shows_up_with_its_provenance(
    page, browser, live_server, clerk_a, head_a, office_staff, output_dir
):
    catalog_sync()
    # Every seed figure is computed by a register now: the office adds the figures it collects
    # by return at run time, as a real district does.
    materials = services.indicator_add(
        actor=office_staff,
        name="社区普法资料发放",
        domain="普法宣传",
        measure="份",
        formula="各社区年度派发普法资料份数之和（报告显示为“N余”）",
        approximate=1,
    ).code
    events = services.indicator_add(
        actor=office_staff,
        name="社区法治宣传活动",
        domain="普法宣传",
        measure="次",
        formula="各社区年度开展的法治宣传活动次数",
        kind="count",
    ).code
    request = services.return_request_open(
        actor=office_staff,
        title="2024年度普法统计",
        year=2024,
        indicators=[materials, events],
        units=[clerk_a.unit],
        due_date=date(2099, 1, 20),
    )
    unit_return = request.returns.get()

    e2e_login(page, clerk_a, TEST_PASSWORD)
    page.click("#todos a:has-text('2024年度普法统计')")
    page.fill(f"input[name='{materials}']", "30215")
    page.fill(f"input[name='{events}']", "四十")
    page.click("#fill button[type=submit]")
    assert "不是数字" in page.locator("#fill").inner_text()
    page.fill(f"input[name='{events}']", "43")
    page.click("#fill button[type=submit]")
    page.screenshot(path=str(output_dir / "return.png"), full_page=True)

    services.return_submit(actor=head_a, unit_return=unit_return)
    services.return_accept(actor=office_staff, unit_return=unit_return)

    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 900})
    office_page = context.new_page()
    office_page.base_url = live_server.url
    e2e_login(office_page, office_staff, TEST_PASSWORD)
    office_page.goto(f"{live_server.url}/indicators/?year=2024")
    row = office_page.locator(f"tr[data-code='{materials}']")
    assert "3万余份" in row.inner_text() and "30215份" in row.inner_text()
    row.locator("a.figure").click()
    office_page.wait_for_url("**/indicators/provenance/**")
    assert "3万余份" in office_page.locator("#value-display").inner_text()
    revisions = office_page.locator("#revisions").inner_text()
    assert clerk_a.unit.name in revisions and str(head_a) in revisions and "第1版" in revisions
    office_page.screenshot(path=str(output_dir / "provenance.png"), full_page=True)
    context.close()
