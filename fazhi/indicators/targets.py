"""Targets (目标值): which target applies to a scope and period, and whether a value meets it.

A target names its direction: ≤ (the value must not exceed it, e.g. 诉讼败诉率 ≤ 5%) or ≥ (the
value must reach it, e.g. 复议调撤率 ≥ 50%). A unit's target applies to that unit; a division's
target applies to it and to every division below that has none of its own (nearest wins). A
calendar-year scope takes the year's target; a window's scope the target set for that window.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fazhi.indicators.display import format_exact, format_value
from fazhi.indicators.models import Target, TargetOp
from fazhi.indicators.periods import Period
from fazhi.indicators.registry import Finding, Scope
from fazhi.indicators.windows import ancestor_paths

SYMBOLS = {TargetOp.AT_MOST: "≤", TargetOp.AT_LEAST: "≥"}


def targets_of_scope(scope: Scope):
    """The targets set for this scope and period, or for a division above it (a queryset)."""
    queryset = Target.objects.select_related("indicator", "division", "window")
    if not Period(scope.start, scope.end).is_calendar_year:
        queryset = queryset.filter(window__start=scope.start, window__end=scope.end)
    else:
        queryset = queryset.filter(year=scope.year, window__isnull=True)
    if scope.unit is not None:
        return queryset.filter(target_unit=scope.unit)
    return queryset.filter(division__path__in=ancestor_paths(scope.division.path))


def targets_for_scope(scope: Scope, rows=None) -> dict[str, Target]:
    """{indicator code: the target that applies to this scope and period} (`rows`: those of
    `targets_of_scope`, already read)."""
    rows = list(targets_of_scope(scope) if rows is None else rows)
    if scope.unit is None:  # the nearest division's target wins
        rows.sort(key=lambda r: len(r.division.path))
    return {row.indicator.code: row for row in rows}


@dataclass
class TargetCheck:
    """A value beside its target."""

    target: Target
    value: object  # fazhi.indicators.compute.Value

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.target.op]

    @property
    def figure(self) -> str:
        """The target figure with the value's measure and display rules: 5%, 50件."""
        return format_exact(self.target.value, measure=self.value.measure, kind=self.value.kind)

    @property
    def display(self) -> str:
        """≤5%, ≥50%."""
        return f"{self.symbol}{self.figure}"

    @property
    def met(self) -> bool | None:
        current = self.value.value
        if current is None:
            return None
        if self.target.op == TargetOp.AT_MOST:
            return current <= self.target.value
        return current >= self.target.value

    @property
    def gap(self) -> Decimal | None:
        """value − target (percentage points for a rate)."""
        return None if self.value.value is None else self.value.value - self.target.value

    @property
    def status_label(self) -> str:
        return {True: "达标", False: "未达标", None: "无法判断"}[self.met]

    @property
    def comparison_text(self) -> str:
        """低于市考核目标5% / 高于目标50% / 达到目标50%; "—" when the value is missing."""
        gap = self.gap
        if gap is None:
            return "—"
        word = "低于" if gap < 0 else "高于" if gap > 0 else "达到"
        return f"{word}{self.target.label}{self.figure}"

    def finding(self, scope: Scope | None = None) -> Finding:
        value = self.value
        shown = format_value(value.value, measure=value.measure, kind=value.kind)
        return Finding(
            unit=scope.unit if scope is not None else None,
            check=f"targets.{value.code}",
            message=f"{scope.label if scope is not None else value.scope_label}：{value.name} {shown}，{self.comparison_text}"
            f"（{self.target.label}{self.display}，{self.status_label}）",
            figures={"数值": shown, self.target.label: self.display, "结果": self.status_label},
            severity="info" if self.met else "warning",
        )

    def as_dict(self) -> dict:
        return {
            "label": self.target.label,
            "display": self.display,
            "status": self.status_label,
            "comparison": self.comparison_text,
        }
