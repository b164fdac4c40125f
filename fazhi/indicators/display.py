"""Display rules for indicator values (issue 4 §7). The exact value is always kept beside the text.

- a ratio as "N:1" with two decimals: 复议与一审诉讼之比 1.04:1 (a zero second term is "—");
- bounds: 以上 rounds down (83.3% → 80%以上), 超 rounds down (12345 → 超1.2万), 近 rounds up
  (48 → 近50件), each to the fewest significant digits that stay within 10% of the exact value
  (or the digits given); a figure that is already round is shown as it is;
- money in 万元 with two decimals: 304.62万元;
- approximate figures ("N余"): round *down* to N significant digits and add 余, in 万 when the
  rounded figure is a whole number of 万: 30215 → 3万余, 412 → 400余, 14736 (N=4) → 14730余;
- percentages to two decimals unless the percentage is whole: 75%, 53.75%;
- a rate with a zero denominator is "—", never 0% or 100%.
"""

from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal

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


def format_ratio(value: Decimal | None, places: int = 2) -> str:
    """numerator ÷ denominator as "N:1": 1.04:1; "—" when the denominator is 0."""
    if value is None:
        return DASH
    step = Decimal(1).scaleb(-places) if places > 0 else Decimal(1)
    return f"{value.quantize(step, rounding=ROUND_HALF_UP)}:1"


BOUND_WORDS = {"at_least": "以上", "over": "超", "near": "近"}


def round_up_significant(value: Decimal, digits: int) -> Decimal:
    """48 → 50 (one digit), 1201 → 1300 (two digits)."""
    length = len(str(abs(int(value.to_integral_value(rounding=ROUND_DOWN)))))
    if digits <= 0 or length <= digits:
        return value.to_integral_value(rounding=ROUND_UP)
    step = Decimal(10) ** (length - digits)
    return (value / step).to_integral_value(rounding=ROUND_UP) * step


def _bound_digits(value: Decimal, word: str) -> int:
    """The fewest significant digits whose rounding stays within 10% of the value."""
    for digits in range(1, 6):
        rounded = _bound_round(value, word, digits)
        if value == 0 or abs(rounded - value) <= abs(value) / 10:
            return digits
    return 6


def _bound_round(value: Decimal, word: str, digits: int) -> Decimal:
    if word == "near":
        return round_up_significant(value, digits)
    return round_down_significant(value, digits)


def _large(number: Decimal) -> str:
    """12000 → 1.2万, 30000 → 3万, 4500 → 4500."""
    if number >= 10000:
        return f"{_plain((number / 10000).normalize())}万"
    return _plain(number)


def format_bound(
    value: Decimal | None, word: str, *, measure: str, kind: str, digits: int = 0
) -> str:
    """80%以上, 超1.2万人次, 近50件; the exact text when the value is already round."""
    if value is None:
        return format_exact(value, measure=measure, kind=kind)
    digits = digits or _bound_digits(value, word)
    rounded = _bound_round(value, word, digits)
    percent = kind == Kind.RATE or measure == "%"
    if rounded == value:  # a round figure needs no bound
        return format_exact(value, measure=measure, kind=kind)
    figure = f"{_plain(rounded)}%" if percent else f"{_large(rounded)}{measure}"
    if word == "at_least":
        return f"{figure}以上"
    return f"{BOUND_WORDS[word]}{figure}"


def format_exact(value: Decimal | None, *, measure: str, kind: str, places: int = 2) -> str:
    if kind == Kind.RATIO:
        return format_ratio(value, places)
    if kind == Kind.RATE or measure == "%":
        return format_percent(value)
    if value is None:
        return MISSING
    if measure in MONEY_MEASURES:
        return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}{measure}"
    return f"{_plain(value)}{measure}"


def format_value(
    value: Decimal | None,
    *,
    measure: str,
    kind: str,
    approximate: int = 0,
    bound: str = "",
    places: int = 2,
) -> str:
    """The text a report or dashboard shows for a value (`bound`: at_least, over, near)."""
    if value is not None and bound in BOUND_WORDS and kind != Kind.RATIO:
        return format_bound(value, bound, measure=measure, kind=kind, digits=approximate)
    if (
        value is not None
        and approximate
        and kind not in (Kind.RATE, Kind.RATIO)
        and (measure not in MONEY_MEASURES)
    ):
        return format_approximate(value, approximate, measure)
    return format_exact(value, measure=measure, kind=kind, places=places)


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
    if kind == Kind.RATIO:
        word = "上升" if change > 0 else "下降"
        return f"{word}{_points(abs(change))}"
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
