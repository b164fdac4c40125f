"""Breakdowns: an indicator's value split by a dimension, each part with its share of the total.

Counts and sums are grouped in SQL over the very rows the indicator counts (so the parts add up
to the total by construction, and a rule checks it: a dimension reaching through a to-many
relation would count a row twice and is reported). Returned figures break down by unit; a
division by the divisions below it (plus 本级, the units of the division itself). A rate breaks
down into the rate of each part (numerator part ÷ denominator part, never an average); a derived
figure into the same combination of its terms' parts.

Shares are the exact part ÷ total × 100, shown to one decimal (35%, 35.2%); the shown shares may
add up to 99.9% or 100.1% and the breakdown says so (`rounding_note`) instead of bending a share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from fazhi.core.models import Division, Unit
from fazhi.indicators import registry
from fazhi.indicators.display import DASH, format_exact, format_percent, format_value
from fazhi.indicators.registry import (
    DIVISION_DIMENSION,
    UNIT_DIMENSION,
    Dimension,
    Finding,
    Kind,
    Scope,
    Source,
    Summed,
)

HUNDRED = Decimal(100)
SHARE_STEP = Decimal("0.1")
MISSING = "未填写"
OTHER = "其他"
OWN_LEVEL = "本级"


def share_display(share: Decimal | None) -> str:
    """A share shown to one decimal: 35%, 35.2%; "—" without a total."""
    if share is None:
        return DASH
    return f"{_plain(share.quantize(SHARE_STEP, rounding=ROUND_HALF_UP))}%"


def _rounded(share: Decimal) -> Decimal:
    return share.quantize(SHARE_STEP, rounding=ROUND_HALF_UP)


@dataclass
class Part:
    key: str
    label: str
    value: Decimal | None
    display: str
    share: Decimal | None = None
    raw: tuple = ()  # the raw values of the dimension in this part
    missing: bool = False  # the part of rows with no value for the dimension

    @property
    def share_display(self) -> str:
        return share_display(self.share)

    def matches(self, member: str) -> bool:
        member = (member or "").strip()
        plain = self.label.split("（")[0].split("(")[0]
        return member in (self.label, self.key, plain) or member in {str(r) for r in self.raw}


@dataclass
class Breakdown:
    total: object  # the indicator's Value for the whole scope
    dimension: Dimension
    parts: list[Part]
    is_rate: bool = False
    extra_findings: list = field(default_factory=list)

    @property
    def parts_sum(self) -> Decimal:
        return sum((p.value for p in self.parts if p.value is not None), Decimal(0))

    @property
    def adds_up(self) -> bool:
        """The consistency rule: the parts add up to the total (rates: not applicable)."""
        if self.is_rate or self.total.value is None:
            return True
        return self.parts_sum == self.total.value

    @property
    def shares_sum(self) -> Decimal | None:
        """The sum of the shares as shown (each rounded to one decimal)."""
        if self.is_rate or not self.total.value:
            return None
        return sum((_rounded(p.share) for p in self.parts if p.share is not None), Decimal(0))

    @property
    def exact_shares_sum(self) -> Decimal | None:
        if self.is_rate or not self.total.value:
            return None
        return sum((p.share for p in self.parts if p.share is not None), Decimal(0))

    @property
    def rounding(self) -> Decimal | None:
        """Shown shares' sum − 100 (the rounding difference, ± a few tenths)."""
        shown = self.shares_sum
        return None if shown is None else shown - HUNDRED

    @property
    def shares_sum_display(self) -> str:
        return share_display(self.shares_sum)

    @property
    def rounding_note(self) -> str:
        """Why the shown shares do not add up to exactly 100% ("" when they do)."""
        rounding = self.rounding
        if not rounding:
            return ""
        return (
            f"各项占比四舍五入后合计{self.shares_sum_display}，与100%相差"
            f"{format(abs(rounding).normalize(), 'f')}个百分点，系舍入误差"
        )

    def part(self, member: str) -> Part | None:
        return next((p for p in self.parts if p.matches(member)), None)

    @property
    def items_text(self) -> str:
        """行政处罚120件（占35%）、行政许可80件（占23.4%）; parts with nothing are left out."""
        items = []
        for part in self.parts:
            if not part.value:
                continue
            if self.is_rate:
                items.append(f"{part.label}{part.display}")
            else:
                items.append(f"{part.label}{part.display}（占{part.share_display}）")
        return "、".join(items) or "无"

    def findings(self, scope: Scope | None = None) -> list[Finding]:
        found = list(self.extra_findings)
        if not self.adds_up:
            label = scope.label if scope is not None else self.total.scope_label
            found.append(
                Finding(
                    unit=scope.unit if scope is not None else None,
                    check=f"breakdown.{self.total.code}.{self.dimension.key}",
                    message=f"{label}：{self.total.name}按{self.dimension.name}分组，各项之和 "
                    f"{_plain(self.parts_sum)} 不等于合计 {_plain(self.total.value)}",
                    figures={"各项之和": _plain(self.parts_sum), "合计": _plain(self.total.value)},
                )
            )
        return found

    def as_dict(self) -> dict:
        return {
            "dimension": self.dimension.name,
            "total": None if self.total.value is None else str(self.total.value),
            "parts": [
                {
                    "label": p.label,
                    "value": None if p.value is None else str(p.value),
                    "display": p.display,
                    "share": p.share_display,
                }
                for p in self.parts
            ],
            "shares_sum": self.shares_sum_display,
            "rounding_note": self.rounding_note,
        }


def _plain(number) -> str:
    if number is None:
        return DASH
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


# --- which dimensions apply ------------------------------------------------------------------
def _resolved_code(comp, code: str) -> str:
    """A rate family breaks down as its default variant."""
    variants = registry.variants_of(code) if code not in registry.indicators() else []
    if variants:
        return next((v for v in variants if v.default), variants[0]).code
    return code


def available_dimensions(comp, code: str) -> list[Dimension]:
    """Every dimension the indicator can break down by, in this scope."""
    code = _resolved_code(comp, code)
    spec = comp.specs.get(code)
    if spec is None:
        return []
    found: list[Dimension] = []
    if spec.source == Source.RETURNED:
        found.append(UNIT_DIMENSION)
    elif spec.kind in (Kind.RATE, Kind.RATIO) and spec.numerator:
        found += _common(comp, [spec.numerator, spec.denominator])
    elif spec.terms:
        found += _common(comp, [c for c, _ in spec.terms])
    elif spec.function is not None:
        found += registry.dimensions_of(code)
        if UNIT_DIMENSION.key not in {d.key for d in found} and _has_unit(comp, spec):
            found.append(UNIT_DIMENSION)
    if comp.scope.division is not None and comp.scope.unit is None:
        found.append(DIVISION_DIMENSION)
    return found


def _common(comp, codes: list[str]) -> list[Dimension]:
    lists = [
        [d for d in available_dimensions(comp, c) if d.key != DIVISION_DIMENSION.key] for c in codes
    ]
    if not lists:
        return []
    keys = set.intersection(*({d.key for d in dims} for dims in lists))
    return [d for d in lists[0] if d.key in keys]


def _has_unit(comp, spec) -> bool:
    result = comp.result_of(spec)
    model = (result.queryset if isinstance(result, Summed) else result).model
    return any(f.name == "unit" for f in model._meta.get_fields())


def find_dimension(comp, code: str, text: str) -> Dimension:
    """A dimension of the indicator by key or name, or a KeyError with the Chinese reason."""
    text = (text or "").strip()
    dimensions = available_dimensions(comp, code)
    for dimension in dimensions:
        if text in (dimension.key, dimension.name):
            return dimension
    names = "、".join(d.name for d in dimensions) or "无"
    raise KeyError(f"该指标不能按“{text}”分组（可用的分组：{names}）")


# --- computing -------------------------------------------------------------------------------
def breakdown(comp, code: str, dimension: Dimension | str) -> Breakdown:
    """The indicator's value in the computation's scope, split by `dimension`."""
    if isinstance(dimension, str):
        dimension = find_dimension(comp, code, dimension)
    total = comp.value(code)
    resolved = _resolved_code(comp, code)
    spec = comp.specs[resolved]
    if dimension.key == DIVISION_DIMENSION.key:
        parts = _by_division(comp, resolved)
    elif spec.kind in (Kind.RATE, Kind.RATIO) and spec.numerator:
        return _rate_breakdown(comp, code, spec, dimension, total)
    elif spec.terms:
        parts = _combined(comp, spec, dimension)
    elif spec.source == Source.RETURNED:
        parts = _returned_by_unit(comp, spec)
    else:
        parts = _grouped(comp, spec, dimension)
    for part in parts:
        if total.value and part.value is not None:
            part.share = part.value / total.value * HUNDRED
    return Breakdown(total=total, dimension=dimension, parts=parts)


def _display(spec, value) -> str:
    return format_value(value, measure=spec.measure, kind=spec.kind, approximate=0)


def _grouped(comp, spec, dimension: Dimension) -> list[Part]:
    result = comp.result_of(spec)
    summed = isinstance(result, Summed)
    queryset = result.queryset if summed else result
    model = queryset.model
    rows = model._base_manager.filter(pk__in=queryset.order_by().values("pk"))
    aggregate = Sum(result.field) if summed else Count("pk")
    grouped: dict = {}
    for row in rows.order_by().values(dimension.path).annotate(n=aggregate):
        grouped[row[dimension.path]] = Decimal(row["n"] or 0)
    labels, choices = _labels(model, dimension, grouped)
    return _parts(spec, dimension, grouped, labels, choices)


def _labels(model, dimension: Dimension, grouped: dict) -> tuple[dict, bool]:
    """({raw value: label}, whether the labels are a closed list of choices in order)."""
    if dimension.labels:
        return dict(dimension.labels), True
    final = _final_field(model, dimension.path)
    if final is not None and final.choices:
        return {value: label for value, label in final.flatchoices}, True
    if final is not None and final.is_relation:
        related = final.related_model
        objects = related._base_manager.filter(pk__in=[r for r in grouped if r is not None])
        return {o.pk: getattr(o, "name", None) or str(o) for o in objects}, False
    return {raw: str(raw) for raw in grouped if raw not in (None, "")}, False


def _final_field(model, path: str):
    field = None
    for name in path.split("__"):
        try:
            field = model._meta.get_field(name)
        except Exception:  # noqa: BLE001 - an unknown name: labels are the raw values
            return None
        if field.is_relation and field.related_model is not None:
            model = field.related_model
    return field


def _parts(
    spec, dimension: Dimension, grouped: dict, labels: dict, choices: bool = False
) -> list[Part]:
    """Parts in the dimension's order: its buckets, else its choices (every choice, also the
    empty ones, as statistics tables list them), else the largest first; 未填写 last."""
    missing = sum((v for r, v in grouped.items() if r in (None, "")), Decimal(0))
    present = {r: v for r, v in grouped.items() if r not in (None, "")}
    parts: list[Part] = []
    if dimension.buckets:
        placed: set = set()
        for label, raws in dimension.buckets:
            value = sum((present.get(r, Decimal(0)) for r in raws), Decimal(0))
            placed |= set(raws)
            parts.append(Part(label, label, value, _display(spec, value), raw=tuple(raws)))
        others = {r: v for r, v in present.items() if r not in placed}
        if others:
            value = sum(others.values(), Decimal(0))
            parts.append(Part(OTHER, OTHER, value, _display(spec, value), raw=tuple(others)))
    elif choices:
        for raw, label in labels.items():
            value = present.get(raw, Decimal(0))
            parts.append(Part(str(raw), str(label), value, _display(spec, value), raw=(raw,)))
        for raw in sorted((r for r in present if r not in labels), key=lambda r: -present[r]):
            value = present[raw]
            parts.append(Part(str(raw), str(raw), value, _display(spec, value), raw=(raw,)))
    else:
        for raw in sorted(present, key=lambda r: (-present[r], str(labels.get(r, r)))):
            value = present[raw]
            label = str(labels.get(raw, raw))
            parts.append(Part(str(raw), label, value, _display(spec, value), raw=(raw,)))
    if missing:
        parts.append(Part("", MISSING, missing, _display(spec, missing), missing=True))
    return parts


def _returned_by_unit(comp, spec) -> list[Part]:
    values = comp._effective_values().filter(indicator__code=spec.code)
    grouped: dict = {}
    if spec.kind == Kind.STOCK:
        latest = (
            values.order_by("unit_id", "-period_end")
            .distinct("unit_id")
            .values_list("unit_id", "value")
        )
        grouped = {unit_id: value for unit_id, value in latest}
    else:
        for row in values.order_by().values("unit_id").annotate(n=Sum("value")):
            grouped[row["unit_id"]] = row["n"]
    names = dict(Unit.objects.filter(pk__in=grouped).values_list("pk", "name"))
    ordered = sorted(grouped, key=lambda u: (-grouped[u], names.get(u, "")))
    return [
        Part(str(u), names.get(u, str(u)), grouped[u], _display(spec, grouped[u]), raw=(u,))
        for u in ordered
    ]


def _by_division(comp, code: str) -> list[Part]:
    scope = comp.scope
    children = list(Division.objects.filter(parent=scope.division).order_by("code"))
    scopes = [(OWN_LEVEL, "", Unit.objects.filter(division=scope.division), scope.division)]
    scopes += [(c.name, str(c.pk), Unit.objects.in_subtree(c), c) for c in children]
    comps = [
        comp.for_scope(
            Scope(
                units=units,
                start=scope.start,
                end=scope.end,
                year=scope.year,
                division=division,
                period_name=scope.period_name,
            )
        )
        for _label, _key, units, division in scopes
    ]
    comp.prefetch(comps[1:], comps[0].dependencies([code]))
    parts = []
    for (label, key, _units, division), child in zip(scopes, comps, strict=True):
        value = child.value(code)
        if key == "" and not value.value:
            continue  # no own-level figure: only the divisions below
        parts.append(Part(key, label, value.value, value.display, raw=(division.pk,)))
    return parts


def _combined(comp, spec, dimension: Dimension) -> list[Part]:
    """A derived figure's parts: the same linear combination of its terms' parts."""
    by_term = [(breakdown(comp, code, dimension), coef) for code, coef in spec.terms]
    order: dict[str, Part] = {}
    for term, _coef in by_term:
        for part in term.parts:
            order.setdefault(part.key, part)
    parts = []
    for key, first in order.items():
        value = Decimal(0)
        for term, coef in by_term:
            match = next((p for p in term.parts if p.key == key), None)
            value += (match.value or Decimal(0)) * coef if match else Decimal(0)
        parts.append(
            Part(
                key, first.label, value, _display(spec, value), raw=first.raw, missing=first.missing
            )
        )
    return parts


def _rate_breakdown(comp, code, spec, dimension, total) -> Breakdown:
    numerator = breakdown(comp, spec.numerator, dimension)
    denominator = breakdown(comp, spec.denominator, dimension)
    parts = []
    for den in denominator.parts:
        num = next((p for p in numerator.parts if p.key == den.key), None)
        value = None
        if num is not None and num.value is not None and den.value:
            value = num.value / den.value * (HUNDRED if spec.kind == Kind.RATE else 1)
        display = (
            format_percent(value)
            if spec.kind == Kind.RATE
            else format_exact(value, measure="", kind="")
        )
        parts.append(Part(den.key, den.label, value, display, raw=den.raw, missing=den.missing))
    found = numerator.findings() + denominator.findings()
    return Breakdown(
        total=total, dimension=dimension, parts=parts, is_rate=True, extra_findings=found
    )


def part_filter(dimension: Dimension, part: Part) -> Q:
    """The rows of one part (for its provenance records)."""
    if part.missing:
        return Q(**{f"{dimension.path}__isnull": True}) | Q(**{dimension.path: ""})
    if dimension.buckets and part.key == OTHER:
        placed = [r for _label, raws in dimension.buckets for r in raws]
        return ~Q(**{f"{dimension.path}__in": placed}) & ~Q(**{f"{dimension.path}__isnull": True})
    return Q(**{f"{dimension.path}__in": list(part.raw)})
