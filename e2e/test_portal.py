"""The public portal in a real browser at phone and desktop width: a district's home, its
published annual report and decision catalog; tables become cards on the phone; screenshots
in test-results/<test>/."""

import pytest

from fazhi.portal.tests.factories import published_records

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1400, "height": 900}}


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_portal_pages_at_phone_and_desktop_width(
    browser, live_server, district, unit_a, unit_b, output_dir, device
):
    records = published_records(unit_a, unit_b)
    context = browser.new_context(
        locale="zh-CN", viewport=WIDTHS[device], is_mobile=device == "phone"
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        page.goto(f"{live_server.url}/portal/")
        page.click("text=蒸湘区")
        page.wait_for_url(f"**/portal/{district.code}/")
        assert page.locator("h1").inner_text() == "蒸湘区法治政府建设"
        assert page.locator("text=卫健局目录").count() == 0  # not published: not listed
        row = page.locator("#reports ~ table tbody tr").first
        if device == "phone":
            # a card: the row is a block and the header row is hidden
            assert row.evaluate("r => getComputedStyle(r).display") == "block"
            assert page.locator("#reports ~ table thead").first.is_hidden()
        else:
            assert row.evaluate("r => getComputedStyle(r).display") == "table-row"
        no_overflow = "document.documentElement.scrollWidth <= window.innerWidth + 1"
        assert page.evaluate(no_overflow)
        page.screenshot(path=str(output_dir / f"{device}-district.png"), full_page=True)

        page.click(f"a[href$='/reports/{records['report'].pk}/']")
        page.wait_for_url(f"**/reports/{records['report'].pk}/")
        assert "2023" in page.locator("h1").inner_text()
        with page.expect_download() as download:
            page.click("text=下载 Word 文档（.docx）")
        assert download.value.suggested_filename.endswith(".docx")
        assert page.evaluate(no_overflow)
        page.screenshot(path=str(output_dir / f"{device}-report.png"), full_page=True)

        page.goto(f"{live_server.url}/portal/{district.code}/catalogs/{records['catalog'].pk}/")
        assert page.locator("text=制定就业补贴发放办法").is_visible()
        assert page.evaluate(no_overflow)
        page.screenshot(path=str(output_dir / f"{device}-catalog.png"), full_page=True)

        for name, path in (("legal-aid", "legal-aid/2024/"), ("advisors", "advisors/")):
            response = page.goto(f"{live_server.url}/portal/{district.code}/{path}")
            assert response.status == 200
            assert page.evaluate(no_overflow)
            page.screenshot(path=str(output_dir / f"{device}-{name}.png"), full_page=True)

        hidden = records["hidden_report"].pk
        response = page.goto(f"{live_server.url}/portal/{district.code}/reports/{hidden}/")
        assert response.status == 404
    finally:
        context.close()
