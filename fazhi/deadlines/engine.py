"""Pure period arithmetic over a working-day calendar: no database access.

Rules applied (docs/rules.md §0):
- T1 (民法典 201): the trigger day is not counted; counting starts the next day.
- T2 (民法典 202): a month or year period ends on the corresponding day, clamped to month end.
- T3 (民法典 203): a period counted in calendar days, months or years whose last day is a rest
  day ends on the next working day. This applies to a deadline (a period within which an act
  must be done), not to a minimum interval (a time that must pass before an act may be done:
  公布后30日施行, 征求意见不少于30日): the earliest date of a minimum interval is never moved.
- T6-T9 (复议法 88, 处罚法 85, 强制法 69, 公开条例): working-day periods skip rest days.
- A2: a rest day is a holiday, or a weekend day that is not an adjusted working day (调休上班).
- A3: an adjusted working weekend day counts as a working day (one setting).
- A5: a pause (中止, 补正, 征求意见) stops the clock: the days after the pause date up to and
  including the resume date are not counted (the resume day, like a trigger day, is not counted).
- T16/A12: a period whose counting touches a year without a loaded calendar is provisional.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from fazhi.deadlines.exceptions import DeadlineRuleError
from fazhi.deadlines.rules import PeriodKind, PeriodUnit, period_text

ONE_DAY = timedelta(days=1)
WEEKDAYS = "一二三四五六日"
# 放假办法 2: the statutory holidays on fixed solar dates, assumed for a year with no notice loaded.
FIXED_HOLIDAYS = {
    (1, 1): "元旦",
    (5, 1): "劳动节",
    (5, 2): "劳动节",
    (10, 1): "国庆节",
    (10, 2): "国庆节",
    (10, 3): "国庆节",
}


def weekday_cn(d: date) -> str:
    return "周" + WEEKDAYS[d.weekday()]


@dataclass(eq=False)
class WorkCalendar:
    """One calendar version: holidays and adjusted workdays for the years it covers."""

    version: int
    years: frozenset[int]
    holidays: Mapping[date, str]
    workdays: Mapping[date, str]
    count_adjusted_workdays: bool = True

    def is_loaded(self, d: date) -> bool:
        return d.year in self.years

    def holiday(self, d: date) -> str | None:
        """The festival name if `d` is a holiday; for an unloaded year, the fixed statutory dates."""
        if d.year in self.years:
            return self.holidays.get(d)
        return FIXED_HOLIDAYS.get((d.month, d.day))

    def is_rest_day(self, d: date) -> bool:
        """A2: a holiday, or a weekend day that is not a (counted, A3) adjusted working day."""
        if self.holiday(d) is not None:
            return True
        if d.weekday() >= 5:
            return not (self.count_adjusted_workdays and d in self.workdays)
        return False

    def rest_reason(self, d: date) -> str:
        name = self.holiday(d)
        if name is not None:
            return f"{name}放假"
        if d in self.workdays:
            return "调休上班日（按设置不计为工作日）"
        return "休息日"

    def add_working_days(self, start: date, n: int) -> date:
        d, counted = start, 0
        while counted < n:
            d += ONE_DAY
            if not self.is_rest_day(d):
                counted += 1
        return d


@dataclass(frozen=True)
class Pause:
    start: date
    end: date | None = None
    reason: str = ""


@dataclass(frozen=True)
class Extension:
    days: int
    approver: str = ""
    reason: str = ""


@dataclass
class Computation:
    due_date: date
    provisional: bool
    missing_years: tuple[int, ...]
    segments: list[str] = field(default_factory=list)
    explanation: str = ""


def add_months(d: date, months: int) -> tuple[date, bool]:
    """T2: the corresponding day `months` later, clamped to the month's last day."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last)), d.day > last


def _check_pauses(trigger: date, pauses: list[Pause]) -> None:
    previous_end = trigger
    for i, pause in enumerate(pauses):
        if pause.start < previous_end:
            raise DeadlineRuleError(
                f"中止日期 {pause.start:%Y-%m-%d} 早于起算日或上一次恢复日，中止期间不得重叠。"
            )
        if pause.end is None:
            if i != len(pauses) - 1:
                raise DeadlineRuleError("只有最后一次中止可以尚未恢复。")
            continue
        if pause.end < pause.start:
            raise DeadlineRuleError(
                f"恢复日期 {pause.end:%Y-%m-%d} 早于中止日期 {pause.start:%Y-%m-%d}。"
            )
        previous_end = pause.end


def compute(
    cal: WorkCalendar,
    *,
    trigger: date,
    length: int,
    unit: str,
    pauses: Iterable[Pause] = (),
    extensions: Iterable[Extension] = (),
    name: str = "",
    citation: str = "",
    trigger_label: str = "",
    kind: str = PeriodKind.DEADLINE,
) -> Computation:
    """The due date of a period and a Chinese explanation of how it was reached.

    For a `MINIMUM_INTERVAL` the date is the earliest day the act may be done; it is counted
    the same way (T1, T2, working days) but never rolled forward past rest days (T3 is a rule
    on the end of a time limit)."""
    if length <= 0:
        raise DeadlineRuleError("期限长度须大于 0。")
    pauses = sorted(pauses, key=lambda p: p.start)
    extensions = list(extensions)
    _check_pauses(trigger, pauses)
    extra = sum(e.days for e in extensions)
    if extra < 0:
        raise DeadlineRuleError("延长天数不能为负数。")

    def md(d: date) -> str:
        return f"{d.month}/{d.day}" if d.year == trigger.year else f"{d.year}/{d.month}/{d.day}"

    missing: set[int] = set()
    events: list[tuple[date, int, str]] = []  # (date, order, text), sorted chronologically
    head_segments: list[str] = []
    tail_segments: list[str] = []
    ext_unit = PeriodUnit.WORKING_DAYS if unit == PeriodUnit.WORKING_DAYS else "calendar_days"
    for ext in extensions:
        who = f"经{ext.approver}批准" if ext.approver else ""
        head_segments.append(f"{who}延长{period_text(ext.days, ext_unit)}")

    closed = [p for p in pauses if p.end is not None]
    for p in closed:
        label = f"因{p.reason}中止" if p.reason else "中止"
        events.append(
            (
                p.start,
                0,
                f"{md(p.start)} {label}，{md(p.end)} 恢复，其间{(p.end - p.start).days}日不计",
            )
        )
    for p in pauses:
        if p.end is None:
            label = f"因{p.reason}中止" if p.reason else "中止"
            events.append((p.start, 0, f"{md(p.start)} {label}，尚未恢复，恢复后顺延"))

    if unit == PeriodUnit.WORKING_DAYS:
        due = _count_working_days(cal, trigger, length + extra, closed, missing, events, md)
    else:
        if unit == PeriodUnit.CALENDAR_DAYS:
            due = trigger + timedelta(days=length)
        else:
            months = length if unit == PeriodUnit.MONTHS else 12 * length
            due, clamped = add_months(trigger, months)
            if clamped:
                head_segments.append(
                    f"{due.year}年{due.month}月无{trigger.day}日，取月末 {md(due)}（民法典第二百零二条）"
                )
        due += timedelta(days=extra)
        for p in closed:
            if p.start < due:
                due += p.end - p.start
        if kind == PeriodKind.MINIMUM_INTERVAL:
            _note_unrolled(cal, due, missing, tail_segments, md)
        else:
            due = _roll_forward(cal, due, missing, tail_segments, md)

    if missing:
        years = "、".join(str(y) for y in sorted(missing))
        tail_segments.append(
            f"{years}年放假安排尚未导入，暂按周末及元旦、劳动节、国庆节法定日期推算"
        )
    events.sort(key=lambda e: (e[0], e[1]))
    segments = head_segments + [text for _d, _o, text in events] + tail_segments

    head = f"{trigger:%Y-%m-%d} {trigger_label or '起算'}，{name}{period_text(length, unit)}"
    if citation:
        head += f"（{citation}）"
    body = ("：" + "，".join(segments)) if segments else ""
    mark = f"{weekday_cn(due)}，临时" if missing else weekday_cn(due)
    word = "最早" if kind == PeriodKind.MINIMUM_INTERVAL else "截止"
    explanation = f"{head}{body}，{word} {due:%Y-%m-%d}（{mark}）"
    return Computation(
        due_date=due,
        provisional=bool(missing),
        missing_years=tuple(sorted(missing)),
        segments=segments,
        explanation=explanation,
    )


def _count_working_days(cal, trigger, total, closed, missing, events, md) -> date:
    excluded: set[date] = set()
    for p in closed:
        d = p.start + ONE_DAY
        while d <= p.end:
            excluded.add(d)
            d += ONE_DAY
    d, counted = trigger, 0
    skipped: list[date] = []
    years = cal.years
    while counted < total:
        d += ONE_DAY
        if d.year not in years:
            missing.add(d.year)
        if d in excluded:
            continue
        name = cal.holiday(d)
        if name is not None:
            skipped.append((d, name))
            continue
        if d.weekday() >= 5:
            if d in cal.workdays:
                if cal.count_adjusted_workdays:
                    events.append((d, 1, f"{md(d)}（{weekday_cn(d)}）调休上班计入"))
                    counted += 1
                else:
                    events.append((d, 1, f"{md(d)}（{weekday_cn(d)}）调休上班按设置不计"))
            continue
        counted += 1
    for start, end, name in _runs(skipped):
        if start == end:
            span = md(start)
        else:
            tail = f"{end.month}/{end.day}" if end.year == start.year else md(end)
            span = f"{md(start)}–{tail}"
        events.append((start, 1, f"{span} {name}放假不计"))
    return d


def _runs(days: list[tuple[date, str]]):
    """Group consecutive holiday dates with the same name: [(first, last, name)]."""
    runs: list[list] = []
    for d, name in days:
        if runs and d - runs[-1][1] == ONE_DAY and name == runs[-1][2]:
            runs[-1][1] = d
        else:
            runs.append([d, d, name])
    return [tuple(r) for r in runs]


def _note_unrolled(cal, due, missing, segments, md) -> None:
    """A minimum interval ending on a rest day keeps its date (民法典 203 is about time limits)."""
    if due.year not in cal.years:
        missing.add(due.year)
    if cal.is_rest_day(due):
        segments.append(
            f"{md(due)}（{weekday_cn(due)}）为{cal.rest_reason(due)}，最短间隔期满日不因节假日顺延"
        )


def _roll_forward(cal, due, missing, segments, md) -> date:
    """T3: a last day on a rest day moves to the next working day."""
    if due.year not in cal.years:
        missing.add(due.year)
    if not cal.is_rest_day(due):
        if due.weekday() >= 5 and due in cal.workdays:
            segments.append(f"期满日 {md(due)}（{weekday_cn(due)}）为调休上班日，不顺延")
        return due
    first = due
    while cal.is_rest_day(due):
        due += ONE_DAY
        if due.year not in cal.years:
            missing.add(due.year)
    segments.append(
        f"期满日 {md(first)}（{weekday_cn(first)}）为{cal.rest_reason(first)}，"
        f"顺延至 {md(due)}（{weekday_cn(due)}）"
    )
    return due
