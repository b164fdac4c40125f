"""Reads: indicator values with provenance and findings, the catalog, returns (docs/contracts.md)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Q

from fazhi.core.access import may_read_scope, visible_unit_ids
from fazhi.core.models import Division, Unit
from fazhi.indicators import registry
from fazhi.indicators.breakdown import Breakdown
from fazhi.indicators.catalog import all_relations, all_specs
from fazhi.indicators.compare import Comparison
from fazhi.indicators.compute import (
    Computation,
    Value,
    prefetch_computed,
    prefetch_returned,
    scope_for,
)
from fazhi.indicators.models import (
    ConsistencyRule,
    Indicator,
    ReturnRequest,
    ReturnState,
    Target,
    UnitReturn,
)
from fazhi.indicators.registry import Finding
from fazhi.indicators.targets import TargetCheck
from fazhi.indicators.windows import window_periods, windows_in_view

__all__ = ["may_read_scope", "window_periods"]  # re-exported for views and the report


def computation(
    division_or_unit, year: int | None = None, *, user=None, period=None
) -> Computation:
    """One batch of values for a unit or a division subtree over a year or any `period`
    (a `Period` or a `Window`)."""
    if not may_read_scope(user, division_or_unit):
        raise PermissionDenied("无权查看该单位或区划的统计数据。")
    return Computation(scope_for(division_or_unit, year, period=period), user=user)


def _attach_targets(comp: Computation, values: dict[str, Value]) -> None:
    for code in comp.targets():
        if code in values:
            values[code].target = comp.target(code)


def _attach_findings(comp: Computation, values: dict[str, Value]) -> list[Finding]:
    """Attach targets and the consistency findings to the values they involve; return those."""
    _attach_targets(comp, values)
    findings = comp.consistency_findings(values.keys())
    for finding in findings:
        rule_codes = _codes_of(finding.check)
        for code, value in values.items():
            if code in rule_codes or any(v.code in rule_codes for v in value.variants):
                value.findings.append(finding)
    return findings


def _codes_of(check: str) -> set[str]:
    rule = all_relations().get(check)
    if rule is not None:
        return set(rule.left + rule.right)
    if check.endswith(".stated"):
        family = check.removesuffix(".stated")
        stated = {s.code for s in all_specs().values() if s.stated_for == family}
        return {family, *stated}
    return set()


def indicator_value(
    code: str, *, division_or_unit, year: int | None = None, user=None, period=None
) -> Value:
    """One value with its formula, display text, provenance and the findings that involve it."""
    comp = computation(division_or_unit, year, user=user, period=period)
    values = {code: comp.value(code)}
    _attach_findings(comp, values)
    return values[code]


def indicator_values(
    codes=None, *, division_or_unit, year: int | None = None, user=None, period=None
) -> dict[str, Value]:
    """Many values in one batch (all catalog indicators when `codes` is None)."""
    comp = computation(division_or_unit, year, user=user, period=period)
    values = comp.values(codes)
    _attach_findings(comp, values)
    return values


@dataclass
class Overview:
    """Every figure of a scope, its findings and its changes, from one batch (the 指标数据 page)."""

    computation: Computation
    values: dict[str, Value]
    findings: list[Finding]

    def comparisons(self, codes, basis: str = "同比") -> dict[str, Comparison]:
        """{code: Comparison}: the earlier period's figures read in one more batch."""
        codes = list(codes)
        self.computation.earlier(basis).values(codes)
        return {code: self.computation.compare(code, basis) for code in codes}


def indicator_overview(
    *, division_or_unit, year: int | None = None, user=None, period=None, basis: str = "同比"
) -> Overview:
    """All values (targets and findings attached) and the scope's findings — the relations
    between figures and the registers' compliance checks — computed once, not once per part.
    The earlier period's registers (`basis`, for `Overview.comparisons`) are read in the same
    statement as this period's."""
    if not may_read_scope(user, division_or_unit):
        raise PermissionDenied("无权查看该单位或区划的统计数据。")
    comp = Computation.read(scope_for(division_or_unit, year, period=period), user=user)
    Computation.prefetch([comp, comp.earlier(basis)], comp.dependencies(comp.specs))
    values = comp.values()
    findings = _attach_findings(comp, values) + comp.compliance_findings()
    return Overview(computation=comp, values=values, findings=findings)


def comparison(
    code: str,
    *,
    division_or_unit,
    year: int | None = None,
    period=None,
    basis: str = "同比",
    user=None,
) -> Comparison:
    """A value against the same period a year earlier (同比) or the period just before (环比):
    `.previous`, `.change` (percentage points for a rate), `.percent`, `.sentence`."""
    comp = computation(division_or_unit, year, user=user, period=period)
    return comp.compare(code, basis)


def breakdown(
    code: str,
    dimension,
    *,
    division_or_unit,
    year: int | None = None,
    period=None,
    user=None,
) -> Breakdown:
    """The value split by a dimension (its key or name, or a `Dimension`): `.parts` (label,
    value, display, share, share_display), `.adds_up`, `.shares_sum_display`, `.rounding_note`,
    `.findings()`; a KeyError with the Chinese reason when the indicator has no such dimension."""
    return computation(division_or_unit, year, user=user, period=period).breakdown(code, dimension)


def dimensions(code: str, *, division_or_unit, year: int | None = None, period=None, user=None):
    """The dimensions an indicator breaks down by in a scope (declared, unit, division)."""
    return computation(division_or_unit, year, user=user, period=period).dimensions(code)


def target_check(
    code: str, *, division_or_unit, year: int | None = None, period=None, user=None
) -> TargetCheck | None:
    """The value beside the target that applies to the scope and period (None without one):
    `.display` ≤5%, `.met`, `.status_label` 达标/未达标, `.comparison_text` 低于市考核目标5%."""
    return computation(division_or_unit, year, user=user, period=period).target(code)


def target_findings(
    *, division_or_unit, year: int | None = None, period=None, user=None, codes=None
) -> list[Finding]:
    """Every target applying to the scope: met (info) or missed (warning)."""
    comp = computation(division_or_unit, year, user=user, period=period)
    return comp.target_findings(codes)


def comparisons(
    codes=None,
    *,
    division_or_unit,
    year: int | None = None,
    period=None,
    basis: str = "同比",
    user=None,
) -> dict[str, Comparison]:
    """{code: Comparison} for many indicators: two batches (this period, the earlier one)."""
    comp = computation(division_or_unit, year, user=user, period=period)
    codes = list(comp.specs) if codes is None else list(codes)
    comp.values(codes)
    comp.earlier(basis).values(codes)
    return {code: comp.compare(code, basis) for code in codes}


def findings_for(
    *,
    division_or_unit,
    year: int | None = None,
    codes=None,
    user=None,
    compliance: bool = True,
    period=None,
) -> list[Finding]:
    """Consistency findings (relations, stated rates) and, unless `compliance=False`, the
    registers' compliance checks."""
    comp = computation(division_or_unit, year, user=user, period=period)
    findings = comp.consistency_findings(codes)
    return findings + comp.compliance_findings() if compliance else findings


def compliance_findings_for(
    *, division_or_unit, year: int | None = None, user=None, period=None
) -> list[Finding]:
    """The registers' compliance checks alone, without the relations between figures (which
    need every figure of the scope): what the office's status matrix counts per unit."""
    return computation(division_or_unit, year, user=user, period=period).compliance_findings()


def check_stated(code: str, stated, *, division_or_unit, year: int, user=None) -> list[Finding]:
    """Check a figure a text states (e.g. 维持率 75%) against every variant of the formula."""
    comp = computation(division_or_unit, year, user=user)
    return comp.check_stated(code, Decimal(str(stated)))


def rollup(code: str, *, division: Division, year: int, user=None) -> list[Value]:
    """One value per child division (or per unit at the lowest level), then the total."""
    children = list(Division.objects.filter(parent=division).order_by("code"))
    parts: list = children or list(Unit.objects.filter(division=division).order_by("name"))
    values = [indicator_value(code, division_or_unit=part, year=year, user=user) for part in parts]
    values.append(indicator_value(code, division_or_unit=division, year=year, user=user))
    return values


def rollup_all(*, division: Division, year: int, user=None) -> dict:
    """Every indicator for each child division and for the division itself (the city roll-up)."""
    targets = [*Division.objects.filter(parent=division).order_by("code"), division]
    for target in targets:
        if not may_read_scope(user, target):
            raise PermissionDenied("无权查看该单位或区划的统计数据。")
    specs = all_specs()  # the catalog read once for every scope
    comps = [Computation(scope_for(t, year), user=user, specs=specs) for t in targets]
    prefetch_returned(comps)  # every returned value of every scope in two queries
    prefetch_computed(comps)  # every register count of every scope in one round-trip
    return {target: comp.values() for target, comp in zip(targets, comps, strict=True)}


# --- windows ---------------------------------------------------------------------------------
def windows_for(division_or_unit, *, active: bool = True):
    """The named windows (统计期) offered in a unit's or division's scope."""
    return windows_in_view(division_or_unit, active=active)


# --- targets -------------------------------------------------------------------------------
def targets_in_view(*, user):
    """Targets whose scope the user may read: office staff their subtree, others their unit."""
    queryset = Target.objects.select_related("indicator", "division", "target_unit", "window")
    units = visible_unit_ids(user)
    if units is None:
        return queryset
    if user.has_role("office_staff") and user.unit_id:
        path = user.unit.division.path
        return queryset.filter(
            Q(division__path__startswith=path) | Q(target_unit__division__path__startswith=path)
        )
    return queryset.filter(target_unit__in=units)


def target_rows(*, user) -> list[tuple]:
    """(target, TargetCheck of the current value) for the targets page."""
    rows = []
    for target in targets_in_view(user=user):
        scope_object = target.target_unit or target.division
        period = target.window.period if target.window else None
        try:
            check = target_check(
                target.indicator.code,
                division_or_unit=scope_object,
                year=target.year,
                period=period,
                user=user,
            )
        except (KeyError, PermissionDenied):
            check = None
        rows.append((target, check if check and check.target.pk == target.pk else None))
    return rows


# --- catalog and returns ---------------------------------------------------------------------
def catalog_list(*, active: bool = True):
    return Indicator.objects.filter(active=active)


def built_in_rules() -> list:
    """The consistency rules registered in code, by name (for the rules page)."""
    return sorted(registry.relations().values(), key=lambda r: r.code)


def runtime_rules():
    return ConsistencyRule.objects.filter(active=True).select_related("unit")


def returned_indicator_list():
    return Indicator.objects.filter(active=True, source="returned")


def unit_return_list(*, user, year: int | None = None):
    queryset = UnitReturn.objects.for_user(user).select_related("unit", "request")
    if year is not None:
        queryset = queryset.filter(request__year=year)
    return queryset.order_by("request__due_date", "unit__name")


def return_request_list(*, user):
    units = visible_unit_ids(user)
    queryset = ReturnRequest.objects.all()
    if units is not None:
        queryset = queryset.filter(Q(unit__in=units) | Q(returns__unit__in=units)).distinct()
    return queryset


def overdue_returns(*, user, today):
    """Returns not yet submitted (draft or sent back) whose due date has passed."""
    return unit_return_list(user=user).filter(
        state__in=[ReturnState.DRAFT, ReturnState.RETURNED], request__due_date__lt=today
    )
