"""The 工作台 of people's mediation: the one-month soft period (《人民调解工作若干规定》第三十三条),
the 30-day window for judicial confirmation (第三十三条) and agreements due for follow-up (第三十一条)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from fazhi.core.workbench import WorkItem, workbench_provider
from fazhi.deadlines.models import OPEN_STATES, Clock
from fazhi.deadlines.services import urgency
from fazhi.mediation import deadlines as rules
from fazhi.mediation.models import Dispute, DisputeState, Performance
from fazhi.mediation.selectors import dispute_list

TEXT = {
    rules.CONCLUSION: "已超过一个月的一般调解期限，请尽快调结（《人民调解工作若干规定》第三十三条）",
    rules.CONFIRMATION: "可申请司法确认的三十日期限（《人民调解法》第三十三条）",
}


def _url(pk) -> str:
    return reverse("admin:mediation_dispute_change", args=[pk])


@workbench_provider("mediation")
def mediation_items(user):
    if user is None or not user.is_authenticated:
        return []
    today = timezone.localdate()
    # A dispute is visible exactly where its unit is: the clocks' unit scope is the same.
    clocks = (
        Clock.objects.for_user(user)
        .filter(content_type=ContentType.objects.get_for_model(Dispute), state__in=OPEN_STATES)
        # the one-month period is soft: only its overdue warning
        .filter(Q(rule_code=rules.CONFIRMATION) | Q(rule_code=rules.CONCLUSION, due_date__lt=today))
        .select_related("unit")
    )
    due = dispute_list(user=user).filter(
        state=DisputeState.AGREED,
        performance=Performance.PENDING,
        performance_due_on__lt=today,
    )
    clocks, due = yield clocks.order_by("due_date")[:50], due[:20]
    items = []
    for clock in clocks:
        level = urgency(clock.due_date, today=today)
        items.append(
            WorkItem(
                title=f"{clock.label}：{TEXT.get(clock.rule_code, '')}",
                level=level,
                kind="todo",
                unit_name=clock.unit.name,
                due_date=clock.due_date,
                url=_url(clock.object_id),
                explanation=clock.explanation,
                source="mediation",
            )
        )
    for dispute in due:
        items.append(
            WorkItem(
                title=f"{dispute.number}履行期限已过，请回访履行情况（《人民调解法》第三十一条第二款）",
                level="warning",
                kind="todo",
                unit_name=dispute.unit.name,
                due_date=dispute.performance_due_on,
                url=_url(dispute.pk),
                source="mediation",
            )
        )
    return items
