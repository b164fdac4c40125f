"""Writes of the deadline engine: clocks, their pauses and extensions, calendar versions.

Pure computation (`compute_due`) touches no row. Every write is atomic and validated.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from fazhi.deadlines.calendar import current_version, load_calendar
from fazhi.deadlines.engine import Computation, Extension, Pause, WorkCalendar, compute
from fazhi.deadlines.exceptions import DeadlineRuleError
from fazhi.deadlines.models import (
    CalendarVersion,
    Clock,
    ClockExtension,
    ClockPause,
    ClockState,
)
from fazhi.deadlines.rules import PeriodRule, effective_rule, period_text

__all__ = [
    "DeadlineRuleError",
    "DueResult",
    "clock_close",
    "clock_extend",
    "clock_pause",
    "clock_recompute",
    "clock_resume",
    "clock_start",
    "compute_due",
]

DUE_SOON_WORKING_DAYS = 3


@dataclass(frozen=True)
class DueResult:
    due_date: date
    explanation: str
    provisional: bool
    calendar_version: int
    rule: PeriodRule
    missing_years: tuple[int, ...] = ()


def _as_pause(item) -> Pause:
    if isinstance(item, Pause):
        return item
    if isinstance(item, ClockPause):
        return Pause(item.start, item.end, item.reason)
    start, end, *rest = tuple(item)
    return Pause(start, end, rest[0] if rest else "")


def compute_due(
    rule_code: str,
    trigger_date: date,
    *,
    pauses: Iterable = (),
    extension_days: int = 0,
    calendar_version: int | None = None,
) -> DueResult:
    """Due date of `rule_code` triggered on `trigger_date`, with its Chinese explanation.

    `pauses` are (start, end) or (start, end, reason) pairs, `end` None while still paused.
    `calendar_version` (a version number) re-explains with an older calendar.
    """
    rule = effective_rule(rule_code)
    cal = load_calendar(calendar_version)
    extensions = [Extension(extension_days)] if extension_days else []
    result = _compute(cal, rule.length, rule.unit, rule, trigger_date, pauses, extensions)
    return DueResult(
        due_date=result.due_date,
        explanation=result.explanation,
        provisional=result.provisional,
        calendar_version=cal.version,
        rule=rule,
        missing_years=result.missing_years,
    )


def _compute(cal, length, unit, rule, trigger, pauses, extensions) -> Computation:
    return compute(
        cal,
        trigger=trigger,
        length=length,
        unit=unit,
        pauses=[_as_pause(p) for p in pauses],
        extensions=extensions,
        name=rule.name,
        citation=rule.citation,
        trigger_label=rule.trigger_label,
    )


def state_for(due: date, today: date, cal: WorkCalendar) -> str:
    """Open-clock state on `today`: overdue after the due date, due soon within 3 working days."""
    if today > due:
        return ClockState.OVERDUE
    if due <= cal.add_working_days(today, DUE_SOON_WORKING_DAYS):
        return ClockState.DUE_SOON
    return ClockState.RUNNING


def _clock_rule(clock: Clock) -> PeriodRule:
    try:
        return effective_rule(clock.rule_code)
    except DeadlineRuleError:
        # A rule removed from the code after the clock started: explain with the stored period.
        return PeriodRule(
            code=clock.rule_code,
            name=clock.label,
            length=clock.period_length,
            unit=clock.period_unit,
            citation="",
        )


def clock_inputs(clock: Clock) -> tuple[list[Pause], list[Extension]]:
    if clock.pk is None:
        return [], []
    pauses = [Pause(p.start, p.end, p.reason) for p in clock.pauses.all()]
    extensions = [
        Extension(e.days, e.approver.display_name, e.reason)
        for e in clock.extensions.select_related("approver")
    ]
    return pauses, extensions


def clock_explain(clock: Clock, *, version: CalendarVersion | int | None = None) -> Computation:
    """Re-explain a clock, by default with the calendar version it was last computed with."""
    cal = load_calendar(version if version is not None else clock.calendar_version)
    pauses, extensions = clock_inputs(clock)
    return _compute(
        cal,
        clock.period_length,
        clock.period_unit,
        _clock_rule(clock),
        clock.trigger_date,
        pauses,
        extensions,
    )


def clock_recompute(*, clock: Clock, version: CalendarVersion | None = None, today=None) -> Clock:
    """Recompute due date, explanation and state with the calendar in force (or `version`)."""
    version = version or current_version()
    cal = load_calendar(version)
    pauses, extensions = clock_inputs(clock)
    result = _compute(
        cal,
        clock.period_length,
        clock.period_unit,
        _clock_rule(clock),
        clock.trigger_date,
        pauses,
        extensions,
    )
    clock.due_date = result.due_date
    clock.provisional = result.provisional
    clock.explanation = result.explanation
    clock.calendar_version = version
    clock.extension_days = sum(e.days for e in extensions)
    if clock.is_open:
        if any(p.end is None for p in pauses):
            clock.state = ClockState.PAUSED
        else:
            clock.state = state_for(result.due_date, today or timezone.localdate(), cal)
    return clock


@transaction.atomic
def clock_start(
    *,
    rule_code: str,
    trigger_date: date,
    subject,
    unit,
    owner=None,
    label: str = "",
    actor=None,
) -> Clock:
    """Start the clock of `rule_code` for `subject`, counted from the day after `trigger_date` (T1)."""
    if subject is None or subject.pk is None:
        raise DeadlineRuleError("期限必须关联一个已保存的业务对象。")
    if trigger_date is None:
        raise DeadlineRuleError("必须填写起算日。")
    rule = effective_rule(rule_code)
    clock = Clock(
        unit=unit,
        rule_code=rule.code,
        label=label or rule.name,
        content_type=ContentType.objects.get_for_model(subject),
        object_id=str(subject.pk),
        owner=owner,
        trigger_date=trigger_date,
        period_length=rule.length,
        period_unit=rule.unit,
    )
    clock_recompute(clock=clock)
    clock.full_clean()
    clock.save()
    return clock


def _refuse_if_closed(clock: Clock, action: str) -> None:
    if not clock.is_open:
        raise DeadlineRuleError(f"期限已办结（{clock.get_state_display()}），不能{action}。")


def _save(clock: Clock) -> Clock:
    clock.full_clean()
    clock.save()
    return clock


@transaction.atomic
def clock_pause(*, clock: Clock, on: date, reason: str, actor=None) -> Clock:
    """Stop the clock from the day after `on` (A5; 复议法 39 中止, 31 补正)."""
    clock = Clock.objects.select_for_update().get(pk=clock.pk)
    _refuse_if_closed(clock, "中止")
    if not reason:
        raise DeadlineRuleError("必须填写中止事由。")
    if clock.pauses.filter(end__isnull=True).exists():
        raise DeadlineRuleError("期限已处于中止状态，须先恢复。")
    if on < clock.trigger_date:
        raise DeadlineRuleError(f"中止日 {on:%Y-%m-%d} 早于起算日 {clock.trigger_date:%Y-%m-%d}。")
    if on > clock.due_date:
        raise DeadlineRuleError(f"期限已于 {clock.due_date:%Y-%m-%d} 届满，不能再中止。")
    last = clock.pauses.order_by("-start").first()
    if last is not None and on < last.end:
        raise DeadlineRuleError(f"中止日 {on:%Y-%m-%d} 早于上一次恢复日 {last.end:%Y-%m-%d}。")
    pause = ClockPause(clock=clock, start=on, reason=reason)
    pause.full_clean()
    pause.save()
    return _save(clock_recompute(clock=clock))


@transaction.atomic
def clock_resume(*, clock: Clock, on: date, actor=None) -> Clock:
    """Resume a paused clock; counting restarts the day after `on` (T1 applied to the resume)."""
    clock = Clock.objects.select_for_update().get(pk=clock.pk)
    _refuse_if_closed(clock, "恢复")
    pause = clock.pauses.filter(end__isnull=True).first()
    if pause is None:
        raise DeadlineRuleError("期限未处于中止状态，无需恢复。")
    if on < pause.start:
        raise DeadlineRuleError(f"恢复日 {on:%Y-%m-%d} 早于中止日 {pause.start:%Y-%m-%d}。")
    pause.end = on
    pause.full_clean()
    pause.save()
    return _save(clock_recompute(clock=clock))


@transaction.atomic
def clock_extend(*, clock: Clock, days: int, approver, reason: str) -> Clock:
    """Extend a clock (延期) within the maximum of its rule; over it → `DeadlineRuleError`."""
    clock = Clock.objects.select_for_update().get(pk=clock.pk)
    _refuse_if_closed(clock, "延长")
    rule = _clock_rule(clock)
    if days is None or days <= 0:
        raise DeadlineRuleError("延长天数须大于 0。")
    if approver is None:
        raise DeadlineRuleError("延长期限须有批准人。")
    if not reason:
        raise DeadlineRuleError("必须填写延长理由。")
    source = f"依{rule.citation}" if rule.citation else "依规则"
    if rule.max_extensions == 0 or rule.max_extension_days == 0:
        raise DeadlineRuleError(f"{rule.name}{source}不得延长。")
    done = list(clock.extensions.values_list("days", flat=True))
    if len(done) + 1 > rule.max_extensions:
        raise DeadlineRuleError(
            f"{rule.name}{source}最多延长{rule.max_extensions}次，已延长{len(done)}次。"
        )
    unit = rule.extension_unit
    if sum(done) + days > rule.max_extension_days:
        raise DeadlineRuleError(
            f"{rule.name}{source}最多延长{period_text(rule.max_extension_days, unit)}，"
            f"已延长{period_text(sum(done), unit) if done else '0日'}，"
            f"本次延长{period_text(days, unit)}超出上限。"
        )
    extension = ClockExtension(clock=clock, days=days, approver=approver, reason=reason)
    extension.full_clean()
    extension.save()
    return _save(clock_recompute(clock=clock))


@transaction.atomic
def clock_close(*, clock: Clock, on: date, actor=None) -> Clock:
    """Close a clock on `on`: `met` if on or before the due date, otherwise `missed`."""
    clock = Clock.objects.select_for_update().get(pk=clock.pk)
    _refuse_if_closed(clock, "再次办结")
    if on < clock.trigger_date:
        raise DeadlineRuleError(f"办结日 {on:%Y-%m-%d} 早于起算日 {clock.trigger_date:%Y-%m-%d}。")
    pause = clock.pauses.filter(end__isnull=True).first()
    if pause is not None:
        pause.end = max(on, pause.start)
        pause.save()
    clock_recompute(clock=clock)
    clock.closed_on = on
    clock.state = ClockState.MET if on <= clock.due_date else ClockState.MISSED
    return _save(clock)
