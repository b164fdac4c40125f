"""工作台 items: a unit's open returns as to-dos; late and missing returns as warnings for the office."""

from django.urls import reverse
from django.utils import timezone

from fazhi.core.models import Role, Unit
from fazhi.core.workbench import WorkItem, workbench_provider
from fazhi.deadlines.services import urgency
from fazhi.indicators.models import ReturnState, UnitReturn


@workbench_provider("indicators.returns")
def return_items(user):
    if not user.is_authenticated or user.unit_id is None:
        return []
    today = timezone.localdate()
    open_states = [ReturnState.DRAFT, ReturnState.RETURNED]
    items = []
    if user.has_role(Role.CLERK, Role.UNIT_HEAD):
        for unit_return in UnitReturn.objects.filter(
            unit_id=user.unit_id, state__in=open_states
        ).select_related("request"):
            request = unit_return.request
            sent_back = unit_return.state == ReturnState.RETURNED
            items.append(
                WorkItem(
                    title=f"统计填报：{request.title}"
                    + ("（已退回，请修改后重新报送）" if sent_back else ""),
                    level=urgency(request.due_date, today=today),
                    kind="todo",
                    due_date=request.due_date,
                    url=reverse("indicators:return_detail", args=[unit_return.pk]),
                    explanation=request.due_explanation,
                    source="indicators",
                )
            )
    if user.has_role(Role.OFFICE_STAFF):
        overdue = UnitReturn.objects.filter(
            unit__in=Unit.objects.in_subtree(user.unit.division),
            state__in=open_states,
            request__due_date__lt=today,
        ).select_related("request", "unit")
        for unit_return in overdue:
            request = unit_return.request
            days = (today - request.due_date).days
            items.append(
                WorkItem(
                    title=f"统计报表逾期未报送：{request.title}（逾期 {days} 日）",
                    level="overdue",
                    kind="warning",
                    unit_name=unit_return.unit.name,
                    due_date=request.due_date,
                    url=reverse("indicators:return_detail", args=[unit_return.pk]),
                    source="indicators",
                )
            )
        submitted = UnitReturn.objects.filter(
            unit__in=Unit.objects.in_subtree(user.unit.division), state=ReturnState.SUBMITTED
        ).select_related("request", "unit")
        for unit_return in submitted:
            revision = unit_return.revisions.order_by("-number").first()
            late = (
                revision is not None
                and revision.submitted_at is not None
                and timezone.localdate(revision.submitted_at) > unit_return.request.due_date
            )
            items.append(
                WorkItem(
                    title=("逾期报送，" if late else "")
                    + f"待审核统计报表：{unit_return.request.title}",
                    level="warning" if late else "info",
                    kind="todo",
                    unit_name=unit_return.unit.name,
                    due_date=unit_return.request.due_date,
                    url=reverse("indicators:return_detail", args=[unit_return.pk]),
                    source="indicators",
                )
            )
    return items
