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
    unit_clocks = pending = own_pending = refused = RevisionRequest.objects.none()
    if user.has_role(Role.CLERK) and not user.has_role(Role.UNIT_HEAD):
        unit_clocks = _unit_clocks(user)
    if office_covers(user, user.unit):
        pending = _pending_revisions(user)
    if user.has_role(Role.UNIT_HEAD):
        own_pending, refused = _own_revisions(user)
    unit_clocks, pending, own_pending, refused = yield unit_clocks, pending, own_pending, refused
    return [
        *(_unit_clock_item(clock) for clock in unit_clocks),
        *(_pending_item(revision) for revision in pending),
        *(_own_pending_item(revision) for revision in own_pending),
        *(_refused_item(revision) for revision in refused),
    ]


def _unit_clocks(user):
    """The unit's open deadlines that are overdue or due soon, other than the clerk's own
    (those come as the clerk's own reminders)."""
    return (
        Clock.objects.filter(
            unit_id=user.unit_id, state__in=(ClockState.OVERDUE, ClockState.DUE_SOON)
        )
        .exclude(owner=user)
        .select_related("unit")
        .order_by("due_date")[:UNIT_CLOCKS_SHOWN]
    )


def _unit_clock_item(clock) -> WorkItem:
    return WorkItem(
        title=f"本单位期限：{clock.label}",
        level=urgency(clock.due_date, today=timezone.localdate()),
        kind="warning",
        unit_name=clock.unit.name,
        due_date=clock.due_date,
        url=reverse("admin:deadlines_clock_change", args=[clock.pk]),
        explanation=clock.explanation,
        source="cockpit",
    )


def _pending_revisions(user):
    return RevisionRequest.objects.filter(
        unit__in=Unit.objects.in_subtree(user.unit.division), state=RevisionState.PENDING
    ).select_related("unit", "unit_return__request")


def _revision_item(r, title: str, *, level: str, kind: str) -> WorkItem:
    return WorkItem(
        title=title,
        level=level,
        kind=kind,
        unit_name=r.unit.name,
        url=reverse("cockpit:revision", args=[r.pk]),
        source="cockpit",
    )


def _pending_item(r) -> WorkItem:
    title = f"申请修订统计报表《{r.unit_return.request.title}》：{r.reason}"
    return _revision_item(r, title, level="info", kind="todo")


def _own_revisions(user):
    """The head's own pending applications, and those refused in the last 30 days."""
    since = timezone.now() - timedelta(days=REFUSAL_SHOWN_DAYS)
    own = RevisionRequest.objects.filter(unit_id=user.unit_id).select_related(
        "unit", "unit_return__request"
    )
    return (
        own.filter(state=RevisionState.PENDING),
        own.filter(state=RevisionState.REFUSED, decided_at__gte=since),
    )


def _own_pending_item(r) -> WorkItem:
    title = f"已申请修订《{r.unit_return.request.title}》，待依法治区办处理"
    return _revision_item(r, title, level="info", kind="warning")


def _refused_item(r) -> WorkItem:
    title = f"依法治区办不同意修订《{r.unit_return.request.title}》：{r.decision_note}"
    return _revision_item(r, title, level="warning", kind="warning")
