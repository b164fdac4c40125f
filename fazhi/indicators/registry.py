"""The indicator and compliance-check registries (architecture rule 4).

Registers declare their indicators in `<app>/indicators.py`; the indicators app imports those
modules at start-up (`autodiscover`), never a domain app by name. Returned indicators (values
that units submit in a statistical return) are declared here the same way by `returned(...)`,
or added by the office at runtime as catalog rows.

A computed function takes a `Scope` and returns a QuerySet (the value is its row count and its
rows are the provenance) or `Summed(queryset, "field")` (the value is the field's sum).
"""

from __future__ import annotations

import functools
import importlib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import models

from fazhi.core.batch import run_alone


class Kind(models.TextChoices):
    COUNT = "count", "计数"
    SUM = "sum", "求和"
    RATE = "rate", "比率"
    STOCK = "stock", "期末存量"
    RATIO = "ratio", "比值"


class Source(models.TextChoices):
    COMPUTED = "computed", "系统计算"
    RETURNED = "returned", "统计填报"
    DERIVED = "derived", "由其他指标推算"


class Bound(models.TextChoices):
    """How a figure is shown as a bound (the exact value is kept)."""

    NONE = "", "精确值"
    AT_LEAST = "at_least", "以上（向下取整，如 80%以上）"
    OVER = "over", "超（向下取整，如 超1.2万）"
    NEAR = "near", "近（向上取整，如 近50件）"


class Granularity(models.TextChoices):
    YEAR = "year", "年度"
    QUARTER = "quarter", "季度"
    MONTH = "month", "月度"
    WINDOW = "window", "自定义统计期"


class Reporters(models.TextChoices):
    """Which units of a district must report a returned indicator (when the office opens a return)."""

    RULE_OF_LAW_OFFICE = "rule_of_law_office", "依法治区办"
    JUSTICE_BUREAU = "justice_bureau", "司法局"
    GOVERNMENT = "government", "人民政府"
    DEPARTMENTS = "departments", "区直部门"
    ENFORCEMENT_BODIES = "enforcement_bodies", "行政执法主体"
    TOWNS = "towns", "镇（街道）"
    NAMED = "named", "指定单位"


@dataclass(frozen=True)
class Scope:
    """What a computed function counts over: the units of a unit or division subtree, a date range."""

    units: Any  # a Unit queryset (or anything usable in `unit__in=`)
    start: date
    end: date
    year: int
    division: Any = None
    unit: Any = None
    period_name: str = ""  # "2024年案卷评查期", "2024年1-10月"; blank for the calendar year
    # what the scope is, as `scope_for` built it ("unit:7", "division:3": the subtree); blank
    # for a scope of hand-picked units (a breakdown's part), whose figures are never kept
    key: str = ""

    @property
    def period_label(self) -> str:
        return self.period_name or f"{self.year}年"

    @property
    def label(self) -> str:
        owner = self.unit or self.division
        return f"{owner}·{self.period_label}" if owner is not None else self.period_label

    @property
    def governments(self):
        """The people's governments among the scope's units (以区政府为被申请人/被告 counts)."""
        return self.units.filter(kind="government")

    def units_of_kind(self, *kinds: str):
        """The scope's units of some kinds ("department", "town", "subdistrict", …)."""
        return self.units.filter(kind__in=kinds)


@dataclass(frozen=True)
class Summed:
    """A computed sum: the total of `field` over `queryset`; the rows are the provenance."""

    queryset: Any
    field: str


@dataclass
class Finding:
    """A compliance or consistency problem. It states the figures; it never fixes anything."""

    unit: Any = None
    message: str = ""
    records: list = field(default_factory=list)
    check: str = ""
    figures: dict = field(default_factory=dict)
    severity: str = "warning"


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    name: str
    domain: str
    measure: str
    kind: str
    formula: str
    source: str = Source.COMPUTED
    period: str = Granularity.YEAR
    function: Callable | None = None
    numerator: str = ""
    denominator: str = ""
    terms: tuple[tuple[str, int], ...] = ()
    variant_of: str = ""
    variant_label: str = ""
    default: bool = False
    approximate: int = 0  # significant digits kept in "N余" display; 0 = exact display
    reporters: str = ""
    reporter_name: str = ""
    required: bool = True
    stated_for: str = ""  # a returned figure stating the value of this rate family
    module: str = ""
    order: int = 0
    bound: str = ""  # "" | "at_least" (80%以上) | "over" (超1.2万) | "near" (近50件)
    places: int = 2  # decimals of a ratio's display (1.04:1)
    part_of: str = ""  # the composite rate this figure is the numerator or denominator of


@dataclass(frozen=True)
class CheckSpec:
    code: str
    name: str
    domain: str
    function: Callable
    citation: str = ""
    module: str = ""


@dataclass(frozen=True)
class RelationSpec:
    """A declared consistency rule between indicators: sum(left) <op> sum(right)."""

    code: str
    name: str
    left: tuple[str, ...]
    op: str  # "==" or "<="
    right: tuple[str, ...]


@dataclass(frozen=True)
class Dimension:
    """A way to break an indicator down (按行政行为类型、领域、被申请人层级、结案方式、单位…).

    `lookup` is the ORM path on the indicator's rows (default: `key`); labels come from the
    field's choices, from `labels`, or from the related object's name. `buckets` groups raw
    values under coarser labels in the given order, e.g. 街道乡镇 = town + subdistrict; values in
    no bucket go to 其他.
    """

    key: str
    name: str
    lookup: str = ""
    buckets: tuple[tuple[str, tuple], ...] = ()
    labels: tuple[tuple[Any, str], ...] = ()

    @property
    def path(self) -> str:
        return self.lookup or self.key


# Every computed indicator over rows with a `unit`, and every returned indicator, breaks down
# by unit; every division scope breaks down by the divisions below it.
UNIT_DIMENSION = Dimension("unit", "单位", "unit")
DIVISION_DIMENSION = Dimension("division", "下级区划")


def unit_level_dimension(
    key: str = "respondent_level", name: str = "被申请人层级", lookup: str = "respondent_unit__kind"
) -> Dimension:
    """A unit's level (区政府, 区直部门, 街道乡镇) from `Unit.kind` at `lookup`."""
    return Dimension(
        key,
        name,
        lookup,
        buckets=(
            ("区政府", ("government",)),
            ("区直部门", ("department",)),
            ("街道乡镇", ("town", "subdistrict")),
            ("村（社区）", ("village", "community")),
        ),
    )


_indicators: dict[str, IndicatorSpec] = {}
_dimensions: dict[str, list[Dimension]] = {}
_checks: dict[str, CheckSpec] = {}
_relations: dict[str, RelationSpec] = {}
_counter = [0]


class RegistryError(ValueError):
    pass


# The backbone's own returned indicators: placeholders for figures no register computes yet.
RETURNED_PLACEHOLDERS = "fazhi.indicators.indicators"


def _takes_over(existing: IndicatorSpec | None, spec: IndicatorSpec) -> bool:
    """A register that computes a figure the backbone still declared as a placeholder (a
    returned figure, or a rate over returned figures) takes the code over: its value now comes
    from records. Returns already submitted keep their values on the returns pages."""
    return (
        existing is not None
        and existing.module == RETURNED_PLACEHOLDERS
        and spec.module != RETURNED_PLACEHOLDERS
    )


def _add(spec: IndicatorSpec) -> IndicatorSpec:
    first = _indicators.get(spec.code)
    if spec.module == RETURNED_PLACEHOLDERS and first and first.module != RETURNED_PLACEHOLDERS:
        return first  # a register, imported first, already computes it
    previous = existing = _indicators.get(spec.code)
    if _takes_over(existing, spec):
        existing = None
    if existing is not None and existing.module != spec.module:
        raise RegistryError(
            f"指标代码 {spec.code} 已由 {existing.module} 注册，{spec.module} 不能重复注册。"
        )
    if spec.kind not in Kind.values:
        raise RegistryError(f"指标 {spec.code} 的类型 {spec.kind!r} 无效。")
    _counter[0] += 1
    spec = _replace(spec, order=previous.order if previous else _counter[0])
    _indicators[spec.code] = spec
    return spec


def _replace(spec: IndicatorSpec, **changes) -> IndicatorSpec:
    from dataclasses import replace

    return replace(spec, **changes)


def _caller_module(depth: int = 2) -> str:
    import sys

    return sys._getframe(depth).f_globals.get("__name__", "")


def computed(
    *,
    code: str,
    name: str,
    domain: str,
    measure: str,
    kind: str = Kind.COUNT,
    formula: str,
    period: str = Granularity.YEAR,
    approximate: int = 0,
    variant_of: str = "",
    variant_label: str = "",
    default: bool = False,
    dimensions: Iterable[Dimension] = (),
    bound: str = "",
):
    """Register a computed indicator: `function(scope) -> QuerySet | Summed`.

    `dimensions` declares how it breaks down (see `Dimension`; also `add_dimensions`);
    `bound` shows it as a bound (`Bound`: 以上, 超, 近) with `approximate` significant digits.
    """

    def register(function: Callable) -> Callable:
        add_dimensions(code, *dimensions)
        _add(
            IndicatorSpec(
                code=code,
                name=name,
                domain=domain,
                measure=measure,
                kind=kind,
                formula=formula,
                period=period,
                function=function,
                approximate=approximate,
                variant_of=variant_of,
                variant_label=variant_label,
                default=default,
                module=function.__module__,
                bound=_checked_bound(code, bound),
            )
        )
        return function

    return register


def _checked_bound(code: str, bound: str) -> str:
    if bound not in Bound.values:
        raise RegistryError(f"指标 {code} 的约数显示方式 {bound!r} 无效。")
    return bound


def _part(code: str, name: str, role: str, terms, measure: str, module: str) -> str:
    """A composite rate's numerator or denominator given as {code: coefficient}: registered as
    a derived figure `<code>.<role>` so that it rolls up and shows its provenance like any other."""
    if isinstance(terms, str):
        return terms
    label = "分子" if role == "numerator" else "分母"
    part = IndicatorSpec(
        code=f"{code}.{role}",
        name=f"{name}的{label}",
        domain="",
        measure=measure,
        kind=Kind.COUNT,
        formula=" + ".join(terms) if all(c == 1 for c in dict(terms).values()) else "",
        source=Source.DERIVED,
        terms=tuple(dict(terms).items()),
        module=module,
        part_of=code,
    )
    _add(part)
    return part.code


def rate(
    *,
    code: str,
    name: str,
    numerator: str | dict,
    denominator: str | dict,
    domain: str = "",
    formula: str = "",
    measure: str = "%",
    variant_of: str = "",
    variant_label: str = "",
    default: bool = False,
    part_measure: str = "件",
    bound: str = "",
    approximate: int = 0,
) -> IndicatorSpec:
    """Register a rate: numerator ÷ denominator × 100%, recomputed (never averaged) on roll-up.

    Where practice varies (docs/rules.md A6), register each variant with `variant_of` naming the
    family code and mark exactly one `default=True`; the family code then reads as the default
    variant and lists every variant beside it.

    A composite rate (综合化解率, 调撤率) gives its numerator and/or denominator as
    `{code: coefficient}`: `(调解 + 撤回) ÷ 办结` is `numerator={"a.mediated": 1, "a.withdrawn": 1}`.
    `bound` shows the rate as a bound (80%以上) with `approximate` significant digits.
    """
    module = _caller_module()
    return _add(
        IndicatorSpec(
            code=code,
            name=name,
            domain=domain,
            measure=measure,
            kind=Kind.RATE,
            formula=formula,
            source=Source.DERIVED,
            numerator=_part(code, name, "numerator", numerator, part_measure, module),
            denominator=_part(code, name, "denominator", denominator, part_measure, module),
            variant_of=variant_of,
            variant_label=variant_label,
            default=default,
            module=module,
            bound=_checked_bound(code, bound),
            approximate=approximate,
        )
    )


def ratio(
    *,
    code: str,
    name: str,
    numerator: str | dict,
    denominator: str | dict,
    domain: str = "",
    formula: str = "",
    places: int = 2,
    part_measure: str = "件",
) -> IndicatorSpec:
    """Register a ratio shown as "N:1" (复议与一审诉讼之比 1.04:1): numerator ÷ denominator,
    recomputed from the rolled-up parts; `places` decimals; parts may be `{code: coefficient}`."""
    module = _caller_module()
    return _add(
        IndicatorSpec(
            code=code,
            name=name,
            domain=domain,
            measure="",
            kind=Kind.RATIO,
            formula=formula,
            source=Source.DERIVED,
            numerator=_part(code, name, "numerator", numerator, part_measure, module),
            denominator=_part(code, name, "denominator", denominator, part_measure, module),
            module=module,
            places=places,
        )
    )


def derived(
    *,
    code: str,
    name: str,
    domain: str,
    measure: str,
    terms: dict[str, int],
    formula: str = "",
    kind: str = Kind.COUNT,
    approximate: int = 0,
) -> IndicatorSpec:
    """Register a linear combination of other indicators, e.g. closed − corrected − mediated."""
    return _add(
        IndicatorSpec(
            code=code,
            name=name,
            domain=domain,
            measure=measure,
            kind=kind,
            formula=formula,
            source=Source.DERIVED,
            terms=tuple(terms.items()),
            approximate=approximate,
            module=_caller_module(),
        )
    )


def returned(
    *,
    code: str,
    name: str,
    domain: str,
    measure: str,
    kind: str = Kind.SUM,
    formula: str,
    reporters: str = Reporters.GOVERNMENT,
    reporter_name: str = "",
    period: str = Granularity.YEAR,
    approximate: int = 0,
    required: bool = True,
    stated_for: str = "",
) -> IndicatorSpec:
    """Register a returned indicator: a figure units submit in a statistical return (统计填报)."""
    if (kind == Kind.RATE or measure in ("%", "％")) and not stated_for:
        raise RegistryError(
            f"填报指标 {code} 不能直接填报比率：请填报分子、分母并用 rate() 计算"
            "（或以 stated_for 声明它是待核对的比率陈述值）。"
        )
    return _add(
        IndicatorSpec(
            code=code,
            name=name,
            domain=domain,
            measure=measure,
            kind=kind,
            formula=formula,
            source=Source.RETURNED,
            period=period,
            approximate=approximate,
            reporters=reporters,
            reporter_name=reporter_name,
            required=required,
            stated_for=stated_for,
            module=_caller_module(),
        )
    )


def returned_rate(
    *,
    code: str,
    name: str,
    numerator_name: str,
    denominator_name: str,
    domain: str,
    measure: str = "件",
    formula: str = "",
    reporters: str = Reporters.GOVERNMENT,
    reporter_name: str = "",
    period: str = Granularity.YEAR,
) -> IndicatorSpec:
    """A rate units report: they enter its numerator and denominator (`<code>.numerator`,
    `<code>.denominator`, both returned), and the rate is computed from them at every level, so
    rolling up combines the parts instead of adding or averaging percentages."""
    module = _caller_module()
    for role, part_name in (("numerator", numerator_name), ("denominator", denominator_name)):
        _add(
            IndicatorSpec(
                code=f"{code}.{role}",
                name=part_name,
                domain=domain,
                measure=measure,
                kind=Kind.COUNT,
                formula=f"{name}的{'分子' if role == 'numerator' else '分母'}：{part_name}",
                source=Source.RETURNED,
                period=period,
                reporters=reporters,
                reporter_name=reporter_name,
                module=module,
                part_of=code,
            )
        )
    return _add(
        IndicatorSpec(
            code=code,
            name=name,
            domain=domain,
            measure="%",
            kind=Kind.RATE,
            formula=formula or f"{numerator_name} ÷ {denominator_name} × 100%",
            source=Source.DERIVED,
            numerator=f"{code}.numerator",
            denominator=f"{code}.denominator",
            module=module,
        )
    )


def compliance_check(*, code: str, name: str, domain: str = "", citation: str = ""):
    """Register a compliance check: `function(scope) -> list[Finding]`.

    The function may be a generator: it yields the querysets it needs (one, or a tuple of
    several), receives their objects as lists and returns its findings (or yields them). The
    checks' querysets are then read together, a few statements for all checks of a scope
    (`fazhi.core.batch.run_together`). Called directly, it still returns its findings.
    """

    def register(function: Callable) -> Callable:
        _checks[code] = CheckSpec(
            code=code,
            name=name,
            domain=domain,
            function=function,
            citation=citation,
            module=function.__module__,
        )
        if not inspect.isgeneratorfunction(function):
            return function

        @functools.wraps(function)
        def alone(scope):
            outcome = run_alone(function(scope))
            return outcome.emitted + list(outcome.result or [])

        return alone

    return register


def relation(
    *, code: str, name: str, left: Iterable[str], op: str, right: Iterable[str]
) -> RelationSpec:
    """Declare a consistency rule checked on every computation and every return.

    `op` is "==" (parts sum to the whole) or "<=" (e.g. closed ≤ carried over + received).
    """
    if op not in ("==", "<="):
        raise RegistryError(f"一致性规则 {code} 的比较符 {op!r} 无效（只能是 == 或 <=）。")
    spec = RelationSpec(code=code, name=name, left=tuple(left), op=op, right=tuple(right))
    _relations[code] = spec
    return spec


def add_dimensions(code: str, *dimensions: Dimension) -> None:
    """Declare dimensions for an indicator (at module level, after or before its registration).

    A dimension with the same key replaces the earlier one.
    """
    declared = _dimensions.setdefault(code, [])
    for dimension in dimensions:
        if not isinstance(dimension, Dimension):
            raise RegistryError(f"指标 {code} 的分组维度须为 Dimension。")
        declared[:] = [d for d in declared if d.key != dimension.key] + [dimension]


def dimensions_of(code: str) -> list[Dimension]:
    """The dimensions declared for a code (the built-in unit and division ones are added by the
    breakdown engine where they apply)."""
    return list(_dimensions.get(code, ()))


def indicators() -> dict[str, IndicatorSpec]:
    return dict(_indicators)


def indicator(code: str) -> IndicatorSpec | None:
    return _indicators.get(code)


def checks() -> dict[str, CheckSpec]:
    return dict(_checks)


def relations() -> dict[str, RelationSpec]:
    return dict(_relations)


def variants_of(family: str) -> list[IndicatorSpec]:
    return variants_by_family().get(family, [])


def variants_by_family() -> dict[str, list[IndicatorSpec]]:
    """Every family's variants, in their order, from one pass over the registry (a caller that
    asks for many families keeps this instead of scanning the registry for each)."""
    families: dict[str, list[IndicatorSpec]] = {}
    for spec in _indicators.values():
        if spec.variant_of:
            families.setdefault(spec.variant_of, []).append(spec)
    for variants in families.values():
        variants.sort(key=lambda s: s.order)
    return families


def unregister(*codes: str) -> None:
    """Remove registrations (tests that register their own indicators clean up with this)."""
    for code in [*codes, *(f"{c}.{role}" for c in codes for role in ("numerator", "denominator"))]:
        _indicators.pop(code, None)
        _checks.pop(code, None)
        _relations.pop(code, None)
        _dimensions.pop(code, None)


def autodiscover() -> None:
    """Import `<app>.indicators` for every installed fazhi app (the backbone names none of them)."""
    from django.apps import apps

    for app in apps.get_app_configs():
        if not app.name.startswith("fazhi.") or app.name == "fazhi.demo":
            continue  # fazhi.demo.indicators is the demo loader step, not a register
        try:
            importlib.import_module(f"{app.name}.indicators")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app.name}.indicators":
                raise


ZERO = Decimal(0)
