from decimal import Decimal

from fazhi.indicators.display import format_exact, format_percent, format_value
from fazhi.indicators.registry import Kind


def test_money_in_wan_yuan_keeps_two_decimals():
    assert format_value(Decimal("304.62"), measure="万元", kind=Kind.SUM) == "304.62万元"
    assert format_value(Decimal("304.6"), measure="万元", kind=Kind.SUM) == "304.60万元"


def test_approximate_figures_round_down_and_add_yu():
    assert format_value(Decimal(30215), measure="份", kind=Kind.SUM, approximate=1) == "3万余份"
    assert format_value(Decimal(412), measure="次", kind=Kind.SUM, approximate=1) == "400余次"
    assert format_value(Decimal(14736), measure="份", kind=Kind.SUM, approximate=4) == "14730余份"
    assert format_value(Decimal(124), measure="项", kind=Kind.COUNT, approximate=2) == "120余项"
    # a figure already round is shown as it is, without 余
    assert format_value(Decimal(400), measure="次", kind=Kind.COUNT, approximate=1) == "400次"


def test_exact_value_is_kept_beside_the_approximate_text():
    assert format_exact(Decimal(30215), measure="份", kind=Kind.SUM) == "30215份"


def test_percentages_two_decimals_unless_whole():
    assert format_percent(Decimal(75)) == "75%"
    assert format_percent(Decimal("53.75")) == "53.75%"
    assert format_percent(Decimal(100) / Decimal(3)) == "33.33%"
    assert format_percent(Decimal("12.5")) == "12.50%"


def test_zero_denominator_is_a_dash_never_zero_or_hundred():
    assert format_value(None, measure="%", kind=Kind.RATE) == "—"


def test_missing_returned_value_says_not_reported():
    assert format_value(None, measure="件", kind=Kind.COUNT) == "未填报"
