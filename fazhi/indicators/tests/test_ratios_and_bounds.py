"""Ratios (1.04:1), composite rates and bounds (80%以上, 超1.2万, 近50件) as indicator kinds."""

from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from fazhi.core.models import User
from fazhi.core.testing.factories import UnitFactory, UserFactory
from fazhi.indicators import registry
from fazhi.indicators.catalog import catalog_sync
from fazhi.indicators.display import format_bound, format_ratio, format_value
from fazhi.indicators.registry import Kind, RegistryError
from fazhi.indicators.selectors import comparison, indicator_value

from .helpers import accepted_return


@pytest.mark.parametrize(
    ("value", "word", "measure", "kind", "digits", "expected"),
    [
        ("83.33", "at_least", "%", Kind.RATE, 0, "80%以上"),  # 80 is within 10% of 83.33
        ("83.33", "at_least", "%", Kind.RATE, 2, "83%以上"),
        ("12345", "over", "人次", Kind.SUM, 0, "超1.2万人次"),  # 10000 is 19% off: two digits
        ("30215", "over", "份", Kind.SUM, 0, "超3万份"),
        ("48", "near", "件", Kind.COUNT, 0, "近50件"),
        ("1234", "near", "件", Kind.COUNT, 0, "近1300件"),  # 2000 is 62% off: two digits
        ("50", "near", "件", Kind.COUNT, 0, "50件"),  # already round
        ("80", "at_least", "%", Kind.RATE, 0, "80%"),
    ],
)
def test_bounds_round_to_the_fewest_digits_within_ten_percent(
    value, word, measure, kind, digits, expected
):
    assert format_bound(Decimal(value), word, measure=measure, kind=kind, digits=digits) == expected


def test_ratio_display():
    assert format_ratio(Decimal(52) / Decimal(50)) == "1.04:1"
    assert format_ratio(Decimal(82) / Decimal(70)) == "1.17:1"
    assert format_ratio(None) == "—"
    assert format_value(Decimal("1.5"), measure="", kind=Kind.RATIO, places=1) == "1.5:1"


@pytest.fixture
def channel_ratio(catalog):
    registry.ratio(
        code="testratio.online_onsite",
        name="网上与现场办件之比",
        numerator="services.applications_online",
        denominator="services.applications_onsite",
        formula="网上办件 ∶ 现场办件",
    )
    registry.rate(
        code="testratio.legal_aid_litigation_share",
        name="法律援助诉讼案件占比",
        numerator={"legal_aid.cases_criminal": 1, "legal_aid.cases_civil": 1},
        denominator="legal_aid.cases",
        formula="（刑事 + 民事）÷ 法律援助受理 × 100%",
        bound="at_least",
    )
    catalog_sync()
    yield
    registry.unregister("testratio.online_onsite", "testratio.legal_aid_litigation_share")
    catalog_sync()


def test_a_ratio_is_recomputed_from_rolled_up_parts(
    channel_ratio, district, other_district, office_staff, other_office
):
    east = UnitFactory(name="蒸湘区政务服务中心", division=district)
    west = UnitFactory(name="珠晖区政务服务中心", division=other_district)
    accepted_return(
        office_staff, east, {"services.applications_online": 52, "services.applications_onsite": 50}
    )
    accepted_return(
        other_office, west, {"services.applications_online": 30, "services.applications_onsite": 20}
    )
    assert (
        indicator_value("testratio.online_onsite", division_or_unit=east, year=2024).display
        == "1.04:1"
    )
    city = indicator_value("testratio.online_onsite", division_or_unit=district.parent, year=2024)
    # (52 + 30) : (50 + 20) = 1.1714…, not the mean of 1.04 and 1.5
    assert city.display == "1.17:1" and city.kind == Kind.RATIO
    assert city.numerator.value == 82 and city.denominator.value == 70
    accepted_return(
        office_staff,
        east,
        {"services.applications_online": 40, "services.applications_onsite": 50},
        year=2023,
    )
    change = comparison("testratio.online_onsite", division_or_unit=east, year=2024)
    assert change.change_display == "上升0.24"  # 1.04 − 0.8
    assert change.percent is None


def test_a_composite_rate_shown_as_a_bound_keeps_its_exact_value(
    channel_ratio, office_staff, unit_a
):
    accepted_return(
        office_staff,
        unit_a,
        {
            "legal_aid.cases": 430,
            "legal_aid.cases_criminal": 213,
            "legal_aid.cases_civil": 135,
            "legal_aid.cases_legal_help": 82,
        },
    )
    value = indicator_value(
        "testratio.legal_aid_litigation_share", division_or_unit=unit_a, year=2024
    )
    assert value.numerator.value == 348 and value.numerator.name == "法律援助诉讼案件占比的分子"
    assert value.exact_display == "80.93%"  # 348 ÷ 430
    assert value.display == "80%以上" and value.approximate
    assert value.provenance.parts[0].provenance.kind == "derived"


def test_computed_figures_can_be_declared_as_bounds(catalog, unit_a):
    joined = timezone.make_aware(datetime(2024, 3, 1, 9))
    for _ in range(48):
        UserFactory(unit=unit_a, date_joined=joined)

    @registry.computed(
        code="testratio.accounts",
        name="新开账号",
        domain="测试",
        measure="个",
        formula="年内新开账号",
        bound="near",
    )
    def accounts(scope):
        return User.objects.filter(unit__in=scope.units, date_joined__year=scope.year)

    try:
        value = indicator_value("testratio.accounts", division_or_unit=unit_a, year=2024)
        assert (value.display, value.exact_display) == ("近50个", "48个")
    finally:
        registry.unregister("testratio.accounts")
    with pytest.raises(RegistryError, match="约数显示方式"):
        registry.computed(
            code="testratio.bad", name="x", domain="x", measure="个", formula="x", bound="about"
        )(lambda scope: None)
