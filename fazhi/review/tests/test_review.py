"""Legality review: submission with materials (L2), the three-part opinion (L4), the advisors'
opinions (L5), outcomes, the configurable review clock, and who sees what."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.advisors.models import ServiceLog
from fazhi.deadlines.models import ClockState, RuleOverride
from fazhi.deadlines.selectors import clock_for
from fazhi.review.models import MaterialKind, Outcome, ReviewRequest, ReviewState, SubjectType
from fazhi.review.selectors import earliest_discussion
from fazhi.review.services import (
    advisor_opinion_record,
    review_request_advisor_opinion,
    review_resubmit,
    review_return,
    review_submit,
)
from fazhi.review.tests.chain import THREE_PARTS, approve

pytestmark = pytest.mark.django_db

DECISION_MATERIALS = [
    {"kind": MaterialKind.DRAFT, "title": "决策草案", "note": "草案全文"},
    {"kind": MaterialKind.LEGAL_BASIS, "title": "法律依据", "note": "《某法》第十条"},
    {"kind": MaterialKind.PROCEDURE_STATEMENT, "title": "程序说明", "note": "已公开征求意见30日"},
]


def submit_decision_review(clerk, on=date(2024, 3, 1)):
    return review_submit(
        actor=clerk,
        subject_type=SubjectType.MAJOR_DECISION,
        title="蒸湘区老旧小区改造实施方案",
        submitted_on=on,
        materials=DECISION_MATERIALS,
    )


def test_submission_goes_to_the_justice_bureau_with_a_number_and_a_working_day_floor(
    clerk_a, justice_bureau
):
    review = submit_decision_review(clerk_a, on=date(2024, 9, 27))
    assert review.reviewer_unit == justice_bureau
    assert review.number == "合审〔2024〕1号"
    assert review.materials.count() == 3
    # The 7 working days of 决策条例第二十六条第二款 are a floor for the reviewer's time, not a
    # due date (issue 21 item 7): no clock runs, the earliest discussion date is computed.
    assert clock_for(review, "review.major_decision") is None
    earliest = earliest_discussion(review)
    # 7 working days from Fri 27 Sep 2024: Sun 29 Sep (调休上班), Mon 30 Sep, then after the
    # 国庆 holiday (1-7 Oct) 8, 9, 10, 11 Oct and Sat 12 Oct (调休上班) → Sat 12 Oct.
    assert earliest.due_date == date(2024, 10, 12)
    assert "国庆" in earliest.explanation
    second = submit_decision_review(clerk_a)
    assert second.number == "合审〔2024〕2号"


def test_missing_materials_are_refused_naming_l2_and_nothing_is_stored(clerk_a, justice_bureau):
    with pytest.raises(ValidationError) as refused:
        review_submit(
            actor=clerk_a,
            subject_type=SubjectType.MAJOR_DECISION,
            title="某决策",
            submitted_on=date(2024, 3, 1),
            materials=DECISION_MATERIALS[:1],
        )
    message = str(refused.value)
    assert "制定依据" in message and "履行程序情况说明" in message and "第二十六条" in message
    assert ReviewRequest.objects.count() == 0


def test_review_clock_length_is_configurable_at_runtime(clerk_a, justice_bureau):
    RuleOverride.objects.create(
        rule_code="review.other", length=3, unit="working_days", reason="本区规定3个工作日"
    )
    review = review_submit(
        actor=clerk_a,
        subject_type=SubjectType.GOVERNMENT_DOCUMENT,
        title="关于印发某方案的通知",
        submitted_on=date(2024, 3, 4),
        materials=[{"kind": MaterialKind.DRAFT, "title": "送审稿", "note": "正文"}],
    )
    assert clock_for(review, "review.other").due_date == date(2024, 3, 7)


def test_only_the_reviewing_body_decides_and_the_opinion_has_three_parts(
    clerk_a, clerk_b, reviewer
):
    review = submit_decision_review(clerk_a)
    with pytest.raises(ValidationError, match="审查机构"):
        approve(review, clerk_b)
    with pytest.raises(ValidationError) as refused:
        approve(review, reviewer, content_opinion="")
    assert "第二十七条" in str(refused.value)
    review.refresh_from_db()
    assert review.state == ReviewState.IN_REVIEW


def test_major_decision_review_needs_an_advisor_opinion_l5(clerk_a, reviewer, advisor):
    review = submit_decision_review(clerk_a)
    with pytest.raises(ValidationError, match="第二十八条"):
        approve(review, reviewer)
    opinion = review_request_advisor_opinion(
        actor=reviewer, review=review, advisor=advisor, requested_on=date(2024, 3, 5)
    )
    advisor_opinion_record(
        actor=advisor.user, opinion=opinion, given_on=date(2024, 3, 8), text="建议补充风险提示。"
    )
    approve(review, reviewer, on=date(2024, 3, 12))
    review.refresh_from_db()
    assert review.passed and review.outcome == Outcome.APPROVED
    # No reviewer due date for a major decision (决策条例第二十八条 sets none; issue 21 item 7).
    assert clock_for(review, "review.major_decision") is None
    log = ServiceLog.objects.get(advisor=advisor)
    assert log.matter == review and log.served_on == date(2024, 3, 8)


def test_an_unlawful_part_cannot_end_in_approval(clerk_a, reviewer):
    review = review_submit(
        actor=clerk_a,
        subject_type=SubjectType.CONTRACT,
        title="某政府采购合同",
        submitted_on=date(2024, 3, 1),
        materials=[{"kind": MaterialKind.DRAFT, "title": "合同文本", "note": "合同全文"}],
        counterparty="某公司",
    )
    with pytest.raises(ValidationError, match="不能作出同意"):
        approve(review, reviewer, content_ok=False)
    approve(review, reviewer, content_ok=False, outcome=Outcome.NOT_APPROVED)
    review.refresh_from_db()
    assert review.state == ReviewState.DECIDED and not review.passed


def test_return_for_supplement_pauses_the_clock_and_resubmission_resumes_it(clerk_a, reviewer):
    # A subject with a reviewer's time limit (review.other, 7 working days); a major decision
    # has none since issue 21 item 7, but its 7-working-day floor pauses the same way (below).
    review = review_submit(
        actor=clerk_a,
        subject_type=SubjectType.GOVERNMENT_DOCUMENT,
        title="关于印发某方案的通知",
        submitted_on=date(2024, 3, 1),
        materials=[{"kind": MaterialKind.DRAFT, "title": "送审稿", "note": "正文"}],
    )
    clock = clock_for(review, "review.other")
    assert clock.due_date == date(2024, 3, 12)
    review_return(actor=reviewer, review=review, reason="请补充风险评估报告", on=date(2024, 3, 4))
    assert clock_for(review, "review.other").state == ClockState.PAUSED
    review_resubmit(
        actor=clerk_a,
        review=review,
        on=date(2024, 3, 11),
        materials=[{"kind": MaterialKind.OTHER, "title": "风险评估报告", "note": "风险可控"}],
    )
    clock = clock_for(review, "review.other")
    assert review.state == ReviewState.IN_REVIEW
    # one working day (4 Mar) used before the pause; six more from 12 Mar → 19 Mar.
    assert clock.due_date == date(2024, 3, 19)


def test_return_for_supplement_is_not_counted_in_the_seven_working_day_floor(clerk_a, reviewer):
    """决策条例第二十六条: returned materials are supplemented; the days while the request was
    returned are not review time, so the earliest discussion date moves with them."""
    review = submit_decision_review(clerk_a, on=date(2024, 3, 1))
    assert earliest_discussion(review).due_date == date(2024, 3, 12)
    review_return(actor=reviewer, review=review, reason="请补充风险评估报告", on=date(2024, 3, 4))
    review_resubmit(
        actor=clerk_a,
        review=review,
        on=date(2024, 3, 11),
        materials=[{"kind": MaterialKind.OTHER, "title": "风险评估报告", "note": "风险可控"}],
    )
    review.refresh_from_db()
    # one working day (4 Mar) before the return; six more from 12 Mar → 19 Mar.
    assert earliest_discussion(review).due_date == date(2024, 3, 19)


def test_an_advisor_sees_only_the_matters_assigned_to_them(
    clerk_a, clerk_b, reviewer, advisor, advisor_user
):
    assigned = submit_decision_review(clerk_a)
    other = submit_decision_review(clerk_b)
    review_request_advisor_opinion(
        actor=reviewer, review=assigned, advisor=advisor, requested_on=date(2024, 3, 2)
    )
    assert list(ReviewRequest.objects.for_user(advisor_user)) == [assigned]
    assert other in ReviewRequest.objects.for_user(reviewer)
    assert assigned in ReviewRequest.objects.for_user(clerk_a)
    assert other not in ReviewRequest.objects.for_user(clerk_a)


def test_the_advisor_opens_the_assigned_matter_and_gives_the_opinion_in_the_back_office(
    client, clerk_a, reviewer, advisor, advisor_user
):
    review = submit_decision_review(clerk_a)
    opinion = review_request_advisor_opinion(
        actor=reviewer, review=review, advisor=advisor, requested_on=date(2024, 3, 2)
    )
    other = submit_decision_review(clerk_a)
    client.force_login(advisor_user)
    assert client.get(f"/admin/review/reviewrequest/{review.pk}/change/").status_code == 200
    assert client.get(f"/admin/review/reviewrequest/{other.pk}/change/").status_code == 404
    response = client.post(
        f"/admin/review/advisoropinion/{opinion.pk}/do/give/",
        {"given_on": "2024-03-06", "text": "程序合法，建议通过。"},
    )
    assert response.status_code == 302
    opinion.refresh_from_db()
    assert opinion.is_given and opinion.opinion == "程序合法，建议通过。"


def test_the_reviewer_decides_through_the_form_page(client, clerk_a, reviewer):
    review = review_submit(
        actor=clerk_a,
        subject_type=SubjectType.GOVERNMENT_DOCUMENT,
        title="关于印发某方案的通知",
        submitted_on=date(2024, 3, 1),
        materials=[{"kind": MaterialKind.DRAFT, "title": "送审稿", "note": "正文"}],
    )
    client.force_login(reviewer)
    page = client.get(f"/admin/review/reviewrequest/{review.pk}/change/").content.decode()
    assert "出具审查意见" in page and review.number in page
    data = {k: ("1" if v is True else v) for k, v in THREE_PARTS.items()}
    data.update({"outcome": Outcome.APPROVED, "on": "2024-03-05"})
    response = client.post(f"/admin/review/reviewrequest/{review.pk}/do/decide/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    review.refresh_from_db()
    assert review.passed and review.opinion_issued_on == date(2024, 3, 5)
