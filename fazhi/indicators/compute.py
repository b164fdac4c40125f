"""Computing indicator values for a scope, with provenance and consistency findings.

One `Computation` per (scope, user) memoises values, so a rate and its numerator are computed
once. Returned values are read in one batch (flows; stocks at year end) for every returned
indicator at once; the computed indicators of a division are read in one statement, one scan per
register where their conditions can be fused (`prefetch_computed`). Roll-up is the same
computation over a larger set of units: sums add, stocks take each unit's latest value in the
period, rates are recomputed from the rolled-up numerator and denominator, never averaged.
"""

from __future__ import annotations

import re
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from os.path import commonprefix
from typing import Any

from django.core.exceptions import EmptyResultSet, FieldDoesNotExist
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, transaction
from django.db.models import FETCH_PEERS, Count, QuerySet, Sum
from django.db.models.fields.related_lookups import RelatedIn
from django.db.models.lookups import StartsWith
from django.db.models.sql import Query
from django.db.models.sql.constants import INNER
from django.db.models.sql.datastructures import BaseTable, Join
from django.db.models.sql.where import AND, WhereNode
from django.urls import NoReverseMatch, reverse

from fazhi.core.batch import read_together, run_together
from fazhi.core.models import Division, Unit
from fazhi.indicators import figure_cache, registry
from fazhi.indicators.breakdown import Breakdown, Part, available_dimensions, breakdown, part_filter
from fazhi.indicators.catalog import (
    all_relations,
    all_specs,
    formula_of,
    runtime_indicators,
    runtime_relations,
)
from fazhi.indicators.compare import BASES, Comparison
from fazhi.indicators.display import format_exact, format_value
from fazhi.indicators.models import ReturnedValue, period_bounds
from fazhi.indicators.periods import Period, as_period
from fazhi.indicators.registry import (
    DIVISION_DIMENSION,
    Dimension,
    Finding,
    Granularity,
    IndicatorSpec,
    Kind,
    Scope,
    Source,
)
from fazhi.indicators.targets import TargetCheck, targets_for_scope, targets_of_scope

HUNDRED = Decimal(100)
NOT_SUMMABLE = "不能汇总"


def is_returned_rate(spec: IndicatorSpec) -> bool:
    """A percentage entered in a return: meaningful for one unit and one period only."""
    return spec.source == Source.RETURNED and (spec.kind == Kind.RATE or spec.measure == "%")


def scope_for(
    division_or_unit,
    year: int | None = None,
    granularity: str = Granularity.YEAR,
    index: int = 0,
    *,
    period=None,
) -> Scope:
    """The scope of a unit or a division subtree over a year, a quarter or month, or any period
    (`period`: a `Period` or a `Window`; its name labels the figures)."""
    if period is not None:
        period = as_period(period)
        start, end, year, name = period.start, period.end, period.year, period.name
        if not name and not period.is_calendar_year:
            name = period.dates_label
    elif year is None:
        raise TypeError("须指定年度或统计期。")
    else:
        start, end = period_bounds(year, granularity, index)
        name = {
            Granularity.QUARTER: f"{year}年第{index}季度",
            Granularity.MONTH: f"{year}年{index}月",
        }.get(granularity, "")
    if isinstance(division_or_unit, Unit):
        units, owner = Unit.objects.filter(pk=division_or_unit.pk), {"unit": division_or_unit}
    elif isinstance(division_or_unit, Division):
        units, owner = Unit.objects.in_subtree(division_or_unit), {"division": division_or_unit}
    else:
        raise TypeError("division_or_unit 须为行政区划或单位。")
    (kind,) = owner
    return Scope(
        units=units,
        start=start,
        end=end,
        year=year,
        period_name=name,
        key=f"{kind}:{division_or_unit.pk}",
        **owner,
    )


def period_of(scope: Scope) -> Period:
    return Period(scope.start, scope.end, scope.period_name)


@dataclass
class RecordRef:
    label: str
    url: str
    unit_name: str


@dataclass
class RevisionRef:
    unit_name: str
    revision: int
    value: Decimal
    submitted_by: str
    submitted_at: datetime | None
    accepted_by: str
    accepted_at: datetime | None
    url: str
    period_end: date | None = None
    unit_id: int | None = None


@dataclass
class Provenance:
    """Where a value comes from: register rows, accepted return revisions, or other values."""

    kind: str  # "records" | "returns" | "rate" | "derived" | "none"
    description: str
    queryset_factory: Any = None  # builds the register queryset when first asked
    revision_rows: list = field(default_factory=list)
    parts: list = field(default_factory=list)
    user: Any = None

    @cached_property
    def queryset(self):
        return self.queryset_factory() if self.queryset_factory is not None else None

    @cached_property
    def record_count(self) -> int:
        if self.kind == "records" and self.queryset is not None:
            return self._visible().count()
        if self.kind == "returns":
            return len(self.revision_rows)
        return 0

    def _visible(self) -> QuerySet:
        queryset = self.queryset
        if self.user is not None and hasattr(queryset, "for_user"):
            queryset = queryset.for_user(self.user)
        return queryset

    def records(self, limit: int = 50) -> list[RecordRef]:
        if self.kind != "records" or self.queryset is None:
            return []
        refs = []
        # the labels read related rows (unit, case, officer): one query per relation, not per row
        for obj in self._visible().fetch_mode(FETCH_PEERS)[:limit]:
            unit = getattr(obj, "unit", None)
            refs.append(RecordRef(label=str(obj), url=admin_url(obj), unit_name=str(unit or "")))
        return refs

    @property
    def revisions(self) -> list[RevisionRef]:
        return list(self.revision_rows)


def admin_url(obj) -> str:
    opts = obj._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


@dataclass
class Value:
    code: str
    name: str
    domain: str
    measure: str
    kind: str
    source: str
    formula: str
    value: Decimal | None
    display: str
    exact_display: str
    approximate: bool
    provenance: Provenance
    numerator: Value | None = None
    denominator: Value | None = None
    variants: list = field(default_factory=list)
    variant_label: str = ""
    findings: list = field(default_factory=list)
    scope_label: str = ""
    target: Any = None  # a TargetCheck when a target applies (attached by the selectors)
    comparison: Any = None  # a Comparison with the earlier period (attached by the values page)

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label

    @property
    def source_label(self) -> str:
        return Source(self.source).label


class Computation:
    """Values for one scope. `user` (optional) limits the provenance records to what they may see."""

    def __init__(
        self,
        scope: Scope,
        *,
        user=None,
        specs: dict[str, IndicatorSpec] | None = None,
        overrides: dict[str, Decimal] | None = None,
    ):
        self.scope = scope
        self.user = user
        self.specs = specs if specs is not None else all_specs()
        self.overrides = overrides or {}
        self._values: dict[str, Value] = {}
        self._returned: dict[str, tuple[Decimal, int]] | None = None
        self._results: dict[str, Any] = {}  # what each computed function returned (provenance)
        self._raw: dict[str, Decimal] = {}  # computed values fetched in a batch
        self._shapes: dict[str, tuple[str, Any]] = {}  # code → (summed field or "", model)
        self._earlier: dict[str, Computation] = {}  # "同比" / "环比" → the earlier period's batch
        self._targets: dict | None = None
        self._breakdowns: dict = {}
        self._relations: dict | None = None
        self._findings: list[Finding] | None = None  # the compliance checks' (kept or computed)
        self._kept = None  # the figure cache's round that read this computation

    @classmethod
    def read(cls, scope: Scope, *, user=None) -> Computation:
        """A computation whose catalog, targets and runtime relations are read in one
        statement (instead of one each, as they are first needed)."""
        indicators, targets, relations = read_together(
            runtime_indicators(), targets_of_scope(scope), runtime_relations()
        )
        comp = cls(scope, user=user, specs=all_specs(indicators))
        comp._targets = targets_for_scope(scope, targets)
        comp._relations = all_relations(relations)
        return comp

    # --- returned values -------------------------------------------------------------------
    def _returned_codes(self) -> tuple[list[str], list[str]]:
        flows, stocks = [], []
        for spec in self.specs.values():
            if spec.source == Source.RETURNED:
                (stocks if spec.kind == Kind.STOCK else flows).append(spec.code)
        return flows, stocks

    def _effective_values(self) -> QuerySet:
        return ReturnedValue.objects.filter(
            effective=True,
            unit__in=self.scope.units,
            period_start__gte=self.scope.start,
            period_end__lte=self.scope.end,
        )

    def returned_totals(self) -> dict[str, tuple[Decimal, int]]:
        if self._returned is None:
            flows, stocks = self._returned_codes()
            totals: dict[str, tuple[Decimal, int]] = {}
            summed = (
                self._effective_values()
                .filter(indicator__code__in=flows)
                .values("indicator__code")
                .annotate(total=Sum("value"), n=Count("id"))
                .order_by()
            )
            latest = (
                self._effective_values()
                .filter(indicator__code__in=stocks)
                .order_by("unit_id", "indicator_id", "-period_end")
                .distinct("unit_id", "indicator_id")
                .values_list("indicator__code", "value")
                if stocks
                else []
            )
            summed, latest = read_together(summed, latest)  # one statement for both
            for row in summed:
                totals[row["indicator__code"]] = (row["total"], row["n"])
            if stocks:
                for code, value in latest:
                    total, n = totals.get(code, (Decimal(0), 0))
                    totals[code] = (total + value, n + 1)
            for code, value in self.overrides.items():
                totals[code] = (value, 1)
            self._returned = totals
        return self._returned

    # --- values ------------------------------------------------------------------------------
    def value(self, code: str) -> Value:
        if code not in self._values:
            self._values[code] = self._compute(code)
        return self._values[code]

    def values(self, codes=None) -> dict[str, Value]:
        codes = list(self.specs) if codes is None else list(codes)
        prefetch_computed([self], self.dependencies(codes))
        return {code: self.value(code) for code in codes}

    def dependencies(self, codes) -> set[str]:
        """The codes and every code their rates, derived figures and families rest on."""
        seen: set[str] = set()
        stack = list(codes)
        while stack:
            code = stack.pop()
            if code in seen or code not in self.specs:
                continue
            seen.add(code)
            spec = self.specs[code]
            stack += [spec.numerator, spec.denominator, *(c for c, _ in spec.terms)]
            stack += [v.code for v in self._variants.get(code, ())]
        return seen

    @cached_property
    def _variants(self) -> dict[str, list[IndicatorSpec]]:
        """The registry's families, read once for this computation."""
        return registry.variants_by_family()

    def result_of(self, spec: IndicatorSpec):
        if spec.code not in self._results:
            self._results[spec.code] = spec.function(self.scope)
        return self._results[spec.code]

    def _make(self, spec: IndicatorSpec, value, provenance: Provenance, **extra) -> Value:
        return Value(
            code=spec.code,
            name=spec.name,
            domain=spec.domain,
            measure=spec.measure,
            kind=spec.kind,
            source=spec.source,
            formula=formula_of(spec, self.specs),
            value=value,
            display=format_value(
                value,
                measure=spec.measure,
                kind=spec.kind,
                approximate=spec.approximate,
                bound=spec.bound,
                places=spec.places,
            ),
            exact_display=format_exact(
                value, measure=spec.measure, kind=spec.kind, places=max(spec.places, 4)
            )
            if spec.kind == Kind.RATIO
            else format_exact(value, measure=spec.measure, kind=spec.kind),
            approximate=bool(spec.approximate or spec.bound),
            provenance=provenance,
            variant_label=spec.variant_label,
            scope_label=self.scope.label,
            **extra,
        )

    def _compute(self, code: str) -> Value:
        spec = self.specs.get(code)
        if spec is None:
            raise KeyError(f"没有代码为 {code} 的指标。")
        # registry.indicator: one look-up (registry.indicators() copies the registry each call)
        variants = self._variants.get(code, []) if registry.indicator(code) is None else []
        if variants:
            return self._family(spec, variants)
        if spec.source == Source.RETURNED:
            return self._from_returns(spec)
        if spec.kind in (Kind.RATE, Kind.RATIO) and spec.numerator:
            return self._rate(spec)
        if spec.terms:
            return self._derived(spec)
        return self._from_registers(spec)

    def _from_registers(self, spec: IndicatorSpec) -> Value:
        fetched = self._raw.get(spec.code)
        shape = self._shapes.get(spec.code)
        if fetched is None or shape is None:
            result = self.result_of(spec)
            summed = isinstance(result, registry.Summed)
            queryset = result.queryset if summed else result
            if summed:
                fetched = queryset.aggregate(total=Sum(result.field))["total"]
            else:
                fetched = queryset.count()
            shape = (result.field if summed else "", queryset.model)
        summed_field, model = shape
        how = f"对登记记录的“{summed_field}”字段求和" if summed_field else "登记记录计数"

        def records():
            result = self.result_of(spec)
            return result.queryset if isinstance(result, registry.Summed) else result

        provenance = Provenance(
            kind="records",
            description=f"{how}（{model._meta.verbose_name}）",
            queryset_factory=records,
            user=self.user,
        )
        return self._make(spec, Decimal(fetched or 0), provenance)

    def _from_returns(self, spec: IndicatorSpec) -> Value:
        total, count = self.returned_totals().get(spec.code, (None, 0))
        how = "各单位年末（期末）值之和" if spec.kind == Kind.STOCK else "各单位已接收填报值之和"
        provenance = Provenance(
            kind="returns",
            description=f"统计填报：{how}，共 {count} 份"
            if count
            else "统计填报：尚无已接收的填报",
            user=self.user,
        )
        provenance.revision_rows = _LazyRevisions(self, spec)
        if is_returned_rate(spec) and count > 1:
            provenance.description = (
                f"统计填报：共 {count} 份。各单位（或各期）填报的比率不能相加，也不能平均；"
                "汇总须由分子、分母重新计算，请改为填报分子和分母"
            )
            value = self._make(spec, None, provenance)
            value.display = value.exact_display = NOT_SUMMABLE
            return value
        return self._make(spec, total if count else None, provenance)

    def _rate(self, spec: IndicatorSpec) -> Value:
        missing = [c for c in (spec.numerator, spec.denominator) if c not in self.specs]
        if missing:  # a rate across registers one of which is not installed
            provenance = Provenance(kind="none", description="分子或分母指标未注册，无法计算")
            return self._make(spec, None, provenance)
        numerator, denominator = self.value(spec.numerator), self.value(spec.denominator)
        value = None
        if numerator.value is not None and denominator.value:
            value = numerator.value / denominator.value
            value = value * HUNDRED if spec.kind == Kind.RATE else value
        provenance = Provenance(
            kind="rate",
            description=f"由“{numerator.name}”与“{denominator.name}”重新计算（不取平均）",
            parts=[numerator, denominator],
        )
        return self._make(spec, value, provenance, numerator=numerator, denominator=denominator)

    def _derived(self, spec: IndicatorSpec) -> Value:
        parts = [(self.value(code), coef) for code, coef in spec.terms]
        value = None
        if all(part.value is not None for part, _ in parts):
            value = sum((part.value * coef for part, coef in parts), Decimal(0))
        provenance = Provenance(
            kind="derived",
            description="由组成指标推算",
            parts=[part for part, _ in parts],
        )
        return self._make(spec, value, provenance)

    def _family(self, spec: IndicatorSpec, variants: list[IndicatorSpec]) -> Value:
        values = [self.value(v.code) for v in variants]
        default_spec = next((v for v in variants if v.default), variants[0])
        default = self.value(default_spec.code)
        ordered = [default] + [v for v in values if v is not default]
        return Value(
            code=spec.code,
            name=spec.name,
            domain=spec.domain,
            measure=default.measure,
            kind=default.kind,
            source=default.source,
            formula=default.formula,
            value=default.value,
            display=default.display,
            exact_display=default.exact_display,
            approximate=default.approximate,
            provenance=default.provenance,
            numerator=default.numerator,
            denominator=default.denominator,
            variants=ordered,
            variant_label=default.variant_label,
            scope_label=self.scope.label,
        )

    # --- earlier periods -----------------------------------------------------------------------
    @property
    def period(self) -> Period:
        return period_of(self.scope)

    def earlier(self, basis: str = "同比") -> Computation:
        """The same scope over the earlier period (同比: a year before; 环比: the period before)."""
        if basis not in BASES:
            raise ValueError(f"比较基准只能是同比或环比（不是“{basis}”）。")
        if basis not in self._earlier:
            period = self.period.shifted() if basis == "同比" else self.period.preceding()
            owner = self.scope.unit or self.scope.division
            self._earlier[basis] = Computation(
                scope_for(owner, period=period), user=self.user, specs=self.specs
            )
        return self._earlier[basis]

    def compare(self, code: str, basis: str = "同比") -> Comparison:
        """This period's value against the earlier period's, with the changes."""
        labels = {"同比": "上年" if self.period.is_calendar_year else "上年同期", "环比": "上期"}
        label = labels.get(basis, "上期")
        return Comparison(
            current=self.value(code),
            previous=self.earlier(basis).value(code),
            basis=basis,
            earlier_label=label,
        )

    # --- breakdowns ----------------------------------------------------------------------------
    def for_scope(self, scope: Scope) -> Computation:
        """Another scope read with the same user and catalog (a breakdown's parts)."""
        return Computation(scope, user=self.user, specs=self.specs)

    @staticmethod
    def prefetch(computations: list[Computation], codes=None) -> None:
        prefetch_computed(computations, codes)

    def dimensions(self, code: str) -> list[Dimension]:
        """The dimensions the indicator breaks down by in this scope."""
        return available_dimensions(self, code)

    def breakdown(self, code: str, dimension: Dimension | str) -> Breakdown:
        """The value split by a dimension (key or name), parts with shares (breakdown.py)."""
        key = (code, dimension if isinstance(dimension, str) else dimension.key)
        if key not in self._breakdowns:
            self._breakdowns[key] = breakdown(self, code, dimension)
        return self._breakdowns[key]

    def slice(self, code: str, dimension: Dimension | str, member: str) -> tuple[Value, Part]:
        """One part of a breakdown as a Value whose provenance is that part's rows."""
        result = self.breakdown(code, dimension)
        part = result.part(member)
        if part is None:
            labels = "、".join(p.label for p in result.parts) or "无"
            raise KeyError(f"“{result.dimension.name}”中没有“{member}”（可选：{labels}）")
        return self._part_value(code, result, part), part

    def _part_value(self, code: str, result: Breakdown, part: Part) -> Value:
        spec = self.specs[code]
        total = result.total
        name = f"{total.name}（{result.dimension.name}：{part.label}）"
        provenance = self._part_provenance(code, result, part)
        return Value(
            code=code,
            name=name,
            domain=total.domain,
            measure=total.measure,
            kind=total.kind,
            source=total.source,
            formula=f"{total.formula}；其中{result.dimension.name}为“{part.label}”的部分",
            value=part.value,
            display=part.display,
            exact_display=format_exact(part.value, measure=total.measure, kind=total.kind),
            approximate=False,
            provenance=provenance,
            variant_label=spec.variant_label,
            scope_label=self.scope.label,
        )

    def _part_provenance(self, code: str, result: Breakdown, part: Part) -> Provenance:
        total, dimension = result.total, result.dimension
        base = total.provenance
        if dimension.key == DIVISION_DIMENSION.key or result.is_rate:
            return Provenance(
                kind="derived",
                description=f"{base.description}；按{dimension.name}分组后“{part.label}”的部分",
                parts=[total],
            )
        if base.kind == "records":
            condition = part_filter(dimension, part)
            return Provenance(
                kind="records",
                description=f"{base.description}；其中{dimension.name}为“{part.label}”",
                queryset_factory=lambda: base.queryset.filter(condition),
                user=self.user,
            )
        if base.kind == "returns":
            units = set(part.raw)
            provenance = Provenance(
                kind="returns", description=f"{base.description}；其中{part.label}", user=self.user
            )
            provenance.revision_rows = [r for r in base.revisions if r.unit_id in units]
            return provenance
        return Provenance(kind="derived", description=base.description, parts=[total])

    # --- targets -------------------------------------------------------------------------------
    def targets(self) -> dict:
        """{code: Target} applying to this scope and period (read once per batch)."""
        if self._targets is None:
            self._targets = targets_for_scope(self.scope)
        return self._targets

    def target(self, code: str) -> TargetCheck | None:
        """The value beside its target, or None when no target applies."""
        row = self.targets().get(code)
        return TargetCheck(row, self.value(code)) if row is not None else None

    def target_findings(self, codes=None) -> list[Finding]:
        """Met and missed targets as findings (info when met, warning when missed)."""
        wanted = None if codes is None else set(codes)
        findings = []
        for code in self.targets():
            if code in self.specs and (wanted is None or code in wanted):
                check = self.target(code)
                if check.met is not None:
                    findings.append(check.finding(self.scope))
        return findings

    # --- consistency -------------------------------------------------------------------------
    def consistency_findings(self, codes=None) -> list[Finding]:
        """Declared relations and stated rates whose indicators are all in the catalog.

        With `codes`, only rules touching one of them. Missing values (no return yet) skip a rule.
        """
        wanted = set(codes) if codes is not None else None
        findings = []
        if self._relations is None:
            self._relations = all_relations()
        rules = [
            rule
            for rule in self._relations.values()
            if all(code in self.specs for code in rule.left + rule.right)
            and (wanted is None or wanted & set(rule.left + rule.right))
        ]
        # every figure the rules compare, read in one batch rather than one query each
        prefetch_computed([self], self.dependencies(c for r in rules for c in r.left + r.right))
        for rule in rules:
            left = [self.value(code) for code in rule.left]
            right = [self.value(code) for code in rule.right]
            if any(v.value is None for v in left + right):
                continue
            lsum = sum((v.value for v in left), Decimal(0))
            rsum = sum((v.value for v in right), Decimal(0))
            broken = lsum != rsum if rule.op == "==" else lsum > rsum
            if broken:
                figures = {v.name: v.exact_display for v in left + right}
                detail = "，".join(f"{k} {v}" for k, v in figures.items())
                relation = "不等于" if rule.op == "==" else "大于"
                findings.append(
                    Finding(
                        unit=self.scope.unit,
                        check=rule.code,
                        message=f"{self.scope.label}：{rule.name} 不成立（{detail}；左边合计 "
                        f"{_plain(lsum)} {relation} 右边合计 {_plain(rsum)}）",
                        figures=figures,
                    )
                )
        for spec in self.specs.values():
            if not spec.stated_for or spec.stated_for not in self.specs:
                continue
            if wanted is not None and not wanted & {spec.code, spec.stated_for}:
                continue
            stated = self.value(spec.code)
            if stated.value is None:
                continue
            findings.extend(self.check_stated(spec.stated_for, stated.value))
        return findings

    def check_stated(self, code: str, stated: Decimal) -> list[Finding]:
        """A stated rate must equal its formula within the rounding of the stated figure."""
        stated = Decimal(str(stated))
        target = self.value(code)
        candidates = target.variants or [target]
        computed = [v for v in candidates if v.value is not None]
        if not computed:
            return []
        places = Decimal(1).scaleb(min(stated.as_tuple().exponent, 0))
        if any(v.value.quantize(places, rounding=ROUND_HALF_UP) == stated for v in computed):
            return []
        shown = "，".join(
            f"{v.variant_label or v.name}（{v.formula}）= {v.display}" for v in computed
        )
        figures = {"陈述值": f"{_plain(stated)}%"}
        figures.update({v.variant_label or v.name: v.display for v in computed})
        for part in (target.numerator, target.denominator):
            if part is not None:
                figures[part.name] = part.exact_display
        return [
            Finding(
                unit=self.scope.unit,
                check=f"{code}.stated",
                message=f"{self.scope.label}：{target.name}陈述值 {_plain(stated)}% 与计算公式不符；"
                f"按现有数据计算：{shown}",
                figures=figures,
            )
        ]

    def compliance_findings(self) -> list[Finding]:
        if self._findings is None and self._kept is None:
            figure_cache.restore([self])  # kept with the figures, if nothing changed since
        if self._findings is None:
            self._findings = compliance_findings_together([self])[0]
            figure_cache.keep_findings(self)
        return list(self._findings)


def compliance_findings_together(computations: list[Computation]) -> list[list[Finding]]:
    """The registers' compliance checks of each computation's scope. The querysets that the
    checks (of every scope) ask for at one step are read in one statement."""
    checks = list(registry.checks().values())
    outcomes = iter(
        run_together([check.function(comp.scope) for comp in computations for check in checks])
    )
    found = []
    for _comp in computations:
        findings = []
        for check in checks:
            outcome = next(outcomes)
            for finding in outcome.emitted + list(outcome.result or []):
                if not finding.check:
                    finding.check = check.code
                findings.append(finding)
        found.append(findings)
    return found


def prefetch_returned(computations: list[Computation]) -> None:
    """Read the returned values of several division scopes of one period in three queries.

    Flows are summed and counted per unit and indicator, stocks take each unit's latest value
    (as `returned_totals` does for one scope), and each scope adds up the rows of its own units,
    whose divisions' paths start with its division's path. Scopes of a unit, of another period
    or with overrides are left to read their own.
    """
    batch = [
        c
        for c in computations
        if c._returned is None
        and c.scope.division is not None
        and c.scope.unit is None
        and not c.overrides
    ]
    if len({(c.scope.start, c.scope.end) for c in batch}) != 1 or len(batch) < 2:
        return
    flows, stocks = batch[0]._returned_codes()
    if any(c._returned_codes() != (flows, stocks) for c in batch):
        return
    first = batch[0].scope
    prefix = commonprefix([c.scope.division.path for c in batch])
    rows = ReturnedValue.objects.filter(
        effective=True,
        unit__in=Unit.objects.filter(division__path__startswith=prefix),
        period_start__gte=first.start,
        period_end__lte=first.end,
    )
    path = "unit__division__path"
    per_unit: list[tuple[str, str, Decimal, int]] = [  # (unit's path, code, total, rows)
        (row[path], row["indicator__code"], row["total"], row["n"])
        for row in rows.filter(indicator__code__in=flows)
        .values("unit_id", path, "indicator__code")
        .annotate(total=Sum("value"), n=Count("id"))
        .order_by()
    ]
    if stocks:
        latest = (
            rows.filter(indicator__code__in=stocks)
            .order_by("unit_id", "indicator_id", "-period_end")
            .distinct("unit_id", "indicator_id")
            .values_list(path, "indicator__code", "value")
        )
        per_unit += [(unit_path, code, value, 1) for unit_path, code, value in latest]
    for comp in batch:
        subtree = comp.scope.division.path
        totals: dict[str, tuple[Decimal, int]] = {}
        for unit_path, code, total, n in per_unit:
            if unit_path.startswith(subtree):
                so_far, count = totals.get(code, (Decimal(0), 0))
                totals[code] = (so_far + total, count + n)
        comp._returned = totals


def is_register_spec(spec: IndicatorSpec) -> bool:
    return spec.function is not None and spec.source == Source.COMPUTED


def _compile(result) -> tuple[str, str, list, str, Any]:
    """(aggregate, FROM clause, params, summed field or "", model) for a function's result."""
    if isinstance(result, registry.Summed):
        query = result.queryset.order_by().values_list(result.field).query
        sql, params = query.sql_with_params()
        return "SUM(sub.x)", f"({sql}) AS sub(x)", list(params), result.field, query.model
    queryset = result.order_by()
    query = queryset.query
    if not (query.distinct or query.annotations or query.combinator or query.is_sliced):
        queryset = queryset.values_list("pk")  # same rows, one column: cheaper to compile
    sql, params = queryset.query.sql_with_params()
    return "COUNT(*)", f"({sql}) AS sub", list(params), "", query.model


def _path_pattern(comp: Computation) -> str | None:
    division = comp.scope.division
    return f"{division.path}%" if division is not None and comp.scope.unit is None else None


def _template(first, second, pattern_first, pattern_second):
    """Positions of the path parameter when two sibling scopes compile to the same SQL.

    The SQL of two sibling divisions is shared by all siblings only when the two differ in
    nothing but the division-path parameter; any other scope-dependent value (a division id, a
    unit, a list of ids) makes the indicator be compiled for each scope on its own.
    """
    (agg1, sql1, params1, *_), (agg2, sql2, params2, *_) = first, second
    if (agg1, sql1) != (agg2, sql2) or len(params1) != len(params2):
        return None
    positions = []
    for index, (a, b) in enumerate(zip(params1, params2, strict=True)):
        if a == b:
            continue
        if a == pattern_first and b == pattern_second:
            positions.append(index)
        else:
            return None
    return positions or None


_PLACEHOLDER = re.compile(r"%%|%s")


def _with_column(sql: str, params: list, positions: list[int], column: str):
    """Replace the parameters at `positions` by a column reference; None if the SQL is unusual."""
    pieces, kept, index, cursor_at = [], [], 0, 0
    for match in _PLACEHOLDER.finditer(sql):
        if match.group() == "%%":
            continue
        pieces.append(sql[cursor_at : match.start()])
        if index in positions:
            pieces.append(column)
        else:
            pieces.append("%s")
            kept.append(params[index])
        index += 1
        cursor_at = match.end()
    pieces.append(sql[cursor_at:])
    if index != len(params):
        return None
    return "".join(pieces), kept


def _is_subtree(units, division: Division) -> bool:
    """Whether a units subquery is exactly `Unit.objects.in_subtree(division)`: the units whose
    division path starts with the division's path, and no other condition."""
    if not isinstance(units, Query) or units.model is not Unit:
        return False
    if units.distinct or units.annotations or units.combinator or units.is_sliced:
        return False
    where = units.where
    if where.connector != AND or where.negated or len(where.children) != 1:
        return False
    (lookup,) = where.children
    path_field = Division._meta.get_field("path")
    if not (
        type(lookup) is StartsWith
        and getattr(lookup.lhs, "target", None) is path_field
        and lookup.rhs == division.path
    ):
        return False
    tables = list(units.alias_map.values())
    return (
        len(tables) == 2
        and isinstance(tables[0], BaseTable)
        and tables[0].table_name == Unit._meta.db_table
        and isinstance(tables[1], Join)
        and tables[1].table_name == Division._meta.db_table
        and tables[1].join_type == INNER
        and tables[1].parent_alias == tables[0].table_alias
        and lookup.lhs.alias == tables[1].table_alias
    )


def _by_unit(result, division: Division, prefix: str) -> tuple | None:
    """The rows of a function's query (the counted key or the summed field, then the unit) over
    every unit whose division path starts with `prefix`, instead of over one division's subtree:
    (SQL, parameters, summed?, the parts of `_factored`). When the parts are found, the SQL is
    left empty (not compiled); otherwise the parts are None.

    Only when the scope enters the query in one place, as one of the conditions AND-ed at the top
    of its WHERE (`unit__in=scope.units`), and the query counts plain rows or sums a non-float
    column: then each row belongs to exactly one unit, and a scope's count (sum) is the sum of its
    units' counts (sums). Otherwise None: the caller computes the scopes another way.
    """
    summed = isinstance(result, registry.Summed)
    queryset = (result.queryset if summed else result).order_by()
    query = queryset.query
    if query.distinct or query.annotations or query.combinator or query.is_sliced:
        return None
    if summed:
        if "__" in result.field:
            return None
        try:
            field = query.model._meta.get_field(result.field)
        except FieldDoesNotExist:  # not a plain column: computed another way
            return None
        if field.get_internal_type() not in _EXACT_SUMS:
            return None
    where = query.where
    if where.connector != AND or where.negated:
        return None
    filters = [
        index
        for index, child in enumerate(where.children)
        if isinstance(child, RelatedIn) and getattr(child.rhs, "model", None) is Unit
    ]
    if len(filters) != 1 or not _is_subtree(where.children[filters[0]].rhs, division):
        return None
    (index,) = filters
    child = where.children[index]
    grouped = queryset
    if prefix != division.path:  # other scopes' units as well: the filter widened to `prefix`
        units = child.rhs.clone()
        path = units.where.children[0].lhs
        units.where = WhereNode([StartsWith(path, prefix)], connector=AND)
        query = query.clone()
        query.where.children[index] = RelatedIn(child.lhs, units)
        grouped = queryset.all()
        grouped.query = query
    grouped = grouped.annotate(fz_unit=child.lhs).values_list(
        result.field if summed else "pk", "fz_unit"
    )
    factored = _factored(grouped.query, index)
    if factored is not None:  # the whole query is not needed: not compiled
        return "", [], summed, factored
    sql, params = grouped.query.sql_with_params()
    return sql, list(params), summed, None


def _factored(query, index: int):
    """The query's parts with the unit filter apart from its other conditions:
    (select list, its parameters, FROM clause, its parameters, unit filter, its parameters,
    other conditions, their parameters), or None. Several indicators of one register then
    share one unit filter in one scan. One compiler builds the select list and FROM clause
    once, then each of the two conditions."""
    others = [c for i, c in enumerate(query.where.children) if i != index]
    if not others:
        return None
    bare = query.clone()
    bare.where = WhereNode([], connector=AND)
    compiler = bare.get_compiler(using=DEFAULT_DB_ALIAS)
    sql, params = compiler.as_sql()
    parts = _head_and_source(sql, list(params))
    if parts is None:
        return None
    unit_sql, unit_params = compiler.compile(query.where.children[index])
    rest_sql, rest_params = compiler.compile(WhereNode(others, connector=AND))
    return (*parts, unit_sql, list(unit_params), rest_sql, list(rest_params))


def _placeholders(sql: str) -> int:
    return sum(1 for m in _PLACEHOLDER.finditer(sql) if m.group() == "%s")


def _head_and_source(sql: str, params: list):
    """(select list, its parameters, FROM clause, its parameters) of a plain compiled query
    without a WHERE; None unless both are found for certain (no subquery in either)."""
    if not sql.startswith("SELECT ") or " FROM " not in sql or " WHERE " in sql:
        return None
    head, source = sql.split(" FROM ", 1)
    if "SELECT" in head[len("SELECT ") :] or "SELECT" in source:
        return None
    counted = _placeholders(head)
    if counted + _placeholders(source) != len(params):
        return None
    return head, tuple(params[:counted]), " FROM " + source, tuple(params[counted:])


def _split(sql: str, params: list):
    """(select list, FROM clause, WHERE condition) of a plain compiled query, with their
    parameters; None unless each part is found for certain (no subquery before the WHERE)."""
    if not sql.startswith("SELECT ") or " WHERE " not in sql:
        return None
    before, condition = sql.split(" WHERE ", 1)
    before_count = _placeholders(before)
    parts = _head_and_source(before, params[:before_count])
    if parts is None or before_count + _placeholders(condition) != len(params):
        return None
    return (*parts, condition, list(params[before_count:]))


_FUSED_AT_MOST = 32  # conditions read in one scan of a register


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _units_by_path() -> str:
    """Every unit beside its division (`fu`, `fd`), to match units to path patterns."""
    return (
        f"{_q(Division._meta.db_table)} AS fd JOIN {_q(Unit._meta.db_table)} AS fu "
        f"ON fu.{_q(Unit._meta.get_field('division').column)} = fd.{_q(Division._meta.pk.column)}"
    )


_EXACT_SUMS = {
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
    "DecimalField",
}


def prefetch_computed(computations: list[Computation], codes=None) -> None:
    """Evaluate the computed indicators of several scopes in one SQL round-trip.

    Each function builds its own QuerySet for its scope (so any filter a register writes is
    respected); the counts and sums of all of them are read with one UNION ALL query instead of
    one query each. For sibling divisions of one period (a roll-up), an indicator whose SQL
    differs between two siblings only by the division path is planned once and run for every
    sibling through a LATERAL join over the siblings' paths. A queryset that cannot be compiled
    is left to be evaluated on its own.
    """
    parts: list[str] = []
    params: list = []
    fusable: dict[tuple, list] = {}  # same siblings, register, columns → conditions read at once
    slots: list[tuple[Computation, str]] = []

    def slot(comp, code, summed_field, model) -> int:
        comp._shapes[code] = (summed_field, model)
        slots.append((comp, code))
        return len(slots) - 1

    def add(comp, code, compiled):
        aggregate, source, sql_params, summed_field, model = compiled
        number = slot(comp, code, summed_field, model)
        parts.append(f"SELECT {number}, {aggregate} FROM {source}")  # noqa: S608 - ORM-compiled SQL
        params.extend(sql_params)

    def add_siblings(siblings, code, compiled, positions) -> bool:
        aggregate, source, sql_params, summed_field, model = compiled
        rewritten = _with_column(source, sql_params, positions, "v.pattern")
        if rewritten is None:
            return False
        source, kept = rewritten
        rows = []
        for comp in siblings:
            rows.append(f"({slot(comp, code, summed_field, model)}, %s)")
            params.append(_path_pattern(comp))
        parts.append(
            f"SELECT v.i, c.n FROM (VALUES {', '.join(rows)}) AS v(i, pattern) "  # noqa: S608 - ORM-compiled SQL
            f"CROSS JOIN LATERAL (SELECT {aggregate} AS n FROM {source}) AS c"
        )
        params.extend(kept)
        return True

    def add_grouped(
        siblings, entries, summed, head, head_params, source, source_params, unit, unit_params
    ):
        """One scan of a register for several indicators and every sibling scope: the rows of
        each indicator's condition counted (or summed) per unit, then added up per scope."""
        k = len(entries)
        flags = ", ".join(f"({e[2]}) AS f{j}" for j, e in enumerate(entries))
        condition = " OR ".join(f"({e[2]})" for e in entries)
        condition = f"({unit}) AND ({condition})" if unit else condition
        fused = f"{head}, {flags}{source} WHERE {condition}"
        aggregate = "SUM(sub.x)" if summed else "COUNT(*)"
        per_unit = (
            "SELECT sub.u, "  # noqa: S608 - ORM-compiled SQL
            + ", ".join(f"{aggregate} FILTER (WHERE sub.f{j}) AS n{j}" for j in range(k))
            + f" FROM ({fused}) AS sub(x, u, {', '.join(f'f{j}' for j in range(k))}) GROUP BY sub.u"
        )
        rows = []
        for comp in siblings:
            numbers = [slot(comp, code, *shape) for code, shape, _c, _p in entries]
            rows.append(f"(%s, {', '.join(str(n) for n in numbers)})")
            params.append(_path_pattern(comp))
        slots_ = ", ".join(f"s{j}" for j in range(k))
        parts.append(
            f"SELECT x.i, x.n FROM (SELECT {', '.join(f'v.s{j}' for j in range(k))}, "  # noqa: S608 - ORM-compiled SQL
            + ", ".join(f"SUM(g.n{j}) AS n{j}" for j in range(k))
            + f" FROM (VALUES {', '.join(rows)}) AS v(pattern, {slots_}) "
            f"LEFT JOIN ({_units_by_path()} JOIN ({per_unit}) AS g "
            f"ON g.u = fu.{_q(Unit._meta.pk.column)}) "
            f"ON fd.{_q(Division._meta.get_field('path').column)}::text LIKE v.pattern "
            f"GROUP BY {', '.join(f'v.s{j}' for j in range(k))}) AS t "
            f"CROSS JOIN LATERAL (VALUES {', '.join(f'(t.s{j}, t.n{j})' for j in range(k))}) "
            "AS x(i, n)"
        )
        params.extend(head_params)
        for entry in entries:
            params.extend(entry[3])
        params.extend(source_params)
        params.extend(unit_params)
        for entry in entries:
            params.extend(entry[3])

    def grouped_for(siblings, first, spec):
        # The caller checked that two siblings' SQL differ in the one division-path parameter
        # only, and `_by_unit` that this parameter is the unit filter's, which it replaces: the
        # rewritten SQL is the same whichever sibling it is built from.
        prefix = commonprefix([c.scope.division.path for c in siblings])
        try:
            return _by_unit(first.result_of(spec), first.scope.division, prefix)
        except Exception:  # noqa: BLE001 - computed another way
            return None

    def fuse(siblings, code, shape, grouped) -> bool:
        """Queue an indicator's condition to be read in its register's scan for `siblings`;
        False when its SQL could not be split into select list, source and condition."""
        split = grouped[3]  # the unit filter apart: shared by the register's indicators
        if split is None and (whole := _split(grouped[0], grouped[1])) is not None:
            split = (*whole[:4], "", [], *whole[4:])  # the unit filter inside
        if split is None:
            return False
        head, head_params, source, source_params, unit, unit_params = split[:6]
        condition, condition_params = split[6:]
        key = (
            tuple(siblings),
            grouped[2],
            head,
            head_params,
            source,
            source_params,
            unit,
            tuple(unit_params),
        )
        entry = (code, shape, condition, condition_params)
        try:
            fusable.setdefault(key, []).append(entry)
        except TypeError:  # a list among the shared parameters: read in a scan of its own
            add_grouped(siblings, [entry], *key[1:])
        return True

    def fuse_alone(comp, code, spec) -> bool:
        """A division's figures on their own (the values page, the report): its register's
        indicators read in one scan as well, rows counted per unit of the subtree. The SQL is
        built from this scope's own queryset, so nothing else in it needs checking."""
        try:
            result = comp.result_of(spec)
            grouped = _by_unit(result, comp.scope.division, comp.scope.division.path)
        except Exception:  # noqa: BLE001 - computed another way
            return False
        if grouped is None:
            return False
        summed_field = result.field if isinstance(result, registry.Summed) else ""
        return fuse([comp], code, (summed_field, _model_of(result)), grouped)

    def compiled_for(comp, spec):
        try:
            return _compile(comp.result_of(spec))
        except EmptyResultSet:
            comp._raw[spec.code] = Decimal(0)
            comp._shapes[spec.code] = ("", _model_of(comp.result_of(spec)))
        except Exception:  # noqa: BLE001 - evaluated on its own later
            return None
        return None

    codes_wanted = None if codes is None else set(codes)
    specs = {}
    for comp in computations:
        for code, spec in comp.specs.items():
            if is_register_spec(spec) and (codes_wanted is None or code in codes_wanted):
                specs.setdefault(code, spec)
    if not any(
        code in c.specs and code not in c._raw and code not in c._values
        for c in computations
        for code in specs
    ):
        return
    kept = figure_cache.restore(computations)
    for code, spec in specs.items():
        pending = [
            c
            for c in computations
            if code in c.specs and code not in c._raw and code not in c._values
        ]
        siblings = [c for c in pending if _path_pattern(c) is not None]
        same_period = len({(c.scope.start, c.scope.end) for c in siblings}) == 1
        if len(siblings) >= 3 and same_period:
            first, second = siblings[0], siblings[1]
            one, two = compiled_for(first, spec), compiled_for(second, spec)
            positions = (
                _template(one, two, _path_pattern(first), _path_pattern(second))
                if one and two
                else None
            )
            grouped = (
                grouped_for(siblings, first, spec)
                if positions is not None and len(positions) == 1
                else None
            )
            fused = grouped is not None and fuse(siblings, code, (one[3], one[4]), grouped)
            if fused or (positions is not None and add_siblings(siblings, code, one, positions)):
                pending = [c for c in pending if c not in siblings]
            else:
                for comp, compiled in ((first, one), (second, two)):
                    if compiled is not None:
                        add(comp, code, compiled)
                pending = [c for c in pending if c not in (first, second)]
        for comp in pending:
            if _path_pattern(comp) is not None and fuse_alone(comp, code, spec):
                continue
            compiled = compiled_for(comp, spec)
            if compiled is not None:
                add(comp, code, compiled)
    for (siblings, summed, *sql), entries in fusable.items():
        for start in range(0, len(entries), _FUSED_AT_MOST):
            add_grouped(siblings, entries[start : start + _FUSED_AT_MOST], summed, *sql)
    if not parts:
        figure_cache.keep(computations, kept)
        return
    try:
        with _recoverable(), connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(f"({p})" for p in parts), params)  # noqa: S608 - ORM-compiled SQL, values as params
            rows = cursor.fetchall()
    except DatabaseError:
        for comp, code in slots:
            comp._shapes.pop(code, None)
        return  # each indicator is then evaluated on its own, which names the failing one
    for number, total in rows:
        comp, code = slots[number]
        comp._raw[code] = Decimal(total or 0)
    figure_cache.keep(computations, kept)


def _recoverable():
    """A savepoint inside a transaction, so that a failed statement can be recovered from;
    none in autocommit mode, where a failed statement leaves nothing to roll back (and the
    savepoint's round trips would be spent for nothing)."""
    return transaction.atomic() if connection.in_atomic_block else nullcontext()


def _model_of(result):
    return result.queryset.model if isinstance(result, registry.Summed) else result.model


class _LazyRevisions(list):
    """The accepted revisions behind a returned value, read only when someone asks."""

    def __init__(self, computation: Computation, spec: IndicatorSpec):
        super().__init__()
        self._computation, self._spec, self._loaded = computation, spec, False

    def _load(self):
        if self._loaded:
            return
        self._loaded = True
        rows = (
            self._computation._effective_values()
            .filter(indicator__code=self._spec.code)
            .select_related(
                "unit", "revision__submitted_by", "revision__decided_by", "revision__unit_return"
            )
            .order_by("unit__name", "-period_end")
        )
        if self._computation.user is not None:
            rows = rows.for_user(self._computation.user)
        for row in rows:
            revision = row.revision
            self.append(
                RevisionRef(
                    unit_name=row.unit.name,
                    revision=revision.number,
                    value=row.value,
                    submitted_by=str(revision.submitted_by or ""),
                    submitted_at=revision.submitted_at,
                    accepted_by=str(revision.decided_by or ""),
                    accepted_at=revision.decided_at,
                    url=_return_url(revision.unit_return_id),
                    period_end=row.period_end,
                    unit_id=row.unit_id,
                )
            )

    def __iter__(self):
        self._load()
        return super().__iter__()

    def __len__(self):
        self._load()
        return super().__len__()

    def __getitem__(self, item):
        self._load()
        return super().__getitem__(item)


def _return_url(unit_return_id: int) -> str:
    try:
        return reverse("indicators:return_detail", args=[unit_return_id])
    except NoReverseMatch:
        return ""


def _plain(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")
