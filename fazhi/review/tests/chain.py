"""Helpers for the chain's tests: an approving three-part opinion."""

from datetime import date

from fazhi.review.models import Outcome
from fazhi.review.services import review_decide

THREE_PARTS = {
    "authority_ok": True,
    "authority_opinion": "制定主体适格，未超越法定权限。",
    "procedure_ok": True,
    "procedure_opinion": "已履行起草、征求意见等程序。",
    "content_ok": True,
    "content_opinion": "内容符合上位法规定。",
}


def approve(review, reviewer, on=date(2024, 3, 20), **extra):
    """Issue an approving three-part opinion."""
    return review_decide(
        actor=reviewer,
        review=review,
        outcome=extra.pop("outcome", Outcome.APPROVED),
        on=on,
        **{**THREE_PARTS, **extra},
    )
