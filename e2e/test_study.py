"""学法 through the real back office: a department clerk records a study session, choosing the
laws from the city's 应知应会 list and the unit's leaders who attended; the office sees that
unit's count and coverage rise on its overview of every unit."""

from datetime import date

import pytest
from django.utils import timezone

from e2e.conftest import e2e_login
from fazhi.core.testing.factories import TEST_PASSWORD
from fazhi.study.models import StudySession
from fazhi.study.tests.factories import make_law_list, make_staff

pytestmark = pytest.mark.django_db(transaction=True)


def as_user(browser, live_server, user):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    e2e_login(page, user, TEST_PASSWORD)
    return context, page


def _row(page, unit_name):
    return page.locator(f"#study-overview tr[data-unit='{unit_name}']")


def test_clerk_records_a_study_session_and_the_office_sees_the_count_rise(
    browser, live_server, clerk_a, office_staff, district, output_dir
):
    year = timezone.localdate().year
    make_law_list(district.parent, year=year - 1)  # the list in force this year
    head = make_staff(clerk_a.unit, name="李强", position="局长", is_leader=True)
    make_staff(clerk_a.unit, name="王敏", position="副局长", is_leader=True)
    unit = clerk_a.unit.name

    # 1. The office's overview before: the unit has studied nothing this year.
    office_context, office_page = as_user(browser, live_server, office_staff)
    office_page.goto(f"{live_server.url}/admin/study/studysession/overview/")
    assert _row(office_page, unit).locator("[data-col=total]").inner_text() == "0"
    assert "应不少于4次" in _row(office_page, unit).locator("[data-col=reasons]").inner_text()

    # 2. The clerk records a session with two laws from the list and the head who attended.
    clerk_context, page = as_user(browser, live_server, clerk_a)
    page.goto(f"{live_server.url}/admin/study/studysession/add/")
    assert page.locator("select[name=unit]").count() == 0  # a clerk records for their own unit
    page.select_option("select[name=kind]", "central_group")
    page.fill("input[name=held_on]", date(year, 1, 1).replace(day=2).isoformat())
    page.fill("input[name=topic]", "学习民法典和行政复议法")
    page.get_by_label("《民法典》").check()
    page.get_by_label("《行政复议法》").check()
    page.get_by_label("李强（局长）").check()
    page.screenshot(path=str(output_dir / "1-clerk-form.png"), full_page=True)
    page.click("#action-submit")
    page.wait_for_selector("#object-actions, #form-errors")
    assert page.locator("#form-errors, .errorlist").count() == 0
    session = StudySession.objects.get(unit=clerk_a.unit)
    assert {law.title for law in session.laws.all()} == {"民法典", "行政复议法"}
    assert list(session.attendees.all()) == [head]
    assert session.recorded_by == clerk_a
    page.screenshot(path=str(output_dir / "2-recorded.png"), full_page=True)
    clerk_context.close()

    # 3. The office reloads its overview: one session, two of the four laws covered.
    office_page.goto(f"{live_server.url}/admin/study/studysession/overview/?year={year}")
    row = _row(office_page, unit)
    assert row.locator("[data-col=total]").inner_text() == "1"
    assert row.locator("[data-col=coverage]").inner_text() == "2 / 4（50.0%）"
    office_page.screenshot(path=str(output_dir / "3-office-overview.png"), full_page=True)
    assert (output_dir / "3-office-overview.png").stat().st_size > 10_000
    office_context.close()
