"""The 依法治区办's unit status matrix: who is behind, at a glance (one row per unit).

Every column is one grouped query over all the units in view (overdue and due-soon clocks,
returns by state, the annual report's duties), plus the registers' compliance checks computed
once for the whole division: the number of queries does not grow with the number of units.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count

from fazhi.core.access import office_covers
from fazhi.core.models import Unit, UnitKind
from fazhi.deadlines.models import OPEN_STATES as OPEN_CLOCK_STATES
from fazhi.deadlines.models import Clock, ClockState
from fazhi.indicators import registry
from fazhi.indicators.models import ReturnState, UnitReturn
from fazhi.indicators.selectors import compliance_findings_for, indicator_value, rollup
from fazhi.reports.models import DutyKind, Report, ReportingDuty

RETURN_COLUMNS = (
    ("not_opened", "未开始"),
    (ReturnState.DRAFT, "填报中"),
    (ReturnState.RETURNED, "已退回"),
    (ReturnState.SUBMITTED, "待接收"),
    (ReturnState.ACCEPTED, "已接收"),
    ("late", "逾期未报"),
)
REPORT_STATES = {
    "none": "未起草",
    "draft": "起草中",
    "late": "逾期未报送",
    "submitted": "已报送",
    "published": "已公开",
}


@dataclass
class UnitStatus:
    unit: Unit
    overdue: int = 0
    due_soon: int = 0
    returns: Counter = field(default_factory=Counter)
    findings: Counter = field(default_factory=Counter)
    report: str = "none"

    @property
    def behind(self) -> int:
        """How far behind: overdue deadlines, late returns and findings (the default sort)."""
        return self.overdue + self.returns["late"] + sum(self.findings.values())

    @property
    def report_label(self) -> str:
        return REPORT_STATES[self.report]


@dataclass
class Matrix:
    year: int
    rows: list[UnitStatus]
    checks: list[tuple[str, str]]  # (check code, Chinese name) of the columns with findings


def matrix_units(*, user, kind: str = ""):
    """The units the office supervises (its division subtree), optionally of one kind."""
    if not office_covers(user, user.unit):
        return Unit.objects.none()
    units = Unit.objects.in_subtree(user.unit.division).filter(active=True)
    if kind:
        units = units.filter(kind=kind)
    return units.select_related("division").order_by("division__code", "name")


def status_matrix(*, user, year: int, kind: str = "", today: date | None = None) -> Matrix:
    units = list(matrix_units(user=user, kind=kind))
    rows = {u.pk: UnitStatus(unit=u) for u in units}
    if not rows:
        return Matrix(year, [], [])
    today = today or date.today()
    _clocks(rows)
    _returns(rows, year, today)
    checks = _findings(rows, user, year)
    _reports(rows, year, today)
    ordered = sorted(rows.values(), key=lambda r: (-r.behind, r.unit.division.code, r.unit.name))
    return Matrix(year, ordered, checks)


def _clocks(rows: dict[int, UnitStatus]) -> None:
    counts = (
        Clock.objects.filter(unit_id__in=rows, state__in=(ClockState.OVERDUE, ClockState.DUE_SOON))
        .values("unit_id", "state")
        .annotate(n=Count("pk"))
    )
    for row in counts:
        status = rows[row["unit_id"]]
        if row["state"] == ClockState.OVERDUE:
            status.overdue = row["n"]
        else:
            status.due_soon = row["n"]


def _returns(rows: dict[int, UnitStatus], year: int, today: date) -> None:
    returns = UnitReturn.objects.filter(unit_id__in=rows, request__year=year).values(
        "unit_id", "state", "request__due_date"
    )
    seen = set()
    for row in returns:
        status = rows[row["unit_id"]]
        seen.add(row["unit_id"])
        open_state = row["state"] in (ReturnState.DRAFT, ReturnState.RETURNED)
        due = row["request__due_date"]
        if open_state and due is not None and due < today:
            status.returns["late"] += 1
        elif row["state"] != ReturnState.SUPERSEDED:
            status.returns[row["state"]] += 1
    for unit_id, status in rows.items():
        if unit_id not in seen:
            status.returns["not_opened"] = 1


def _findings(rows: dict[int, UnitStatus], user, year: int) -> list[tuple[str, str]]:
    found = compliance_findings_for(division_or_unit=user.unit.division, year=year, user=user)
    names = {code: spec.name for code, spec in registry.checks().items()}
    checks: dict[str, str] = {}
    for finding in found:
        if finding.unit is None or finding.unit.pk not in rows or finding.check not in names:
            continue
        rows[finding.unit.pk].findings[finding.check] += 1
        checks[finding.check] = names[finding.check]
    return sorted(checks.items(), key=lambda item: item[1])


def _reports(rows: dict[int, UnitStatus], year: int, today: date) -> None:
    reports = set(
        Report.objects.filter(unit_id__in=rows, year=year).values_list("unit_id", flat=True)
    )
    duties = defaultdict(dict)
    for duty in ReportingDuty.objects.filter(unit_id__in=rows, report__year=year).values(
        "unit_id", "kind", "due_date", "done_on"
    ):
        duties[duty["unit_id"]][duty["kind"]] = duty
    for unit_id, status in rows.items():
        kinds = duties.get(unit_id, {})
        submit, publish = kinds.get(DutyKind.SUBMIT), kinds.get(DutyKind.PUBLISH)
        if publish and publish["done_on"]:
            status.report = "published"
        elif submit and submit["done_on"]:
            status.report = "submitted"
        elif any(d["due_date"] < today and not d["done_on"] for d in kinds.values()):
            status.report = "late"
        elif unit_id in reports:
            status.report = "draft"


UNIT_KIND_CHOICES = [("", "全部单位"), *UnitKind.choices]


@dataclass
class UnitDetail:
    clocks: list
    returns: list
    findings: list
    reports: list


def unit_detail(*, user, unit: Unit, year: int) -> UnitDetail:
    """The records behind one row: open clocks due soon or overdue, the year's returns, the
    compliance findings naming the unit, its annual report and duties."""
    clocks = list(
        Clock.objects.for_user(user)
        .filter(unit=unit, state__in=(ClockState.OVERDUE, ClockState.DUE_SOON))
        .order_by("due_date")
    )
    returns = list(
        UnitReturn.objects.filter(unit=unit, request__year=year)
        .select_related("request")
        .order_by("request__due_date")
    )
    names = {code: spec.name for code, spec in registry.checks().items()}
    findings = [
        (names.get(f.check, ""), f)
        for f in compliance_findings_for(division_or_unit=user.unit.division, year=year, user=user)
        if f.unit is not None and f.unit.pk == unit.pk and f.check in names
    ]
    reports = list(Report.objects.filter(unit=unit, year=year).prefetch_related("duties"))
    return UnitDetail(clocks, returns, findings, reports)


def check_names() -> dict[str, str]:
    return {code: spec.name for code, spec in registry.checks().items()}


def check_findings(*, user, check: str, year: int) -> list:
    """One compliance check's findings in the office's division, with the unit each names."""
    units = {u.pk for u in matrix_units(user=user)}
    return [
        f
        for f in compliance_findings_for(division_or_unit=user.unit.division, year=year, user=user)
        if f.check == check and (f.unit is None or f.unit.pk in units)
    ]


# --- charts (each with its table) ----------------------------------------------------------


@dataclass
class Series:
    """One chart: its categories (x), named series of numbers, and the unit of measure."""

    title: str
    categories: list[str]
    series: dict[str, list[float]]
    measure: str = ""
    kind: str = "bar"  # bar | line | stack

    def as_table(self) -> list[list]:
        return [
            [c, *[values[i] for values in self.series.values()]]
            for i, c in enumerate(self.categories)
        ]


def deadlines_by_week(*, user, today: date, weeks: int = 8) -> Series:
    """Open clocks of the office's units falling due in each of the next `weeks` weeks."""
    monday = today - timedelta(days=today.weekday())
    end = monday + timedelta(weeks=weeks)
    units = matrix_units(user=user)
    counts = Counter(
        (due - monday).days // 7
        for due in Clock.objects.filter(
            unit__in=units, state__in=OPEN_CLOCK_STATES, due_date__gte=monday, due_date__lt=end
        ).values_list("due_date", flat=True)
    )
    labels = [f"{(monday + timedelta(weeks=w)):%m-%d}起" for w in range(weeks)]
    return Series(
        "今后八周到期的法定期限", labels, {"到期数": [counts[w] for w in range(weeks)]}, "件"
    )


def returns_progress(*, user, year: int, today: date) -> Series:
    matrix_rows = {u.pk: UnitStatus(unit=u) for u in matrix_units(user=user)}
    _returns(matrix_rows, year, today)
    totals = Counter()
    for status in matrix_rows.values():
        totals.update(status.returns)
    labels = [label for _key, label in RETURN_COLUMNS]
    return Series(
        f"{year}年度统计填报进度",
        labels,
        {"单位数": [totals[key] for key, _label in RETURN_COLUMNS]},
        "个",
    )


def indicator_trend(*, user, code: str, years: list[int]) -> Series:
    """One indicator over several years for the office's division."""
    division = user.unit.division
    points = [indicator_value(code, division_or_unit=division, year=y, user=user) for y in years]
    name = points[-1].name if points else code
    return Series(
        f"{name}：历年变化",
        [f"{y}年" for y in years],
        {name: [_number(p.value) for p in points]},
        points[-1].measure if points else "",
        "line",
    )


def indicator_comparison(*, user, code: str, year: int) -> Series:
    """One indicator across the child divisions (a city's districts) or the units below."""
    values = rollup(code, division=user.unit.division, year=year, user=user)[:-1]
    name = values[0].name if values else code
    return Series(
        f"{name}：{year}年度各下级对比",
        [v.scope_label for v in values],
        {name: [_number(v.value) for v in values]},
        values[0].measure if values else "",
    )


def _number(value) -> float:
    return float(value) if value is not None else 0.0


def chart_indicators() -> list[tuple[str, str]]:
    """Indicators worth a trend line: counts, sums and rates, by their Chinese names."""
    return sorted(
        ((code, spec.name) for code, spec in registry.indicators().items() if not spec.variant_of),
        key=lambda item: item[1],
    )
