"""A normative document through the real back office: a department clerk drafts it and sends it to
legality review, the justice bureau's reviewer approves it, the department discusses it at its
meeting, the clerk publishes it with its registration number, and the 15-day filing clock
appears on the clerk's 工作台."""

import pytest
from django.utils import timezone

from e2e.conftest import e2e_login
from fazhi.core.models import Role
from fazhi.core.testing.factories import TEST_PASSWORD, UserFactory
from fazhi.deadlines.selectors import clock_for
from fazhi.meetings.models import Meeting
from fazhi.normdocs.models import DocState, NormativeDocument
from fazhi.review.models import ReviewRequest

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "蒸湘区就业见习补贴管理办法"


def as_user(browser, live_server, user):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    e2e_login(page, user, TEST_PASSWORD)
    return context, page


def run_action(page, name):
    page.click(f"#object-actions a[data-action='{name}']")
    page.wait_for_selector("#action-form")


def submit_action(page):
    page.click("#action-submit")
    page.wait_for_selector("#object-actions, #form-errors")
    errors = page.locator("#form-errors, .errorlist")
    assert errors.count() == 0, errors.first.inner_text()


def test_clerk_drafts_reviewer_approves_meeting_discusses_clerk_publishes_and_files(
    browser, live_server, clerk_a, justice_bureau, output_dir
):
    reviewer = UserFactory(username="reviewer_e2e", unit=justice_bureau, roles=[Role.CLERK])
    today = timezone.localdate()

    # 1. The department clerk drafts the document and sends it to legality review.
    clerk_context, page = as_user(browser, live_server, clerk_a)
    page.goto(f"{live_server.url}/admin/normdocs/normativedocument/add/")
    page.fill("input[name=title]", TITLE)
    page.select_option("select[name=issuer_kind]", "department")
    page.fill(
        "textarea[name=body]",
        "第一条 为规范本区就业见习补贴的申领和发放，制定本办法。\n第二条 见习补贴按月发放。",
    )
    submit_action(page)
    document = NormativeDocument.objects.get(title=TITLE)
    assert document.state == DocState.DRAFTING and document.unit == clerk_a.unit

    run_action(page, "submit_for_review")
    page.fill("textarea[name=drafting_note]", "为规范见习补贴发放而制定。")
    page.fill("textarea[name=legal_basis]", "《中华人民共和国就业促进法》")
    page.fill(
        "textarea[name=consultation_exempt_reason]", "仅涉及补贴发放程序，已书面征求相关单位意见。"
    )
    submit_action(page)
    assert "合法性审核中" in page.locator("#content-main").inner_text()
    page.screenshot(path=str(output_dir / "1-sent-to-review.png"), full_page=True)
    review = ReviewRequest.objects.get(title=TITLE)
    assert review.reviewer_unit == justice_bureau

    # Publishing now is refused, naming the rule.
    publish_refusal = page.locator("[data-refusal='publish']").inner_text()
    assert "N4" in publish_refusal and "L1" in publish_refusal

    # 2. The justice bureau's reviewer finds it on the 工作台 and approves it.
    reviewer_context, reviewer_page = as_user(browser, live_server, reviewer)
    assert TITLE in reviewer_page.locator("#todos").inner_text()
    reviewer_page.goto(f"{live_server.url}/admin/review/reviewrequest/{review.pk}/change/")
    run_action(reviewer_page, "decide")
    reviewer_page.select_option("select[name=outcome]", "approved")
    for part in ("authority", "procedure", "content"):
        reviewer_page.select_option(f"select[name={part}_ok]", "1")
    reviewer_page.fill("textarea[name=authority_opinion]", "制定主体适格，未超越法定权限。")
    reviewer_page.fill("textarea[name=procedure_opinion]", "起草、征求意见程序完备。")
    reviewer_page.fill(
        "textarea[name=content_opinion]", "内容符合上位法，未设定许可、处罚、强制、收费。"
    )
    reviewer_page.check("input[name=n3_confirmed]")
    submit_action(reviewer_page)
    reviewer_page.screenshot(path=str(output_dir / "2-approved.png"), full_page=True)
    reviewer_context.close()
    document.refresh_from_db()
    assert document.state == DocState.REVIEW_PASSED

    # 3. The department records its meeting and the document is discussed there.
    page.goto(f"{live_server.url}/admin/meetings/meeting/add/")
    page.select_option("select[name=kind]", "department")
    page.fill("input[name=held_on]", today.isoformat())
    page.fill("input[name=title]", "局务会议")
    submit_action(page)
    meeting = Meeting.objects.get(unit=clerk_a.unit)
    page.goto(f"{live_server.url}/admin/normdocs/normativedocument/{document.pk}/change/")
    run_action(page, "discuss")
    page.select_option("select[name=meeting]", str(meeting.pk))
    page.select_option("select[name=outcome]", "approved")
    submit_action(page)
    document.refresh_from_db()
    assert document.state == DocState.DISCUSSED

    # 4. 统一登记、编号、公布: the registration number is proposed by the configured pattern.
    run_action(page, "publish")
    number = page.input_value("input[name=registration_number]")
    assert number == f"ZXDR-{today.year}-00001"
    page.fill("input[name=valid_until]", today.replace(year=today.year + 5).isoformat())
    submit_action(page)
    assert page.locator("#registration-number").inner_text() == f"统一登记号：{number}"
    page.screenshot(path=str(output_dir / "3-published.png"), full_page=True)
    document.refresh_from_db()
    assert document.state == DocState.PUBLISHED and document.registration_number == number

    # 5. The filing clock (15 days, N7) is on the clerk's 工作台.
    clock = clock_for(document, "normdocs.filing")
    page.goto(f"{live_server.url}/admin/")
    todos = page.locator("#todos").inner_text()
    assert f"规范性文件待报备：《{TITLE}》" in todos
    assert f"截止 {clock.due_date:%Y-%m-%d}" in todos
    page.screenshot(path=str(output_dir / "4-workbench-filing-clock.png"), full_page=True)
    assert (output_dir / "4-workbench-filing-clock.png").stat().st_size > 10_000
    clerk_context.close()
