"""The register's contribution to the 工作台: requests waiting for the user's unit as reviewer,
and opinions an advisor has been asked for."""

from django.urls import reverse

from fazhi.advisors.access import is_advisor_only
from fazhi.core.workbench import WorkItem, workbench_provider
from fazhi.review.models import AdvisorOpinion, ReviewState
from fazhi.review.selectors import pending_for_reviewer


@workbench_provider("review")
def review_items(user):
    if user is None or not user.is_authenticated:
        return []
    if is_advisor_only(user):
        opinions = AdvisorOpinion.objects.for_user(user).filter(
            given_on__isnull=True,
            review__state__in=(ReviewState.IN_REVIEW, ReviewState.RETURNED),
        )
        opinions = yield opinions.select_related("review", "review__unit")
        return [
            WorkItem(
                title=f"请出具法律顾问意见：{opinion.review.title}",
                level="info",
                kind="todo",
                unit_name=opinion.review.unit.name,
                url=reverse("admin:review_advisoropinion_change", args=[opinion.pk]),
                source="review",
            )
            for opinion in opinions
        ]
    if user.unit_id is None:
        return []
    reviews = yield pending_for_reviewer(user=user).select_related("unit")[:30]
    return [
        WorkItem(
            title=f"待审查：{review.number} {review.title}（{review.get_subject_type_display()}）",
            level="info",
            kind="todo",
            unit_name=review.unit.name,
            url=reverse("admin:review_reviewrequest_change", args=[review.pk]),
            source="review",
        )
        for review in reviews
    ]
