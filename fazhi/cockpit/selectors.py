"""The 依法治区办's unit status matrix: who is behind, at a glance (one row per unit).

Every column is one grouped query over all the units in view (overdue and due-soon clocks,
returns by state, the annual report's duties), plus the registers' compliance checks computed
once for the whole division: the number of queries does not grow with the number of units.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count

from fazhi.core.access import office_covers
from fazhi.core.models import Unit, UnitKind
from fazhi.deadlines.models import Clock, ClockState
from fazhi.indicators import registry
from fazhi.indicators.models import ReturnState, UnitReturn
from fazhi.indicators.selectors import findings_for
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
    found = findings_for(division_or_unit=user.unit.division, year=year, user=user)
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
        for f in findings_for(division_or_unit=user.unit.division, year=year, user=user)
        if f.unit is not None and f.unit.pk == unit.pk and f.check in names
    ]
    reports = list(Report.objects.filter(unit=unit, year=year).prefetch_related("duties"))
    return UnitDetail(clocks, returns, findings, reports)
