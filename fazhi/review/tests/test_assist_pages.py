"""The assisted-review pages (issue 20): who may open and act, bad input answered in Chinese
with nothing changed, another unit's record a 404, the office's rules in the admin."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from fazhi.review.models import (
    FairCompetitionReview,
    FlagRule,
    FlagStatus,
    ReviewDraft,
    ReviewFlag,
    SubjectType,
)
from fazhi.review.services import draft_analyse
from fazhi.review.tests.docfiles import PLANTED, build_docx, encrypted_docx
from fazhi.review.tests.factories import make_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(clerk_a, justice_bureau):
    return make_review(
        clerk_a.unit,
        reviewer_unit=justice_bureau,
        subject_type=SubjectType.NORMATIVE_DOCUMENT,
        submitted_on=date(2024, 3, 5),
    )


def assist(review):
    return reverse("admin:review_assist", args=[review.pk])


def test_the_reviewer_uploads_through_the_page_and_sees_the_flags(client, review, reviewer):
    client.force_login(reviewer)
    response = client.post(
        assist(review),
        {"file": _upload("停车管理办法.docx", build_docx(PLANTED))},
        follow=True,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("data-flag ") == 3
    assert "《中华人民共和国行政处罚法》第十六条" in page
    assert "licence-approval" not in page  # users never see rule codes


def test_a_bad_file_is_answered_in_chinese_and_nothing_changes(client, review, reviewer):
    client.force_login(reviewer)
    response = client.post(assist(review), {"file": _upload("送审稿.docx", encrypted_docx())})
    assert response.status_code == 200
    assert "设置了打开密码" in response.content.decode()
    response = client.post(assist(review), {"text": ""})
    assert "请上传送审稿（.docx）或粘贴正文。" in response.content.decode()
    assert not ReviewDraft.objects.exists()


def test_the_submitting_unit_reads_but_cannot_act(client, review, clerk_a, reviewer):
    draft = draft_analyse(actor=reviewer, review=review, data=build_docx(PLANTED))
    client.force_login(clerk_a)
    assert client.get(assist(review)).status_code == 200
    assert client.post(assist(review), {"text": "第一条 测试。"}).status_code == 403
    flag = draft.flags.first()
    client.post(reverse("admin:review_assist_flag", args=[review.pk, flag.pk, "accept"]))
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN


def test_another_units_review_and_flags_are_404(client, review, reviewer, clerk_b):
    draft = draft_analyse(actor=reviewer, review=review, data=build_docx(PLANTED))
    flag = draft.flags.first()
    client.force_login(clerk_b)
    for url in (
        assist(review),
        reverse("admin:review_assist_opinion", args=[review.pk]),
    ):
        assert client.get(url).status_code == 404
    for url in (
        reverse("admin:review_assist_flag", args=[review.pk, flag.pk, "accept"]),
        reverse("admin:review_assist_add", args=[review.pk]),
        reverse("admin:review_assist_fair_competition", args=[review.pk]),
    ):
        assert client.post(url, {"reason": "x"}).status_code == 404
    other = make_review(clerk_b.unit)
    client.force_login(reviewer)
    # a flag reached through another review's address is not found either
    url = reverse("admin:review_assist_flag", args=[other.pk, flag.pk, "accept"])
    assert client.post(url).status_code == 404
    assert ReviewFlag.objects.filter(status=FlagStatus.OPEN).count() == draft.flags.count()


def test_unknown_step_and_empty_reason_change_nothing(client, review, reviewer):
    draft = draft_analyse(actor=reviewer, review=review, data=build_docx(PLANTED))
    flag = draft.flags.first()
    client.force_login(reviewer)
    url = reverse("admin:review_assist_flag", args=[review.pk, flag.pk, "delete"])
    assert client.post(url).status_code == 404
    url = reverse("admin:review_assist_flag", args=[review.pk, flag.pk, "dismiss"])
    response = client.post(url, {"reason": "  "}, follow=True)
    assert "排除提示须写明理由" in response.content.decode()
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN


def test_the_fair_competition_form_needs_the_clause_for_an_item_involved(client, review, reviewer):
    draft_analyse(actor=reviewer, review=review, data=build_docx(PLANTED))
    client.force_login(reviewer)
    url = reverse("admin:review_assist_fair_competition", args=[review.pk])
    response = client.post(
        url, {"involved_9.2": "on", "note_9.2": "", "conclusion": "涉及"}, follow=True
    )
    assert "第九条第（二）项" in response.content.decode()
    assert not FairCompetitionReview.objects.get(review=review).confirmed
    client.post(
        url,
        {
            "involved_8.2": "on",
            "note_8.2": "第五条：独家经营权",
            "conclusion": "第五条授予独家经营权，应当删除。",
        },
    )
    form = FairCompetitionReview.objects.get(review=review)
    assert form.confirmed and form.answers["8.2"] == {
        "involved": True,
        "note": "第五条：独家经营权",
    }
    assert form.answers["9.2"] == {"involved": False, "note": ""}


def test_statistics_page_is_for_the_legal_office(
    client, verified_client, reviewer, clerk_a, office_staff
):
    url = reverse("admin:review_assist_statistics")
    client.force_login(clerk_a)
    assert client.get(url).status_code == 403
    client.force_login(reviewer)
    assert client.get(url).status_code == 200
    page = verified_client(office_staff).get(url).content.decode()
    assert "采纳率" in page and "《中华人民共和国行政许可法》第十五条至第十七条" in page


def test_the_office_edits_a_rule_in_the_admin_and_a_bad_pattern_is_refused(
    client, verified_client, office_staff, clerk_a
):
    rule = FlagRule.objects.get(code="fee-deposit")
    url = reverse("admin:review_flagrule_change", args=[rule.pk])
    client.force_login(clerk_a)
    assert client.get(url).status_code in (403, 404)
    verified_client(office_staff)
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(active="on", patterns="(未闭合")
    data = {k: v for k, v in data.items() if not isinstance(v, bool)} | {"active": "on"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "不是有效的正则表达式" in response.content.decode()
    rule.refresh_from_db()
    assert rule.version == 1 and "(未闭合" not in rule.patterns
    data["patterns"] = rule.patterns + "\n押金条"
    assert client.post(url, data).status_code == 302
    rule.refresh_from_db()
    assert rule.version == 2 and rule.patterns.endswith("押金条")


def _upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_accepted_points_prefill_the_content_part_of_the_opinion(client, review, reviewer):
    draft = draft_analyse(actor=reviewer, review=review, data=build_docx(PLANTED))
    client.force_login(reviewer)
    flag = draft.flags.get(clause_ref="第四条")
    client.post(reverse("admin:review_assist_flag", args=[review.pk, flag.pk, "accept"]))
    url = reverse("admin:review_reviewrequest_action", args=[review.pk, "decide"])
    form = client.get(url).context["form"]
    assert form.initial["content_opinion"].startswith("1. 第四条：设定行政处罚或惩戒。")
    assert "（依据：《中华人民共和国行政处罚法》第十六条）" in form.initial["content_opinion"]
