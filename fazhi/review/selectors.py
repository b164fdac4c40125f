"""Reads of the legality review. User-facing lists start from `for_user`; the gate helpers
(`passed_review_for`, `advisor_opinions_for`) read the record of one subject."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from fazhi.deadlines.services import compute_due
from fazhi.review import conf
from fazhi.review.models import AdvisorOpinion, ReviewRequest, ReviewState


def review_list(*, user, subject_type: str | None = None, state: str | None = None) -> QuerySet:
    qs = ReviewRequest.objects.for_user(user).select_related("unit", "reviewer_unit")
    if subject_type:
        qs = qs.filter(subject_type=subject_type)
    if state:
        qs = qs.filter(state=state)
    return qs


def review_get(*, user, pk: int) -> ReviewRequest:
    from fazhi.core.access import get_for_user_or_404

    return get_for_user_or_404(ReviewRequest, user, pk=pk)


def pending_for_reviewer(*, user) -> QuerySet:
    """Requests waiting for the user's unit as reviewing body."""
    return ReviewRequest.objects.for_user(user).filter(
        reviewer_unit_id=user.unit_id, state=ReviewState.IN_REVIEW
    )


def reviews_for(subject) -> QuerySet:
    return ReviewRequest.objects.for_subject(subject)


def passed_review_for(subject, *, on: date | None = None) -> ReviewRequest | None:
    """The latest passed review of `subject` (approved, approved with changes, or an
    exploratory-reform major decision with the legal risk disclosed: 决策条例第二十五条第二款).

    With `on` (a meeting date), only an opinion issued on or before that day counts."""
    reviews = reviews_for(subject).passed()
    if on is not None:
        reviews = reviews.filter(opinion_issued_on__lte=on)
    return reviews.order_by("-opinion_issued_on", "-pk").first()


def advisor_opinions_for(subject, *, on: date | None = None) -> QuerySet:
    opinions = AdvisorOpinion.objects.filter(review__in=reviews_for(subject).values("pk")).given()
    if on is not None:
        opinions = opinions.filter(given_on__lte=on)
    return opinions


def return_pauses(review: ReviewRequest) -> list[tuple]:
    """The 退回补充 periods (returned, resubmitted or None): not counted as review time."""
    pauses = []
    for period in review.return_periods or []:
        end = period.get("resubmitted_on")
        pauses.append(
            (
                date.fromisoformat(period["returned_on"]),
                date.fromisoformat(end) if end else None,
                "退回补充材料",
            )
        )
    return pauses


def earliest_discussion(review: ReviewRequest):
    """L3 / N14 (决策条例第二十六条第二款): the submitter leaves the reviewer generally at least N
    working days. A minimum interval, not the reviewer's due date: the earliest day the draft
    may be discussed. Days while the request was returned for supplement are not counted.

    Returns the `DueResult` of the minimum-period rule, or None where no minimum applies.
    """
    rule = conf.minimum_period_rule(review.subject_type)
    if rule is None:
        return None
    return compute_due(rule, review.submitted_on, pauses=return_pauses(review))


def discussion_too_early(review: ReviewRequest, meeting_date: date) -> str:
    """A warning text when the meeting comes before the minimum review period ends (L3)."""
    due = earliest_discussion(review)
    if due is None or meeting_date >= due.due_date:
        return ""
    return (
        f"会议日期{meeting_date:%Y-%m-%d}早于合法性审查最短期限届满日{due.due_date:%Y-%m-%d}"
        f"（{due.rule.citation}：{due.rule.name}{due.rule.period_text}）。"
    )
