"""Comparisons with an earlier period: the previous value, the absolute and the relative change.

同比 compares with the same dates a year earlier (`Period.shifted`), 环比 with the period of the
same length just before (`Period.preceding`). Counts and sums change by a number of their measure
and by a percentage of the earlier value (one decimal); rates change by percentage points, never
by a percentage of a percentage. A missing or zero earlier value gives no percentage ("—").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from fazhi.indicators.display import DASH, format_change, format_percent_change
from fazhi.indicators.registry import Kind

HUNDRED = Decimal(100)
BASES = {"同比": "上年同期", "环比": "上期"}


@dataclass
class Comparison:
    current: object  # fazhi.indicators.compute.Value
    previous: object
    basis: str = "同比"
    earlier_label: str = "上年"  # 上年 (a calendar year 同比), 上年同期, 上期

    @property
    def is_rate(self) -> bool:
        return self.current.kind in (Kind.RATE, Kind.RATIO) or self.current.measure == "%"

    @property
    def comparable(self) -> bool:
        return self.current.value is not None and self.previous.value is not None

    @property
    def change(self) -> Decimal | None:
        """current − previous (for a rate: percentage points)."""
        if not self.comparable:
            return None
        return self.current.value - self.previous.value

    @property
    def percent(self) -> Decimal | None:
        """(current − previous) ÷ previous × 100, for counts and sums with a non-zero earlier value."""
        if self.is_rate or not self.comparable or not self.previous.value:
            return None
        return self.change / self.previous.value * HUNDRED

    @property
    def change_display(self) -> str:
        return format_change(self.change, measure=self.current.measure, kind=self.current.kind)

    @property
    def percent_display(self) -> str:
        return format_percent_change(self.percent)

    @property
    def sentence(self) -> str:
        """The phrase a report writes: 同比增长12.3%, 同比上升2.5个百分点, 较上年增加15件 (the
        earlier value was 0), 与上年持平; "—" when either value is missing."""
        if not self.comparable:
            return DASH
        if self.change == 0:
            return f"与{self.earlier_label}持平"
        if self.is_rate:
            return f"{self.basis}{self.change_display}"
        if self.percent is None:
            return f"较{self.earlier_label}{self.change_display}"
        return f"{self.basis}{self.percent_display}"

    def as_dict(self) -> dict:
        return {
            "basis": self.basis,
            "previous": None if self.previous.value is None else str(self.previous.value),
            "previous_display": self.previous.display,
            "previous_scope": self.previous.scope_label,
            "change": None if self.change is None else str(self.change),
            "change_display": self.change_display,
            "percent_display": self.percent_display,
            "sentence": self.sentence,
        }


__all__ = ["BASES", "DASH", "Comparison"]
