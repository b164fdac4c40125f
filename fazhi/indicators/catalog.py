"""The catalog: code-registered specs synced into `Indicator` rows, plus runtime-added rows."""

from __future__ import annotations

import re

from django.db import transaction

from fazhi.indicators import registry
from fazhi.indicators.models import ConsistencyRule, Indicator
from fazhi.indicators.registry import IndicatorSpec, Kind, Source

_SUFFIX = re.compile(r"[（(][^（）()]*[)）]$")


def family_specs(specs: dict[str, IndicatorSpec]) -> dict[str, IndicatorSpec]:
    """Rate families named only through `variant_of`: one spec each, resolving to its default."""
    families: dict[str, IndicatorSpec] = {}
    for spec in sorted(specs.values(), key=lambda s: s.order):
        if not spec.variant_of or spec.variant_of in specs:
            continue
        variants = [s for s in specs.values() if s.variant_of == spec.variant_of]
        default = next((s for s in variants if s.default), variants[0])
        labels = "；".join(
            f"{v.variant_label or v.code}：{v.formula}" + ("（默认）" if v is default else "")
            for v in sorted(variants, key=lambda s: s.order)
        )
        families[spec.variant_of] = IndicatorSpec(
            code=spec.variant_of,
            name=_SUFFIX.sub("", default.name),
            domain=default.domain,
            measure=default.measure,
            kind=default.kind,
            formula=f"按默认口径计算，各口径并列显示。{labels}",
            source=Source.DERIVED,
            module=default.module,
            order=min(v.order for v in variants),
        )
    return families


def code_specs() -> dict[str, IndicatorSpec]:
    specs = registry.indicators()
    specs.update(family_specs(specs))
    return specs


def spec_from_row(row: Indicator) -> IndicatorSpec:
    return IndicatorSpec(
        code=row.code,
        name=row.name,
        domain=row.domain,
        measure=row.measure,
        kind=row.kind,
        formula=row.formula,
        source=row.source,
        period=row.period,
        approximate=row.approximate,
        reporters=row.reporters,
        reporter_name=row.reporter_name,
        required=row.required,
        stated_for=row.stated_for,
        numerator=row.numerator,
        denominator=row.denominator,
        terms=tuple((code, int(coef)) for code, coef in row.terms or ()),
        order=100000 + row.pk,
        bound=row.bound,
        places=row.places,
        part_of=row.part_of,
    )


def runtime_relations():
    """The office's runtime consistency rules (a queryset, for `all_relations(rows)`)."""
    return ConsistencyRule.objects.filter(active=True)


def runtime_indicators():
    """The office's runtime-added indicators (a queryset, for `all_specs(rows)`)."""
    return Indicator.objects.filter(defined_in="", active=True)


def all_relations(rows=None) -> dict[str, registry.RelationSpec]:
    """The registered consistency rules and the office's runtime ones (`ConsistencyRule`;
    `rows`: those already read)."""
    rules = registry.relations()
    for row in runtime_relations() if rows is None else rows:
        rules[row.code] = registry.RelationSpec(
            code=row.code, name=row.name, left=tuple(row.left), op=row.op, right=tuple(row.right)
        )
    return rules


def all_specs(rows=None) -> dict[str, IndicatorSpec]:
    """Every indicator: the registry's, rate families, and the office's runtime-added rows
    (`rows`: those already read)."""
    specs = code_specs()
    for row in runtime_indicators() if rows is None else rows:
        specs.setdefault(row.code, spec_from_row(row))
    return specs


@transaction.atomic
def catalog_sync() -> tuple[int, int]:
    """Write every code-registered spec into the catalog; deactivate rows whose code is gone.

    Returns (rows written, rows deactivated). Runtime-added rows are never touched.
    """
    specs = code_specs()
    existing = {row.code: row for row in Indicator.objects.all()}
    written = 0
    for spec in specs.values():
        fields = {
            "name": spec.name,
            "domain": spec.domain,
            "measure": spec.measure,
            "kind": spec.kind,
            "period": spec.period,
            "formula": spec.formula or _auto_formula(spec, specs),
            "source": spec.source,
            "numerator": spec.numerator,
            "denominator": spec.denominator,
            "terms": [list(t) for t in spec.terms],
            "variant_of": spec.variant_of,
            "variant_label": spec.variant_label,
            "is_default_variant": spec.default,
            "approximate": spec.approximate,
            "reporters": spec.reporters,
            "reporter_name": spec.reporter_name,
            "required": spec.required,
            "stated_for": spec.stated_for,
            "bound": spec.bound,
            "places": spec.places,
            "part_of": spec.part_of,
            "defined_in": spec.module or "fazhi",
            "active": True,
            "order": spec.order,
        }
        row = existing.get(spec.code)
        if row is None:
            Indicator.objects.create(code=spec.code, **fields)
            written += 1
        elif any(getattr(row, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(row, key, value)
            row.save()
            written += 1
    stale = [
        row.pk
        for code, row in existing.items()
        if row.defined_in and row.active and code not in specs
    ]
    Indicator.objects.filter(pk__in=stale).update(active=False)
    return written, len(stale)


def _auto_formula(spec: IndicatorSpec, specs: dict[str, IndicatorSpec]) -> str:
    def name(code: str) -> str:
        return specs[code].name if code in specs else code

    if spec.kind == Kind.RATE and spec.numerator:
        return f"{name(spec.numerator)} ÷ {name(spec.denominator)} × 100%"
    if spec.kind == Kind.RATIO and spec.numerator:
        return f"{name(spec.numerator)} ∶ {name(spec.denominator)}（化为 N:1）"
    if spec.terms:
        parts = [("+ " if c > 0 else "− ") + name(code) for code, c in spec.terms]
        return " ".join(parts).removeprefix("+ ")
    return spec.name


def formula_of(spec: IndicatorSpec, specs: dict[str, IndicatorSpec]) -> str:
    return spec.formula or _auto_formula(spec, specs)


def catalog_problems(specs: dict[str, IndicatorSpec] | None = None) -> list[str]:
    """Registration mistakes: unknown codes in rates, terms or relations; a family's defaults."""
    specs = specs if specs is not None else code_specs()
    problems = []
    for spec in specs.values():
        for code in [spec.numerator, spec.denominator, *(c for c, _ in spec.terms)]:
            if code and code not in specs:
                problems.append(f"{spec.code} 引用了不存在的指标 {code}")
        if spec.stated_for and spec.stated_for not in specs:
            problems.append(f"{spec.code} 核对的比率 {spec.stated_for} 不存在")
        if not (spec.formula or spec.numerator or spec.terms):
            problems.append(f"{spec.code} 缺少口径说明")
    families: dict[str, list[IndicatorSpec]] = {}
    for spec in specs.values():
        if spec.variant_of:
            families.setdefault(spec.variant_of, []).append(spec)
    for family, variants in families.items():
        defaults = [v.code for v in variants if v.default]
        if len(defaults) != 1:
            problems.append(f"比率 {family} 须有且只有一个默认口径（现为 {defaults or '无'}）")
    for rule in registry.relations().values():
        unknown = [c for c in rule.left + rule.right if c not in specs]
        if unknown and not all(c.split(".")[0] == rule.code.split(".")[0] for c in unknown):
            problems.append(f"一致性规则 {rule.code} 引用了其他领域不存在的指标 {unknown}")
    return problems
