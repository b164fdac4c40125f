"""The cockpit's 工作台 items: a clerk sees the unit's deadlines that are overdue or due soon
(which its head is warned of too); the office the units' 申请修订 to decide; the head the
outcome of its own."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from fazhi.cockpit.models import RevisionRequest, RevisionState
from fazhi.core.access import office_covers
from fazhi.core.models import Role, Unit
from fazhi.core.workbench import WorkItem, workbench_provider
from fazhi.deadlines.models import Clock, ClockState
from fazhi.deadlines.services import urgency

UNIT_CLOCKS_SHOWN = 30
REFUSAL_SHOWN_DAYS = 30


@workbench_provider("cockpit")
def cockpit_items(user):
    if user is None or not user.is_authenticated or user.unit_id is None:
        return []
    items = []
    if user.has_role(Role.CLERK) and not user.has_role(Role.UNIT_HEAD):
        items += _unit_clocks(user)
    if office_covers(user, user.unit):
        items += _pending_revisions(user)
    if user.has_role(Role.UNIT_HEAD):
        items += _own_revisions(user)
    return items


def _unit_clocks(user):
    """The unit's open deadlines that are overdue or due soon, other than the clerk's own
    (those come as the clerk's own reminders)."""
    today = timezone.localdate()
    clocks = (
        Clock.objects.filter(
            unit_id=user.unit_id, state__in=(ClockState.OVERDUE, ClockState.DUE_SOON)
        )
        .exclude(owner=user)
        .select_related("unit")
        .order_by("due_date")[:UNIT_CLOCKS_SHOWN]
    )
    return [
        WorkItem(
            title=f"本单位期限：{clock.label}",
            level=urgency(clock.due_date, today=today),
            kind="warning",
            unit_name=clock.unit.name,
            due_date=clock.due_date,
            url=reverse("admin:deadlines_clock_change", args=[clock.pk]),
            explanation=clock.explanation,
            source="cockpit",
        )
        for clock in clocks
    ]


def _pending_revisions(user):
    pending = RevisionRequest.objects.filter(
        unit__in=Unit.objects.in_subtree(user.unit.division), state=RevisionState.PENDING
    ).select_related("unit", "unit_return__request")
    return [
        WorkItem(
            title=f"申请修订统计报表《{r.unit_return.request.title}》：{r.reason}",
            level="info",
            kind="todo",
            unit_name=r.unit.name,
            url=reverse("cockpit:revision", args=[r.pk]),
            source="cockpit",
        )
        for r in pending
    ]


def _own_revisions(user):
    since = timezone.now() - timedelta(days=REFUSAL_SHOWN_DAYS)
    own = RevisionRequest.objects.filter(unit_id=user.unit_id).select_related(
        "unit", "unit_return__request"
    )
    items = []
    for r in own.filter(state=RevisionState.PENDING):
        items.append(
            WorkItem(
                title=f"已申请修订《{r.unit_return.request.title}》，待依法治区办处理",
                level="info",
                kind="warning",
                unit_name=r.unit.name,
                url=reverse("cockpit:revision", args=[r.pk]),
                source="cockpit",
            )
        )
    for r in own.filter(state=RevisionState.REFUSED, decided_at__gte=since):
        items.append(
            WorkItem(
                title=f"依法治区办不同意修订《{r.unit_return.request.title}》：{r.decision_note}",
                level="warning",
                kind="warning",
                unit_name=r.unit.name,
                url=reverse("cockpit:revision", args=[r.pk]),
                source="cockpit",
            )
        )
    return items
