"""Where a report's figures come from: one batch of indicator values per period, and the
resolution of each placeholder (`placeholders.py`) into the text it shows and the values behind it.

Reads only `fazhi.indicators` (import-linter contract).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError

from fazhi.core.models import Unit, UnitKind
from fazhi.indicators.catalog import all_specs
from fazhi.indicators.compare import Comparison
from fazhi.indicators.display import BOUND_WORDS, format_bound
from fazhi.indicators.periods import parse_period
from fazhi.indicators.registry import Kind, Source
from fazhi.indicators.selectors import computation, window_periods
from fazhi.reports.placeholders import Placeholder, render_value, strip_measure


def scope_object(unit: Unit):
    """A government reports on its whole division; any other body on its own records."""
    return unit.division if unit.kind == UnitKind.GOVERNMENT else unit


def reference_problem(placeholder: Placeholder, *, year: int, windows: dict, comp=None) -> str:
    """Why a known indicator's placeholder cannot be resolved, in Chinese ("" when it can).

    With `comp` (the report's batch), a breakdown's dimension and member are checked too.
    """
    if placeholder.period:
        try:
            parse_period(placeholder.period, year=year, windows=windows)
        except ValidationError as exc:
            return exc.messages[0]
    if placeholder.dimension and comp is not None:
        try:
            if placeholder.member:
                comp.slice(placeholder.code, placeholder.dimension, placeholder.member)
            else:
                comp.breakdown(placeholder.code, placeholder.dimension)
        except KeyError as exc:
            return exc.args[0]
    return ""


class PlaceholderCheck:
    """`validate_text(…, check=PlaceholderCheck(report))`: periods and breakdowns resolve."""

    def __init__(self, unit: Unit, year: int):
        self.unit, self.year = unit, year
        self._windows: dict | None = None
        self._comp = None

    def __call__(self, placeholder: Placeholder) -> str:
        if self._windows is None:
            self._windows = window_periods(scope_object(self.unit))
        if placeholder.dimension and self._comp is None:
            self._comp = computation(scope_object(self.unit), self.year)
        return reference_problem(
            placeholder, year=self.year, windows=self._windows, comp=self._comp
        )


@dataclass
class Figure:
    """A placeholder resolved: the text it shows and the values behind it."""

    placeholder: Placeholder
    text: str
    value: object = None  # the fazhi.indicators Value the figure is about
    comparison: object = None  # a Comparison for 上年/同比/增减/增幅
    target: object = None  # a TargetCheck for 目标/达标
    breakdown: object = None  # a Breakdown for [维度]|分项 and 占比
    part: object = None  # the breakdown row of [维度=分项]
    error: str = ""
    values: list = field(default_factory=list)  # every Value shown or compared

    @property
    def key(self) -> str:
        return self.placeholder.key

    @property
    def code(self) -> str:
        return self.placeholder.code


class FigureSource:
    """Every figure of one body and year, computed in batches by the indicator backbone."""

    def __init__(self, unit: Unit, year: int, *, user=None):
        self.unit, self.year, self.user = unit, year, user
        self.scope = scope_object(unit)
        self.comp = computation(self.scope, year, user=user)
        self.specs = all_specs()
        self._periods: dict | None = None
        self._comps: dict = {}

    # --- plain values (the report's year) ---------------------------------------------------
    def known(self, code: str) -> bool:
        return code in self.specs

    def value(self, code: str):
        return self.comp.value(code)

    def values(self, codes) -> dict:
        """Values of the report's year, computed in one batch (codes not in the catalog skipped)."""
        return self.comp.values([code for code in codes if code in self.specs])

    def consistency(self, codes) -> list:
        return self.comp.consistency_findings(list(codes))

    def compliance(self) -> list:
        return self.comp.compliance_findings()

    def check_stated(self, code: str, stated: Decimal) -> list:
        return self.comp.check_stated(code, stated)

    def name(self, code: str) -> str:
        spec = self.specs.get(code)
        return spec.name if spec else code

    def rate_codes(self) -> list[str]:
        """Rate indicators a stated percentage may refer to: families, and plain rates."""
        return [
            code
            for code, spec in self.specs.items()
            if spec.kind == Kind.RATE and not spec.variant_of
        ]

    def is_live_return(self, value) -> bool:
        """A figure that comes (directly or through a rate's parts) from statistical returns."""
        if value.source == Source.RETURNED:
            return True
        return any(
            part is not None and part.source == Source.RETURNED
            for part in (value.numerator, value.denominator)
        )

    # --- periods ----------------------------------------------------------------------------
    @property
    def windows(self) -> dict:
        if self._periods is None:
            self._periods = window_periods(self.scope)
        return self._periods

    def period(self, text: str):
        return parse_period(text, year=self.year, windows=self.windows)

    def comp_for(self, text: str):
        """The batch for the period a placeholder names (`@…`); the report's year when blank."""
        if not text:
            return self.comp
        period = self.period(text)
        key = (period.start, period.end)
        if period.is_calendar_year and period.year == self.year:
            return self.comp
        if key not in self._comps:
            self._comps[key] = computation(self.scope, user=self.user, period=period)
        return self._comps[key]

    def problem(self, placeholder: Placeholder) -> str:
        """Why a placeholder cannot be resolved ("" when it can): unknown period or breakdown."""
        comp = None
        if placeholder.dimension:
            try:
                comp = self.comp_for(placeholder.period)
            except ValidationError as exc:
                return exc.messages[0]
        return reference_problem(placeholder, year=self.year, windows=self.windows, comp=comp)

    # --- figures ----------------------------------------------------------------------------
    def figure(self, placeholder: Placeholder) -> Figure:
        """The text a placeholder shows and the values behind it."""
        reason = self.problem(placeholder)
        if reason:
            return Figure(placeholder, placeholder.raw, error=reason)
        comp = self.comp_for(placeholder.period)
        code, what, how = placeholder.code, placeholder.what, placeholder.form
        if placeholder.dimension:
            return self._breakdown_figure(comp, placeholder)
        value = comp.value(code)
        figure = Figure(placeholder, "", value=value, values=[value])
        if what in ("previous", "preceding"):
            comparison = comp.compare(code, "同比" if what == "previous" else "环比")
            figure.comparison = comparison
            figure.values.append(comparison.previous)
            figure.text = render_value(comparison.previous, how)
        elif what in ("yoy", "pop", "change", "percent_change"):
            comparison = comp.compare(code, "环比" if what == "pop" else "同比")
            figure.comparison = comparison
            figure.values.append(comparison.previous)
            text = {
                "yoy": comparison.sentence,
                "pop": comparison.sentence,
                "change": comparison.change_display,
                "percent_change": comparison.percent_display,
            }[what]
            figure.text = strip_measure(text, value.measure) if how == "bare" else text
        elif what in ("target", "vs_target"):
            check = comp.target(code)
            if check is None:
                return Figure(
                    placeholder,
                    placeholder.raw,
                    error=f"“{value.name}”在{value.scope_label}没有设定目标",
                )
            figure.target = check
            figure.text = check.display if what == "target" else check.comparison_text
            if how == "bare":
                figure.text = strip_measure(figure.text, value.measure)
        elif what in BOUND_WORDS:
            figure.text = format_bound(
                value.value, what, measure=value.measure, kind=value.kind, digits=placeholder.digits
            )
            if how == "bare":
                figure.text = strip_measure(figure.text, value.measure)
        else:
            figure.text = render_value(value, how)
        return figure

    def _breakdown_figure(self, comp, placeholder: Placeholder) -> Figure:
        """`[维度]|分项`, `[维度=分项]` (the part's value, or with 占比 its share, or compared with
        the same part of an earlier period)."""
        code, what, how = placeholder.code, placeholder.what, placeholder.form
        result = comp.breakdown(code, placeholder.dimension)
        if what == "items":
            return Figure(
                placeholder,
                result.items_text,
                value=result.total,
                breakdown=result,
                values=[result.total],
            )
        value, part = comp.slice(code, placeholder.dimension, placeholder.member)
        figure = Figure(placeholder, "", value=value, breakdown=result, part=part, values=[value])
        if what == "share":
            figure.text = part.share_display
        elif what in ("previous", "preceding", "yoy", "pop", "change", "percent_change"):
            basis = "环比" if what in ("preceding", "pop") else "同比"
            earlier, _part = comp.earlier(basis).slice(
                code, placeholder.dimension, placeholder.member
            )
            comparison = Comparison(
                current=value,
                previous=earlier,
                basis=basis,
                earlier_label=comp.compare(code, basis).earlier_label,
            )
            figure.comparison, figure.values = comparison, [value, earlier]
            figure.text = {
                "previous": render_value(earlier, how),
                "preceding": render_value(earlier, how),
                "yoy": comparison.sentence,
                "pop": comparison.sentence,
                "change": comparison.change_display,
                "percent_change": comparison.percent_display,
            }[what]
            if how == "bare" and what not in ("previous", "preceding"):
                figure.text = strip_measure(figure.text, value.measure)
        elif what:
            return Figure(placeholder, placeholder.raw, error="分组项不能设定目标或显示为约数")
        else:
            figure.text = render_value(value, how)
        return figure
