"""工作台 items of the reconsideration office that are not clocks: steps the law now requires
(deemed acceptance due, 终止 after 60 days of 中止, service, 抄告, 意见书 follow-up)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from fazhi.core.workbench import WorkItem, workbench_provider
from fazhi.reconsideration.models import CaseStatus, OpinionLetter, ReconsiderationCase
from fazhi.reconsideration.selectors import warnings_for

WATCHED = (
    CaseStatus.RECEIVED,
    CaseStatus.CORRECTION_REQUESTED,
    CaseStatus.IN_REVIEW,
    CaseStatus.SUSPENDED,
    CaseStatus.CLOSED,
)


@workbench_provider("reconsideration")
def reconsideration_items(user):
    if not (user.is_superuser or user.has_role("reconsideration_officer")):
        return []
    today = timezone.localdate()
    items = []
    cases = (
        ReconsiderationCase.objects.for_user(user)
        .filter(unit_id=user.unit_id, status__in=WATCHED)
        .exclude(status=CaseStatus.CLOSED, served_on__isnull=False, copy_reported_on__isnull=False)
        .select_related("respondent_unit", "unit")
        .prefetch_related("hearings", "suspensions")
        .order_by("received_on")[:300]
    )
    letters = (
        OpinionLetter.objects.for_user(user)
        .filter(replied_on__isnull=True, reply_due_on__lt=today)
        .select_related("case", "recipient_unit")
    )
    cases, letters = yield cases, letters[:50]
    for case in cases:
        for note in warnings_for(case, today=today):
            if note.actionable:
                items.append(
                    WorkItem(
                        title=f"{case.case_number}：{note}",
                        level=note.level,
                        kind="todo",
                        unit_name=case.unit.name if case.unit_id else "",
                        url=reverse(
                            "admin:reconsideration_reconsiderationcase_change", args=[case.pk]
                        ),
                        source="reconsideration",
                    )
                )
    for letter in letters:
        items.append(
            WorkItem(
                title=f"{letter.case.case_number}意见书：{letter.recipient_unit}逾期未报送纠正情况",
                level="overdue",
                kind="warning",
                unit_name=letter.recipient_unit.name,
                due_date=letter.reply_due_on,
                url=reverse("admin:reconsideration_opinionletter_change", args=[letter.pk]),
                explanation="《行政复议法》第七十六条：收到意见书之日起六十日内报送纠正情况。",
                source="reconsideration",
            )
        )
    return items
