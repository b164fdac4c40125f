"""Comparisons with an earlier period (同比, 环比): previous value, absolute and relative change."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from fazhi.core.models import User
from fazhi.core.testing.factories import UserFactory
from fazhi.indicators import registry
from fazhi.indicators.catalog import catalog_sync
from fazhi.indicators.periods import Period
from fazhi.indicators.selectors import comparison

from .helpers import accepted_return


@pytest.fixture
def accounts(catalog):
    @registry.computed(
        code="testcmp.accounts",
        name="新开账号",
        domain="测试",
        measure="个",
        formula="期内新开的账号数",
    )
    def opened(scope):
        return User.objects.filter(
            unit__in=scope.units, date_joined__date__range=(scope.start, scope.end)
        )

    catalog_sync()
    yield
    registry.unregister("testcmp.accounts")


def _join(unit, day: date, count: int):
    for _ in range(count):
        UserFactory(
            unit=unit, date_joined=timezone.make_aware(datetime(day.year, day.month, day.day, 9))
        )


def test_a_count_against_the_same_period_last_year(accounts, unit_a, unit_b):
    _join(unit_a, date(2023, 3, 1), 8)
    _join(unit_a, date(2024, 3, 1), 9)
    _join(unit_b, date(2023, 3, 1), 10)
    _join(unit_b, date(2024, 3, 1), 8)
    up = comparison("testcmp.accounts", division_or_unit=unit_a, year=2024)
    assert (up.current.value, up.previous.value, up.change) == (9, 8, 1)
    assert up.percent == Decimal("12.5")  # 1 ÷ 8
    assert (up.change_display, up.percent_display) == ("增加1个", "增长12.5%")
    assert up.sentence == "同比增长12.5%"
    assert up.previous.scope_label == f"{unit_a.name}·2023年"
    down = comparison("testcmp.accounts", division_or_unit=unit_b, year=2024)
    assert (down.change_display, down.percent_display, down.sentence) == (
        "减少2个",
        "下降20%",
        "同比下降20%",
    )
    both = comparison("testcmp.accounts", division_or_unit=unit_a.division, year=2024)
    assert (both.previous.value, both.current.value) == (18, 17)
    assert both.percent_display == "下降5.6%"  # 1 ÷ 18 = 5.555… → 5.6


def test_from_nothing_and_unchanged(accounts, unit_a, unit_b):
    _join(unit_a, date(2024, 6, 30), 3)
    from_zero = comparison("testcmp.accounts", division_or_unit=unit_a, year=2024)
    assert from_zero.percent is None and from_zero.percent_display == "—"
    assert from_zero.sentence == "较上年增加3个"
    _join(unit_b, date(2023, 1, 1), 2)
    _join(unit_b, date(2024, 12, 31), 2)
    same = comparison("testcmp.accounts", division_or_unit=unit_b, year=2024)
    assert (same.change_display, same.sentence) == ("持平", "与上年持平")


def test_a_window_compares_with_the_same_window_a_year_earlier_or_the_one_before(accounts, unit_a):
    _join(unit_a, date(2023, 2, 1), 4)  # 2023 Jan-Oct
    _join(unit_a, date(2023, 11, 1), 1)  # outside both windows
    _join(unit_a, date(2024, 5, 1), 5)  # 2024 Jan-Oct
    ten_months = Period(date(2024, 1, 1), date(2024, 10, 31))
    result = comparison("testcmp.accounts", division_or_unit=unit_a, period=ten_months)
    assert (result.current.value, result.previous.value) == (5, 4)
    assert result.sentence == "同比增长25%"
    assert result.previous.scope_label.endswith("2023年1-10月")
    q2 = Period(date(2024, 4, 1), date(2024, 6, 30))
    _join(unit_a, date(2024, 2, 10), 2)  # 2024 Q1
    before = comparison("testcmp.accounts", division_or_unit=unit_a, period=q2, basis="环比")
    assert (before.current.value, before.previous.value) == (5, 2)
    assert before.sentence == "环比增长150%"
    assert before.earlier_label == "上期"


def test_a_rate_changes_by_percentage_points(catalog, office_staff, unit_a):
    accepted_return(
        office_staff, unit_a, {"services.completed": 10, "services.completed_on_time": 9}, year=2023
    )
    accepted_return(
        office_staff,
        unit_a,
        {"services.completed": 20, "services.completed_on_time": 19},
        year=2024,
    )
    rate = comparison("services.on_time_rate", division_or_unit=unit_a, year=2024)
    assert (rate.previous.display, rate.current.display) == ("90%", "95%")
    assert rate.change == Decimal(5) and rate.percent is None
    assert rate.change_display == "上升5个百分点"
    assert rate.sentence == "同比上升5个百分点"


def test_a_missing_earlier_figure_is_not_compared(catalog, office_staff, unit_a):
    accepted_return(office_staff, unit_a, {"services.free_mailings": 48}, year=2024)
    result = comparison("services.free_mailings", division_or_unit=unit_a, year=2024)
    assert result.previous.value is None
    assert (result.change_display, result.percent_display, result.sentence) == ("—", "—", "—")


def test_the_values_page_shows_the_change_beside_each_value(
    catalog, office_staff, unit_a, verified_client
):
    from django.urls import reverse

    accepted_return(office_staff, unit_a, {"services.free_mailings": 40}, year=2023)
    accepted_return(office_staff, unit_a, {"services.free_mailings": 48}, year=2024)
    page = verified_client(office_staff).get(reverse("indicators:values"), {"year": 2024})
    html = page.content.decode()
    row = html.split('data-code="services.free_mailings"')[1].split("</tr>")[0]
    assert "同比增长20%" in row and "上年 40次" in row  # (48 − 40) ÷ 40
