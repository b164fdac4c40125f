from decimal import Decimal

import pytest

from fazhi.core.testing.factories import UnitFactory
from fazhi.indicators.compute import Computation, scope_for
from fazhi.indicators.selectors import indicator_value, rollup

from .helpers import accepted_return


@pytest.fixture
def two_districts(catalog, district, other_district, office_staff, other_office):
    zx = UnitFactory(name="蒸湘区政务服务中心", division=district)
    zh = UnitFactory(name="珠晖区政务服务中心", division=other_district)
    accepted_return(
        office_staff,
        zx,
        {"services.completed": 2, "services.completed_on_time": 1, "services.free_mailings": 10},
    )
    accepted_return(
        other_office,
        zh,
        {"services.completed": 10, "services.completed_on_time": 9, "services.free_mailings": 38},
    )
    return district, other_district, district.parent


def test_rate_is_recomputed_from_rolled_up_parts_not_averaged(two_districts):
    zx, zh, city = two_districts
    assert indicator_value("services.on_time_rate", division_or_unit=zx, year=2024).display == "50%"
    assert indicator_value("services.on_time_rate", division_or_unit=zh, year=2024).display == "90%"
    city_rate = indicator_value("services.on_time_rate", division_or_unit=city, year=2024)
    assert city_rate.numerator.value == 10 and city_rate.denominator.value == 12
    assert city_rate.display == "83.33%"  # 10 ÷ 12, not (50% + 90%) ÷ 2 = 70%
    assert city_rate.provenance.kind == "rate"


def test_sums_add_along_the_division_tree(two_districts):
    zx, zh, city = two_districts
    values = rollup("services.free_mailings", division=city, year=2024)
    assert [v.value for v in values] == [
        Decimal(38),
        Decimal(10),
        Decimal(48),
    ]  # by code: 430405, 430408
    assert len(values[-1].provenance.revisions) == 2


def test_office_cannot_read_another_district(two_districts, other_office):
    from django.core.exceptions import PermissionDenied

    zx, _zh, _city = two_districts
    with pytest.raises(PermissionDenied):
        indicator_value("services.free_mailings", division_or_unit=zx, year=2024, user=other_office)


def test_stock_takes_the_year_end_value_and_flows_add_over_quarters(
    catalog, office_staff, unit_a, unit_b
):
    accepted_return(
        office_staff,
        unit_a,
        {"services.windows": 20, "services.free_prints": 100},
        granularity="quarter",
        index=2,
        title="二季度",
    )
    accepted_return(
        office_staff,
        unit_a,
        {"services.windows": 28, "services.free_prints": 150},
        granularity="quarter",
        index=4,
        title="四季度",
    )
    accepted_return(
        office_staff,
        unit_b,
        {"services.windows": 5, "services.free_prints": 1},
        granularity="quarter",
        index=3,
        title="三季度",
    )
    district = unit_a.division
    values = Computation(scope_for(district, 2024)).values(
        ["services.windows", "services.free_prints"]
    )
    assert values["services.windows"].value == 28 + 5  # each unit's latest, then added
    assert values["services.free_prints"].value == 251
    q2 = Computation(scope_for(unit_a, 2024, "quarter", 2)).value("services.windows")
    assert q2.value == 20


def test_zero_denominator_is_a_dash(catalog, office_staff, unit_a):
    accepted_return(
        office_staff, unit_a, {"services.completed": 0, "services.completed_on_time": 0}
    )
    value = indicator_value("services.on_time_rate", division_or_unit=unit_a, year=2024)
    assert value.value is None and value.display == "—"
