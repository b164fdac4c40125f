"""Display rules for indicator values (issue 4 §7). The exact value is always kept beside the text.

- money in 万元 with two decimals: 304.62万元;
- approximate figures ("N余"): round *down* to N significant digits and add 余, in 万 when the
  rounded figure is a whole number of 万: 30215 → 3万余, 412 → 400余, 14736 (N=4) → 14730余;
- percentages to two decimals unless the percentage is whole: 75%, 53.75%;
- a rate with a zero denominator is "—", never 0% or 100%.
"""

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from fazhi.indicators.registry import Kind

DASH = "—"
MISSING = "未填报"
MONEY_MEASURES = {"万元"}


def _plain(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def format_percent(value: Decimal | None) -> str:
    if value is None:
        return DASH
    if value == value.to_integral_value():
        return f"{int(value)}%"
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


def round_down_significant(value: Decimal, digits: int) -> Decimal:
    whole = int(value.to_integral_value(rounding=ROUND_DOWN))
    length = len(str(abs(whole)))
    if digits <= 0 or length <= digits:
        return Decimal(whole)
    step = 10 ** (length - digits)
    return Decimal(whole // step * step)


def format_approximate(value: Decimal, digits: int, measure: str = "") -> str:
    rounded = round_down_significant(value, digits)
    if rounded == value:
        return f"{_plain(value)}{measure}"
    if rounded >= 10000 and rounded % 10000 == 0:
        text = f"{int(rounded) // 10000}万"
    else:
        text = str(int(rounded))
    return f"{text}余{measure}"


def format_exact(value: Decimal | None, *, measure: str, kind: str) -> str:
    if kind == Kind.RATE or measure == "%":
        return format_percent(value)
    if value is None:
        return MISSING
    if measure in MONEY_MEASURES:
        return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}{measure}"
    return f"{_plain(value)}{measure}"


def format_value(value: Decimal | None, *, measure: str, kind: str, approximate: int = 0) -> str:
    """The text a report or dashboard shows for a value."""
    if value is not None and approximate and kind != Kind.RATE and measure not in MONEY_MEASURES:
        return format_approximate(value, approximate, measure)
    return format_exact(value, measure=measure, kind=kind)


def _one_decimal(value: Decimal) -> str:
    rounded = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return _plain(rounded)


def _points(value: Decimal) -> str:
    return _plain(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def format_change(change: Decimal | None, *, measure: str, kind: str) -> str:
    """An absolute change: 增加15件, 减少3.50万元, 持平; for a rate 上升2.5个百分点."""
    if change is None:
        return DASH
    if change == 0:
        return "持平"
    if kind == Kind.RATE or measure == "%":
        word = "上升" if change > 0 else "下降"
        return f"{word}{_points(abs(change))}个百分点"
    word = "增加" if change > 0 else "减少"
    return f"{word}{format_exact(abs(change), measure=measure, kind=Kind.COUNT)}"


def format_percent_change(percent: Decimal | None) -> str:
    """A relative change, one decimal: 增长12.3%, 下降5%, 持平; "—" when it cannot be computed."""
    if percent is None:
        return DASH
    if percent == 0:
        return "持平"
    word = "增长" if percent > 0 else "下降"
    return f"{word}{_one_decimal(abs(percent))}%"
