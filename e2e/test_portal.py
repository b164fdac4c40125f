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


@pytest.mark.parametrize("device", ["phone", "desktop"])
def test_disclosure_reports_and_normative_documents_at_phone_and_desktop_width(
    browser, live_server, district, unit_a, unit_b, output_dir, device
):
    records = published_records(unit_a, unit_b)
    context = browser.new_context(
        locale="zh-CN", viewport=WIDTHS[device], is_mobile=device == "phone"
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    no_overflow = "document.documentElement.scrollWidth <= window.innerWidth + 1"
    display = "r => getComputedStyle(r).display"
    try:
        page.goto(f"{live_server.url}/portal/{district.code}/")
        shown, hidden = records["disclosure_report"], records["hidden_disclosure_report"]
        assert page.locator(f"text={hidden.title}").count() == 0  # not yet published
        page.click(f"text={shown.title}")
        page.wait_for_url(f"**/disclosure-reports/{shown.pk}/")
        assert page.locator("h1").inner_text() == shown.title
        assert page.locator("h2", has_text="三、收到和处理政府信息公开申请情况").is_visible()
        row = page.locator("article table tbody tr").first
        assert row.evaluate(display) == ("block" if device == "phone" else "table-row")
        if device == "phone":  # each value labelled by its column
            cell = row.locator("td").nth(1)
            label = cell.evaluate("c => getComputedStyle(c, '::before').content")
            assert "本年公开（条）" in label
        assert page.evaluate(no_overflow)
        page.screenshot(path=str(output_dir / f"{device}-disclosure-report.png"), full_page=True)
        with page.expect_download() as download:
            page.click("text=下载 Word 文档（.docx）")
        assert download.value.suggested_filename.endswith(".docx")
        base = f"{live_server.url}/portal/{district.code}/disclosure-reports"
        for path in (f"{hidden.pk}/", f"{hidden.pk}/download/", f"2023-{hidden.unit_id}/"):
            assert page.goto(f"{base}/{path}").status == 404

        page.goto(f"{live_server.url}/portal/{district.code}/")
        page.click("ul.nav >> text=行政规范性文件")
        page.wait_for_url(f"**/portal/{district.code}/normdocs/")
        document = records["document"]
        assert page.locator(f"text={document.title}").is_visible()
        assert page.locator("text=蒸湘区就业见习补贴暂行办法").count() == 0  # repealed
        page.fill("input[name=q]", "高校毕业生")
        page.click("button:has-text('检索')")
        page.wait_for_url("**/normdocs/?q=*")
        assert page.locator("#normdocs tbody tr").count() == 1
        first = page.locator("#normdocs tbody tr").first
        assert first.evaluate(display) == ("block" if device == "phone" else "table-row")
        assert page.evaluate(no_overflow)
        page.screenshot(path=str(output_dir / f"{device}-normdocs.png"), full_page=True)

        page.click(f"text={document.title}")
        page.wait_for_url(f"**/portal/normdocs/{document.registration_number}/")
        assert page.locator("#history").is_visible()
        assert page.locator("text=蒸湘区就业见习补贴暂行办法").is_visible()
        assert page.locator("text=为促进高校毕业生就业见习").is_visible()
        assert page.evaluate(no_overflow)
        page.screenshot(path=str(output_dir / f"{device}-normdoc.png"), full_page=True)
    finally:
        context.close()
