"""The deadline engine's contribution to the 工作台: a person's own reminders, their unit head's
warnings, deadline changes (A12), and for the office the overdue deadlines of its subtree by unit."""

from datetime import timedelta

from django.db.models import Count, F
from django.urls import reverse
from django.utils import timezone

from fazhi.core.models import Role
from fazhi.core.workbench import WorkItem, workbench_provider
from fazhi.deadlines.calendar import load_calendar
from fazhi.deadlines.models import (
    OPEN_STATES,
    Clock,
    ClockState,
    Reminder,
    ReminderAudience,
    ReminderKind,
)
from fazhi.deadlines.services import urgency

MOVED_NOTICE_DAYS = 14


def _clock_url(clock_id) -> str:
    return reverse("admin:deadlines_clock_change", args=[clock_id])


@workbench_provider("deadlines")
def deadline_items(user):
    if user is None or not user.is_authenticated:
        return []
    today = timezone.localdate()
    items: list[WorkItem] = []
    seen: set[tuple] = set()
    reminders = Reminder.objects.filter(
        recipient=user,
        kind__in=[ReminderKind.DUE_SOON, ReminderKind.DUE_TODAY, ReminderKind.OVERDUE],
        clock__state__in=[ClockState.DUE_SOON, ClockState.OVERDUE],
        due_date=F("clock__due_date"),
    ).select_related("clock", "clock__unit", "clock__owner")
    moved = Reminder.objects.filter(
        recipient=user,
        kind=ReminderKind.MOVED,
        read_at__isnull=True,
        created_at__gte=timezone.now() - timedelta(days=MOVED_NOTICE_DAYS),
        clock__state__in=OPEN_STATES,
    ).select_related("clock")
    overdue = Clock.objects.none()
    if user.has_role(Role.OFFICE_STAFF):
        overdue = (
            Clock.objects.for_user(user)
            .filter(state=ClockState.OVERDUE)
            .values("unit__name")
            .annotate(n=Count("id"))
            .order_by("unit__name")
        )
    reminders, moved, overdue = yield reminders.order_by("-created_at"), moved, overdue
    cal = load_calendar()
    for reminder in reminders:
        clock = reminder.clock
        key = (clock.pk, reminder.audience)
        if key in seen:
            continue
        seen.add(key)
        own = reminder.audience == ReminderAudience.OWNER
        owner = clock.owner.display_name if clock.owner_id else "未指定承办人"
        items.append(
            WorkItem(
                title=clock.label if own else f"{clock.label}（承办人：{owner}）",
                level=urgency(clock.due_date, today=today, cal=cal),
                kind="todo" if own else "warning",
                unit_name=clock.unit.name,
                due_date=clock.due_date,
                url=_clock_url(clock.pk),
                explanation=clock.explanation,
                source="deadlines",
            )
        )
    for reminder in moved:
        items.append(
            WorkItem(
                title=reminder.message,
                level="info",
                kind="todo",
                due_date=reminder.due_date,
                url=_clock_url(reminder.clock_id),
                explanation=reminder.clock.explanation,
                source="deadlines",
            )
        )
    if overdue:
        changelist = reverse("admin:deadlines_clock_changelist") + "?state__exact=overdue"
        for row in overdue:
            items.append(
                WorkItem(
                    title=f"{row['n']} 项法定期限已逾期",
                    level="overdue",
                    kind="warning",
                    unit_name=row["unit__name"],
                    url=changelist,
                    source="deadlines",
                )
            )
    return items
