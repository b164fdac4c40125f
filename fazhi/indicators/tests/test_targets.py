"""Targets per indicator, scope and period, with direction; met/missed as findings."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.core.models import Role
from fazhi.core.testing.factories import UnitFactory, UserFactory
from fazhi.indicators import services
from fazhi.indicators.selectors import indicator_values, target_check, target_findings

from .helpers import accepted_return


@pytest.fixture
def centre(catalog, office_staff, district):
    """A service centre: 20 completed, 19 on time (95%), 48 free mailings in 2024."""
    unit = UnitFactory(name="蒸湘区政务服务中心", division=district)
    accepted_return(
        office_staff,
        unit,
        {"services.completed": 20, "services.completed_on_time": 19, "services.free_mailings": 48},
    )
    return unit


@pytest.fixture
def city_office(district):
    unit = UnitFactory(
        name="衡阳市依法治市办", division=district.parent, is_rule_of_law_office=True
    )
    return UserFactory(username="city_office", unit=unit, roles=[Role.OFFICE_STAFF])


def test_a_missed_rate_target_says_so(centre, office_staff, district):
    services.target_set(
        actor=office_staff,
        indicator="services.on_time_rate",
        division=district,
        year=2024,
        op="ge",
        value="98",
        label="年度目标",
    )
    check = target_check("services.on_time_rate", division_or_unit=district, year=2024)
    assert (check.display, check.met, check.status_label) == ("≥98%", False, "未达标")
    assert check.gap == Decimal(-3)  # 95 − 98 percentage points
    assert check.comparison_text == "低于年度目标98%"
    [finding] = target_findings(division_or_unit=district, year=2024)
    assert finding.severity == "warning" and finding.check == "targets.services.on_time_rate"
    assert (
        finding.message == "蒸湘区·2024年：按时办结率 95%，低于年度目标98%（年度目标≥98%，未达标）"
    )


def test_a_higher_level_target_applies_below_until_a_nearer_one_is_set(
    centre, office_staff, city_office, district
):
    services.target_set(
        actor=city_office,
        indicator="services.free_mailings",
        division=district.parent,
        year=2024,
        op="le",
        value=50,
        label="市考核目标",
    )
    check = target_check("services.free_mailings", division_or_unit=district, year=2024)
    assert (check.display, check.met, check.comparison_text) == (
        "≤50次",
        True,
        "低于市考核目标50次",
    )
    services.target_set(
        actor=office_staff,
        indicator="services.free_mailings",
        division=district,
        year=2024,
        op="ge",
        value=60,
    )
    nearer = target_check("services.free_mailings", division_or_unit=district, year=2024)
    assert (nearer.display, nearer.met, nearer.comparison_text) == ("≥60次", False, "低于目标60次")
    # the district's target is not the unit's, nor another year's
    assert target_check("services.free_mailings", division_or_unit=centre, year=2024) is None
    assert target_check("services.free_mailings", division_or_unit=district, year=2023) is None
    values = indicator_values(["services.free_mailings"], division_or_unit=district, year=2024)
    assert values["services.free_mailings"].target.display == "≥60次"


def test_setting_again_changes_the_target_and_a_unit_target_is_its_own(centre, office_staff):
    services.target_set(
        actor=office_staff,
        indicator="services.free_mailings",
        unit=centre,
        year=2024,
        op="ge",
        value=40,
    )
    services.target_set(
        actor=office_staff,
        indicator="services.free_mailings",
        unit=centre,
        year=2024,
        op="ge",
        value=48,
    )
    check = target_check("services.free_mailings", division_or_unit=centre, year=2024)
    assert (check.display, check.met, check.comparison_text) == ("≥48次", True, "达到目标48次")
    assert target_findings(division_or_unit=centre, year=2024)[0].severity == "info"


def test_a_window_target_applies_to_that_window_only(catalog, office_staff, unit_a):
    window = services.window_define(
        actor=office_staff, name="评查期", start=date(2023, 9, 1), end=date(2024, 8, 31)
    )
    services.target_set(
        actor=office_staff,
        indicator="services.free_mailings",
        unit=unit_a,
        year=2000,
        window=window,
        op="le",
        value=5,
    )
    assert (
        target_check("services.free_mailings", division_or_unit=unit_a, period=window).display
        == "≤5次"
    )
    assert target_check("services.free_mailings", division_or_unit=unit_a, year=2024) is None


def test_bad_targets_are_refused_in_chinese(centre, office_staff, other_office, clerk_a, district):
    def attempt(actor=office_staff, **kwargs):
        arguments = {
            "indicator": "services.on_time_rate",
            "division": district,
            "year": 2024,
            "op": "ge",
            "value": 90,
        }
        arguments.update(kwargs)
        services.target_set(actor=actor, **arguments)

    with pytest.raises(ValidationError, match="只能为本辖区及下级设定目标"):
        attempt(actor=other_office)
    with pytest.raises(ValidationError, match="只有依法治区办工作人员"):
        attempt(actor=clerk_a)
    with pytest.raises(ValidationError, match="0 至 100"):
        attempt(value=120)
    with pytest.raises(ValidationError, match="不是数字"):
        attempt(value="九十")
    with pytest.raises(ValidationError, match="方向只能是"):
        attempt(op="<")
    with pytest.raises(ValidationError, match="没有该指标"):
        attempt(indicator="no.such")


def test_targets_shown_beside_values(centre, office_staff, district, verified_client):
    services.target_set(
        actor=office_staff,
        indicator="services.on_time_rate",
        division=district,
        year=2024,
        op="ge",
        value=98,
    )
    client = verified_client(office_staff)
    page = client.get(reverse("indicators:targets")).content.decode()
    assert "按时办结率" in page and "≥98%" in page and "未达标" in page
    assert "services.on_time_rate" not in page  # names, never codes
    values = client.get(reverse("indicators:values"), {"year": 2024}).content.decode()
    assert "目标≥98%：" in values and "低于目标98%（目标≥98%，未达标）" in values
