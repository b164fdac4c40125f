"""工作台 items: a unit's open returns as to-dos; late and missing returns as warnings for the office."""

from django.urls import reverse
from django.utils import timezone

from fazhi.core.models import Role, Unit
from fazhi.core.workbench import WorkItem, workbench_provider
from fazhi.deadlines.services import urgency
from fazhi.indicators.models import ReturnRevision, ReturnState, UnitReturn


@workbench_provider("indicators.returns")
def return_items(user):
    if not user.is_authenticated or user.unit_id is None:
        return []
    today = timezone.localdate()
    open_states = [ReturnState.DRAFT, ReturnState.RETURNED]
    own = overdue = submitted = UnitReturn.objects.none()
    if user.has_role(Role.CLERK, Role.UNIT_HEAD):
        own = UnitReturn.objects.filter(unit_id=user.unit_id, state__in=open_states)
        own = own.select_related("request")
    if user.has_role(Role.OFFICE_STAFF):
        subtree = UnitReturn.objects.filter(unit__in=Unit.objects.in_subtree(user.unit.division))
        overdue = subtree.filter(state__in=open_states, request__due_date__lt=today)
        submitted = subtree.filter(state=ReturnState.SUBMITTED)
    own, overdue, submitted = yield (
        own,
        overdue.select_related("request", "unit"),
        submitted.select_related("request", "unit"),
    )
    latest = {}
    if submitted:
        revisions = yield (
            ReturnRevision.objects.filter(unit_return__in=[r.pk for r in submitted])
            .order_by("unit_return_id", "-number")
            .distinct("unit_return_id")
        )
        latest = {revision.unit_return_id: revision for revision in revisions}
    return [
        *(_own_item(unit_return, today) for unit_return in own),
        *(_overdue_item(unit_return, today) for unit_return in overdue),
        *(_submitted_item(unit_return, latest.get(unit_return.pk)) for unit_return in submitted),
    ]


def _own_item(unit_return, today) -> WorkItem:
    request = unit_return.request
    sent_back = unit_return.state == ReturnState.RETURNED
    return WorkItem(
        title=f"统计填报：{request.title}" + ("（已退回，请修改后重新报送）" if sent_back else ""),
        level=urgency(request.due_date, today=today),
        kind="todo",
        due_date=request.due_date,
        url=reverse("indicators:return_detail", args=[unit_return.pk]),
        explanation=request.due_explanation,
        source="indicators",
    )


def _overdue_item(unit_return, today) -> WorkItem:
    request = unit_return.request
    return WorkItem(
        title=f"统计报表逾期未报送：{request.title}（逾期 {(today - request.due_date).days} 日）",
        level="overdue",
        kind="warning",
        unit_name=unit_return.unit.name,
        due_date=request.due_date,
        url=reverse("indicators:return_detail", args=[unit_return.pk]),
        source="indicators",
    )


def _submitted_item(unit_return, revision) -> WorkItem:
    late = (
        revision is not None
        and revision.submitted_at is not None
        and timezone.localdate(revision.submitted_at) > unit_return.request.due_date
    )
    return WorkItem(
        title=("逾期报送，" if late else "") + f"待审核统计报表：{unit_return.request.title}",
        level="warning" if late else "info",
        kind="todo",
        unit_name=unit_return.unit.name,
        due_date=unit_return.request.due_date,
        url=reverse("indicators:return_detail", args=[unit_return.pk]),
        source="indicators",
    )
