"""Writes of the deadline engine: clocks, their pauses and extensions, calendar versions.

Pure computation (`compute_due`) touches no row. Every write is atomic and validated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from fazhi.core.bulk import bulk_audit_context
from fazhi.deadlines.calendar import current_version, load_calendar
from fazhi.deadlines.engine import (
    Computation,
    Extension,
    Pause,
    WorkCalendar,
    compute,
    weekday_cn,
)
from fazhi.deadlines.exceptions import DeadlineRuleError
from fazhi.deadlines.models import (
    OPEN_STATES,
    CalendarDay,
    CalendarVersion,
    Clock,
    ClockExtension,
    ClockPause,
    ClockState,
    DayKind,
    Reminder,
    ReminderAudience,
    ReminderKind,
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
    return due_result(
        effective_rule(rule_code),
        load_calendar(calendar_version),
        trigger_date,
        pauses=pauses,
        extension_days=extension_days,
    )


def due_result(
    rule: PeriodRule, cal: WorkCalendar, trigger_date: date, *, pauses=(), extension_days=0
) -> DueResult:
    """`compute_due` with the rule and the calendar already read (a bulk caller's)."""
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
        kind=rule.kind,
    )


def state_for(due: date, today: date, cal: WorkCalendar) -> str:
    """Open-clock state on `today`: overdue after the due date, due soon within 3 working days."""
    if today > due:
        return ClockState.OVERDUE
    if due <= cal.add_working_days(today, DUE_SOON_WORKING_DAYS):
        return ClockState.DUE_SOON
    return ClockState.RUNNING


def urgency(due: date, *, today: date, cal: WorkCalendar | None = None) -> str:
    """The 工作台 level of a due date: overdue, due today, due soon (within 3 working days of
    the current calendar), or info. Every register's to-dos use this one scale."""
    if due < today:
        return "overdue"
    if due == today:
        return "due_today"
    if due <= (cal or load_calendar()).add_working_days(today, DUE_SOON_WORKING_DAYS):
        return "due_soon"
    return "info"


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
    rule = startable_rule(rule_code, trigger_date, subject)
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


def startable_rule(rule_code: str, trigger_date: date | None, subject) -> PeriodRule:
    """The rule a clock is started with, or `clock_start`'s refusal: no saved subject, no
    trigger date, or a minimum interval (not a period to act within)."""
    if subject is None or subject.pk is None:
        raise DeadlineRuleError("期限必须关联一个已保存的业务对象。")
    if trigger_date is None:
        raise DeadlineRuleError("必须填写起算日。")
    rule = effective_rule(rule_code)
    if rule.is_minimum_interval:
        raise DeadlineRuleError(
            f"“{rule.name}”是最短间隔（满该期间后方可办理），不是办理期限，不能作为期限计时。"
        )
    return rule


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
def clock_extend(
    *, clock: Clock, days: int, approver, reason: str, on: date | None = None
) -> Clock:
    """Extend a clock (延期) within the maximum of its rule; over it → `DeadlineRuleError`.

    `on` is the approval date: a period can only be extended while it runs, so an approval
    after the current due date is refused and the clock stays as it was (overdue)."""
    clock = Clock.objects.select_for_update().get(pk=clock.pk)
    _refuse_if_closed(clock, "延长")
    rule = _clock_rule(clock)
    if on is not None and on > clock.due_date:
        source = f"（{rule.citation}）" if rule.citation else ""
        raise DeadlineRuleError(
            f"{rule.name}已于 {clock.due_date:%Y-%m-%d} 届满，延长须在届满前批准{source}；"
            f"{on:%Y-%m-%d} 批准的延长不予登记。"
        )
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
    refuse_close_before_trigger(on, clock.trigger_date)
    pause = clock.pauses.filter(end__isnull=True).first()
    if pause is not None:
        pause.end = max(on, pause.start)
        pause.save()
    clock_recompute(clock=clock)
    clock.closed_on = on
    clock.state = closed_state(on, clock.due_date)
    return _save(clock)


def refuse_close_before_trigger(on: date, trigger_date: date) -> None:
    if on < trigger_date:
        raise DeadlineRuleError(f"办结日 {on:%Y-%m-%d} 早于起算日 {trigger_date:%Y-%m-%d}。")


def closed_state(on: date, due_date: date) -> str:
    """A clock closed on `on`: `met` if on or before the due date, otherwise `missed`."""
    return ClockState.MET if on <= due_date else ClockState.MISSED


# --- Recomputing every open clock (A12) -------------------------------------------------


@dataclass
class RecomputePlan:
    """Changes that recomputing the open clocks with a calendar would make."""

    examined: int = 0
    rows: list[tuple] = field(default_factory=list)  # (id, due, provisional, explanation, state)
    moved: list[tuple] = field(default_factory=list)  # (id, unit, owner, label, old_due, new_due)

    @property
    def changed(self) -> int:
        return len(self.rows)


def _open_clock_inputs():
    open_states = [s.value for s in OPEN_STATES]
    pauses: dict[int, list[Pause]] = defaultdict(list)
    for clock_id, start, end, reason in (
        ClockPause.objects.filter(clock__state__in=open_states)
        .order_by("clock_id", "start")
        .values_list("clock_id", "start", "end", "reason")
    ):
        pauses[clock_id].append(Pause(start, end, reason))
    extensions: dict[int, list[Extension]] = defaultdict(list)
    for clock_id, days, full_name, username, reason in (
        ClockExtension.objects.filter(clock__state__in=open_states)
        .order_by("clock_id", "approved_at", "pk")
        .values_list("clock_id", "days", "approver__full_name", "approver__username", "reason")
    ):
        extensions[clock_id].append(Extension(days, full_name or username, reason))
    clocks = Clock.objects.filter(state__in=open_states).values_list(
        "id",
        "unit_id",
        "owner_id",
        "rule_code",
        "label",
        "trigger_date",
        "period_length",
        "period_unit",
        "due_date",
        "provisional",
        "explanation",
        "state",
    )
    return clocks.iterator(chunk_size=10000), pauses, extensions


def plan_recompute(cal: WorkCalendar, *, today: date | None = None) -> RecomputePlan:
    """Recompute every open clock with `cal` in memory; no write. Equal inputs are computed once."""
    today = today or timezone.localdate()
    threshold = cal.add_working_days(today, DUE_SOON_WORKING_DAYS)
    clocks, pauses, extensions = _open_clock_inputs()
    rules: dict[str, PeriodRule] = {}
    memo: dict[tuple, Computation] = {}
    plan = RecomputePlan()
    for row in clocks:
        (cid, unit_id, owner_id, code, label, trigger, length, unit, old_due, old_prov) = row[:10]
        old_explanation, old_state = row[10], row[11]
        plan.examined += 1
        rule = rules.get(code)
        if rule is None:
            try:
                rule = rules[code] = effective_rule(code)
            except DeadlineRuleError:
                rule = rules[code] = PeriodRule(
                    code=code, name=label, length=length, unit=unit, citation=""
                )
        clock_pauses = tuple(pauses.get(cid, ()))
        clock_extensions = tuple(extensions.get(cid, ()))
        key = (code, trigger, length, unit, clock_pauses, clock_extensions)
        result = memo.get(key)
        if result is None:
            result = memo[key] = _compute(
                cal, length, unit, rule, trigger, clock_pauses, clock_extensions
            )
        due = result.due_date
        if clock_pauses and clock_pauses[-1].end is None:
            state = ClockState.PAUSED
        elif today > due:
            state = ClockState.OVERDUE
        elif due <= threshold:
            state = ClockState.DUE_SOON
        else:
            state = ClockState.RUNNING
        if (due, result.provisional, result.explanation, state) != (
            old_due,
            old_prov,
            old_explanation,
            old_state,
        ):
            plan.rows.append((cid, due, result.provisional, result.explanation, state))
            if due != old_due:
                plan.moved.append((cid, unit_id, owner_id, label, old_due, due))
    return plan


def _copy_rows(cursor, table: str, columns: list[str], rows) -> None:
    with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _apply_plan(plan: RecomputePlan, version: CalendarVersion) -> None:
    """Set-based write: COPY the new values into a temporary table, then one UPDATE … FROM."""
    if not plan.rows:
        return
    table = Clock._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS deadlines_recompute_tmp")
        cursor.execute(
            "CREATE TEMP TABLE deadlines_recompute_tmp (id bigint PRIMARY KEY, due_date date, "
            "provisional boolean, explanation text, state varchar(16)) ON COMMIT DROP"
        )
        _copy_rows(
            cursor,
            "deadlines_recompute_tmp",
            ["id", "due_date", "provisional", "explanation", "state"],
            plan.rows,
        )
        cursor.execute("ANALYZE deadlines_recompute_tmp")
        cursor.execute(
            f"UPDATE {table} AS c SET due_date = t.due_date, provisional = t.provisional, "  # noqa: S608 - model table name
            "explanation = t.explanation, state = t.state, calendar_version_id = %s "
            "FROM deadlines_recompute_tmp AS t WHERE c.id = t.id",
            [version.pk],
        )


REMINDER_COLUMNS = [
    "unit_id",
    "clock_id",
    "recipient_id",
    "audience",
    "kind",
    "due_date",
    "previous_due_date",
    "message",
    "created_at",
]


def _insert_reminders(rows: list[tuple]) -> int:
    """Insert reminders, skipping those already given (the `reminder_once` constraint)."""
    if not rows:
        return 0
    table = Reminder._meta.db_table
    columns = ", ".join(REMINDER_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS deadlines_reminder_tmp")
        cursor.execute(
            f"CREATE TEMP TABLE deadlines_reminder_tmp ON COMMIT DROP AS "  # noqa: S608 - model table name
            f"SELECT {columns} FROM {table} WITH NO DATA"
        )
        _copy_rows(cursor, "deadlines_reminder_tmp", REMINDER_COLUMNS, rows)
        cursor.execute("ANALYZE deadlines_reminder_tmp")
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM deadlines_reminder_tmp "  # noqa: S608
            "ON CONFLICT DO NOTHING"
        )
        return cursor.rowcount


def _day(d: date) -> str:
    return f"{d:%Y-%m-%d}（{weekday_cn(d)}）"


def _notify_moved(plan: RecomputePlan, version: CalendarVersion) -> int:
    """A12: tell each owner whose due date moved, from what to what."""
    now = timezone.now()
    rows = [
        (
            unit_id,
            cid,
            owner_id,
            ReminderAudience.OWNER,
            ReminderKind.MOVED,
            new_due,
            old_due,
            f"期限变更：{label}的截止日期由 {_day(old_due)} 调整为 {_day(new_due)}"
            f"（放假安排日历第{version.number}版）"[:500],
            now,
        )
        for cid, unit_id, owner_id, label, old_due, new_due in plan.moved
        if owner_id is not None
    ]
    return _insert_reminders(rows)


@dataclass(frozen=True)
class RecomputeReport:
    version: int
    examined: int
    changed: int
    moved: int
    notified: int


def clocks_recompute_all(
    *, version: CalendarVersion | None = None, today: date | None = None
) -> RecomputeReport:
    """Recompute every open clock with `version` (default: in force) and notify moved owners."""
    version = version or current_version()
    with (
        transaction.atomic(),
        bulk_audit_context(operation="deadlines.recompute", calendar_version=version.number),
    ):
        # Block concurrent clock writes while the table is recomputed (a few seconds at most).
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {Clock._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
        plan = plan_recompute(load_calendar(version), today=today)
        _apply_plan(plan, version)
        notified = _notify_moved(plan, version)
    return RecomputeReport(version.number, plan.examined, plan.changed, len(plan.moved), notified)


# --- Calendar versions (T12, T16) ------------------------------------------------------


@dataclass(frozen=True)
class CalendarPreview:
    base_version: int
    year: int
    lines: list
    examined: int
    moved: int
    replaces_year: bool


def _draft_calendar(draft, base: CalendarVersion | None) -> WorkCalendar:
    base_cal = load_calendar(base)
    holidays = {d: n for d, n in base_cal.holidays.items() if d.year != draft.year}
    workdays = {d: n for d, n in base_cal.workdays.items() if d.year != draft.year}
    holidays.update(draft.holidays())
    workdays.update(draft.workdays())
    return WorkCalendar(
        base_cal.version + 1,
        frozenset(base_cal.years | {draft.year}),
        holidays,
        workdays,
        base_cal.count_adjusted_workdays,
    )


def calendar_preview(draft, *, today: date | None = None) -> CalendarPreview:
    """The diff against the version in force and how many open deadlines would move; no write."""
    from fazhi.deadlines.importer import diff_against, validate_draft

    validate_draft(draft)
    base = current_version()
    base_cal = load_calendar(base)
    lines = diff_against(draft, base_cal.holidays, base_cal.workdays)
    plan = plan_recompute(_draft_calendar(draft, base), today=today)
    return CalendarPreview(
        base_version=base_cal.version,
        year=draft.year,
        lines=lines,
        examined=plan.examined,
        moved=len(plan.moved),
        replaces_year=draft.year in base_cal.years,
    )


@transaction.atomic
def calendar_version_create(*, actor, draft, note: str = "", source: str = ""):
    """Store a validated year as a new calendar version, then recompute every open clock (A12).

    Any error leaves the version in force untouched.
    """
    from django.core.exceptions import ValidationError

    from fazhi.core.audit import record_access_event
    from fazhi.core.models import AccessEventKind
    from fazhi.deadlines.importer import diff_against, validate_draft

    with connection.cursor() as cursor:  # one import at a time
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('deadlines.calendar_import'))")
    validate_draft(draft)
    base = current_version()
    base_cal = load_calendar(base)
    if not diff_against(draft, base_cal.holidays, base_cal.workdays):
        raise ValidationError(
            f"导入的 {draft.year} 年放假安排与现行第{base_cal.version}版完全相同，未生成新版本。"
        )
    version = CalendarVersion(
        number=base_cal.version + 1,
        years=sorted(base_cal.years | {draft.year}),
        note=note or f"导入 {draft.year} 年放假安排",
        source=source,
        created_by=actor,
    )
    version.full_clean()
    version.save()
    days = [
        CalendarDay(version=version, date=d, kind=DayKind.HOLIDAY, name=n)
        for d, n in base_cal.holidays.items()
        if d.year != draft.year
    ] + [
        CalendarDay(version=version, date=d, kind=DayKind.WORKDAY, name=n)
        for d, n in base_cal.workdays.items()
        if d.year != draft.year
    ]
    days += [
        CalendarDay(version=version, date=d.date, kind=d.kind, name=d.name) for d in draft.days
    ]
    CalendarDay.objects.bulk_create(days)
    report = clocks_recompute_all(version=version)
    record_access_event(
        None,
        AccessEventKind.IMPORT,
        user=actor,
        obj=version,
        detail={
            "year": draft.year,
            "days": len(draft.days),
            "clocks_changed": report.changed,
            "clocks_moved": report.moved,
        },
    )
    return version, report


# --- Reminder scan (to-dos and warnings) ----------------------------------------------------


@dataclass(frozen=True)
class ScanReport:
    today: date
    states_changed: int
    open_due: int
    reminders_created: int


def _reminder_message(kind, label, due, today, cal, owner_name=None) -> str:
    whose = "" if owner_name is None else f"{owner_name or '（未指定承办人）'}承办的"
    if kind == ReminderKind.OVERDUE:
        return f"【已逾期】{whose}{label}已于 {_day(due)} 到期，逾期{(today - due).days}日。"
    if kind == ReminderKind.DUE_TODAY:
        return f"【今日到期】{whose}{label}今日到期（{due:%Y-%m-%d}，{weekday_cn(due)}）。"
    left, d = 0, today
    while d < due:
        d = date.fromordinal(d.toordinal() + 1)
        if not cal.is_rest_day(d):
            left += 1
    return f"【即将到期】{whose}{label}将于 {_day(due)} 到期，还有{left}个工作日。"


def scan_deadlines(*, today: date | None = None) -> ScanReport:
    """Refresh open-clock states and give the owner and unit heads their reminders, once each:
    due within 3 working days, due today, overdue."""
    from fazhi.core.models import Role, User

    today = today or timezone.localdate()
    cal = load_calendar()
    threshold = cal.add_working_days(today, DUE_SOON_WORKING_DAYS)
    with transaction.atomic(), bulk_audit_context(operation="deadlines.scan"):
        changed = Clock.objects.filter(
            state__in=[ClockState.RUNNING, ClockState.DUE_SOON], due_date__lt=today
        ).update(state=ClockState.OVERDUE)
        changed += Clock.objects.filter(
            state__in=[ClockState.RUNNING, ClockState.OVERDUE],
            due_date__gte=today,
            due_date__lte=threshold,
        ).update(state=ClockState.DUE_SOON)
        changed += Clock.objects.filter(
            state__in=[ClockState.DUE_SOON, ClockState.OVERDUE], due_date__gt=threshold
        ).update(state=ClockState.RUNNING)
        due = list(
            Clock.objects.filter(state__in=[ClockState.DUE_SOON, ClockState.OVERDUE]).values_list(
                "id",
                "unit_id",
                "owner_id",
                "owner__is_active",
                "owner__full_name",
                "owner__username",
                "label",
                "due_date",
            )
        )
        heads: dict[int, list[int]] = defaultdict(list)
        for user_id, unit_id in User.objects.filter(
            unit_id__in={row[1] for row in due},
            is_active=True,
            roles__contains=[Role.UNIT_HEAD],
        ).values_list("id", "unit_id"):
            heads[unit_id].append(user_id)
        now = timezone.now()
        rows = []
        for cid, unit_id, owner_id, owner_active, full_name, username, label, due_date in due:
            if due_date < today:
                kind = ReminderKind.OVERDUE
            elif due_date == today:
                kind = ReminderKind.DUE_TODAY
            else:
                kind = ReminderKind.DUE_SOON
            if owner_id is not None and owner_active:
                message = _reminder_message(kind, label, due_date, today, cal)
                rows.append(
                    (
                        unit_id,
                        cid,
                        owner_id,
                        ReminderAudience.OWNER,
                        kind,
                        due_date,
                        None,
                        message,
                        now,
                    )
                )
            owner_name = (full_name or username) if owner_id else ""
            for head_id in heads.get(unit_id, ()):
                if head_id == owner_id:
                    continue
                message = _reminder_message(kind, label, due_date, today, cal, owner_name)
                rows.append(
                    (
                        unit_id,
                        cid,
                        head_id,
                        ReminderAudience.UNIT_HEAD,
                        kind,
                        due_date,
                        None,
                        message,
                        now,
                    )
                )
        created = _insert_reminders(rows)
    return ScanReport(today, changed, len(due), created)
