"""The office imports next year's holiday schedule through the two-step admin page, and the
owner of a deadline that moved sees the change on the 工作台."""

from datetime import date

import pytest
import time_machine

from e2e.conftest import e2e_login
from fazhi.core.testing.factories import TEST_PASSWORD
from fazhi.deadlines.models import CalendarVersion
from fazhi.deadlines.tests.factories import ensure_seeded_calendar, start_clock

pytestmark = pytest.mark.django_db(transaction=True)

SCHEDULE_2027 = """2027-01-01~2027-01-03,放假,元旦
2027-02-05~2027-02-11,放假,春节
2027-02-20,调休上班,春节
2027-04-03~2027-04-05,放假,清明节
2027-04-25,调休上班,劳动节
2027-05-01~2027-05-05,放假,劳动节
2027-06-12~2027-06-14,放假,端午节
2027-09-15,放假,中秋节
2027-09-26,调休上班,国庆节
2027-10-01~2027-10-07,放假,国庆节
2027-10-09,调休上班,国庆节"""


@time_machine.travel(date(2026, 12, 20), tick=True)
def test_office_imports_2027_and_the_owner_is_told(page, office_staff, clerk_a, output_dir):
    ensure_seeded_calendar()  # an earlier transactional test may have flushed the seed
    before = CalendarVersion.objects.order_by("-number").first().number
    clock = start_clock(clerk_a.unit, trigger=date(2027, 2, 3), owner=clerk_a)
    assert clock.provisional and clock.due_date == date(2027, 2, 10)

    e2e_login(page, office_staff, TEST_PASSWORD)
    page.goto(f"{page.base_url}/admin/deadlines/calendarversion/")
    page.click("#calendar-import-link")
    page.fill("input[name=year]", "2027")
    page.fill("textarea[name=text]", SCHEDULE_2027 + "\n2027-02-17,调休上班,春节")
    page.click("button[value=preview]")
    assert "本来就是工作日" in page.locator("#import-errors").inner_text()
    page.screenshot(path=str(output_dir / "import-refused.png"), full_page=True)

    page.fill("textarea[name=text]", SCHEDULE_2027)
    page.click("button[value=preview]")
    assert "1 项的截止日期将变动" in page.locator("#preview-effect").inner_text()
    assert "2027-02-05（周五） 春节放假" in page.locator("#preview-diff").inner_text()
    page.screenshot(path=str(output_dir / "import-preview.png"), full_page=True)
    page.click("button[value=confirm]")
    page.get_by_text(f"已生成第{before + 1}版日历", exact=False).wait_for(timeout=60000)
    clock.refresh_from_db()
    assert clock.due_date == date(2027, 2, 17) and not clock.provisional
    page.screenshot(path=str(output_dir / "import-done.png"), full_page=True)

    page.context.clear_cookies()
    e2e_login(page, clerk_a, TEST_PASSWORD)
    todos = page.locator("#todos").inner_text()
    assert "由 2027-02-10（周三） 调整为 2027-02-17（周三）" in todos
    page.screenshot(path=str(output_dir / "workbench-moved.png"), full_page=True)
