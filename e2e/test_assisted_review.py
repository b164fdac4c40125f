"""Assisted legality review in the real back office (issue 20): the justice bureau's reviewer
uploads a draft with three planted defects, sees three flags each with its article, accepts two,
dismisses one with a reason, and generates the 合法性审查意见书 holding the two (the .docx is
opened and read). An encrypted .docx is refused in Chinese first, and nothing is stored."""

import io
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from e2e.conftest import e2e_login
from fazhi.core.models import Role
from fazhi.core.testing.factories import TEST_PASSWORD, UserFactory
from fazhi.review.models import FlagStatus, ReviewDraft, ReviewFlag, SubjectType
from fazhi.review.services import review_submit
from fazhi.review.tests.docfiles import PLANTED, build_docx, encrypted_docx
from fazhi.review.tests.factories import ensure_assist_rules

pytestmark = pytest.mark.django_db(transaction=True)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def _assist_rules(transactional_db):
    """The rules come from a data migration, which an earlier transactional test's flush may
    have removed: put them back (the review tests' conftest does the same)."""
    ensure_assist_rules()


def test_reviewer_flags_accepts_dismisses_and_generates_the_opinion(
    browser, live_server, clerk_a, justice_bureau, output_dir
):
    reviewer = UserFactory(username="reviewer_assist", unit=justice_bureau, roles=[Role.CLERK])
    review = review_submit(
        actor=clerk_a,
        subject_type=SubjectType.NORMATIVE_DOCUMENT,
        title="蒸湘区城区停车管理办法",
        submitted_on=date(2024, 3, 5),
        materials=[
            {"kind": "draft", "title": "送审稿", "note": "见附件"},
            {"kind": "drafting_note", "title": "起草说明", "note": "规范停车管理"},
            {"kind": "legal_basis", "title": "制定依据", "note": "《道路交通安全法》"},
        ],
    )
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    e2e_login(page, reviewer, TEST_PASSWORD)

    page.goto(f"{live_server.url}/admin/review/reviewrequest/{review.pk}/change/")
    page.click("#assist-link")
    page.wait_for_selector("#upload-form")

    # A password-protected .docx is refused in Chinese; nothing is stored.
    page.set_input_files(
        "input[name=file]",
        {"name": "送审稿.docx", "mimeType": DOCX, "buffer": encrypted_docx()},
    )
    page.click("#upload-submit")
    assert "设置了打开密码" in page.locator("#upload-errors").inner_text()
    assert not ReviewDraft.objects.exists()

    # The draft with three planted defects: three flags, each with its article.
    page.set_input_files(
        "input[name=file]",
        {"name": "停车管理办法.docx", "mimeType": DOCX, "buffer": build_docx(PLANTED)},
    )
    page.click("#upload-submit")
    page.wait_for_selector("#draft")
    flags = page.locator("[data-flag]")
    assert flags.count() == 3
    shown = page.locator("#draft").inner_text()
    for article in (
        "《中华人民共和国行政许可法》第十五条至第十七条",
        "《中华人民共和国行政处罚法》第十六条",
        "《公平竞争审查条例》第八条第（二）项",
    ):
        assert article in shown
    assert "公平竞争审查表" in page.locator("#fair-competition").inner_text()
    page.screenshot(path=str(output_dir / "1-flags.png"), full_page=True)

    licence = ReviewFlag.objects.get(clause_ref="第三条")
    penalty = ReviewFlag.objects.get(clause_ref="第四条")
    exclusive = ReviewFlag.objects.get(clause_ref="第五条")
    for flag in (licence, penalty):
        page.click(f"#flag-{flag.pk} [data-accept]")
        page.wait_for_selector(f"#flag-{flag.pk}[data-status='accepted']")
    page.fill(f"#flag-{exclusive.pk} [data-reason]", "停车泊位经营权已依法通过公开招标确定")
    page.click(f"#flag-{exclusive.pk} [data-dismiss]")
    page.wait_for_selector(f"#flag-{exclusive.pk}[data-status='dismissed']")
    assert (
        "停车泊位经营权已依法通过公开招标确定" in page.locator(f"#flag-{exclusive.pk}").inner_text()
    )
    page.screenshot(path=str(output_dir / "2-decided.png"), full_page=True)
    assert {f.status for f in ReviewFlag.objects.filter(pk__in=[licence.pk, penalty.pk])} == {
        FlagStatus.ACCEPTED
    }

    with page.expect_download() as download:
        page.click("#opinion-link")
    path = download.value.path()
    text = "\n".join(p.text for p in Document(io.BytesIO(Path(path).read_bytes())).paragraphs)
    assert "合法性审查意见书" in text and review.number in text
    assert "须经区城市管理局审批后方可经营" in text
    assert "《中华人民共和国行政许可法》第十五条至第十七条" in text
    assert "处以5000元罚款" in text and "《中华人民共和国行政处罚法》第十六条" in text
    points = text.split("公平竞争审查：")[0]
    assert "独家经营权" not in points and "《公平竞争审查条例》第八条第（二）项" not in points

    # The office sees the dismissal in the rule's statistics.
    page.goto(f"{live_server.url}/admin/review/reviewrequest/assist/statistics/")
    row = page.locator(f"[data-rule='{exclusive.rule_id}']").inner_text()
    assert "停车泊位经营权已依法通过公开招标确定" in row and "0%" in row
    page.screenshot(path=str(output_dir / "3-statistics.png"), full_page=True)
    context.close()
