"""A rate entered in a return carries its numerator and denominator and is combined from them
on roll-up; a percentage entered alone is shown for one unit and refused when rolled up."""

import pytest
from django.core.exceptions import ValidationError

from fazhi.core.testing.factories import UnitFactory
from fazhi.indicators import registry, services
from fazhi.indicators.catalog import catalog_sync
from fazhi.indicators.registry import Kind, RegistryError
from fazhi.indicators.selectors import indicator_value

from .helpers import accepted_return


@pytest.fixture
def satisfaction(catalog):
    registry.returned_rate(
        code="testrr.satisfaction",
        name="群众满意率",
        numerator_name="满意评价件数",
        denominator_name="评价件数",
        domain="测试",
    )
    registry.returned(
        code="testrr.stated_pass_rate",
        name="考试通过率（填报的百分比）",
        domain="测试",
        measure="%",
        kind=Kind.RATE,
        formula="各单位填报的通过率",
        stated_for="testrr.satisfaction",
    )
    catalog_sync()
    yield
    registry.unregister("testrr.satisfaction", "testrr.stated_pass_rate")
    catalog_sync()


def test_a_returned_rate_is_combined_from_its_parts(satisfaction, office_staff, district):
    a = UnitFactory(name="甲街道", division=district)
    b = UnitFactory(name="乙街道", division=district)
    accepted_return(
        office_staff, a, {"testrr.satisfaction.numerator": 9, "testrr.satisfaction.denominator": 10}
    )
    accepted_return(
        office_staff, b, {"testrr.satisfaction.numerator": 1, "testrr.satisfaction.denominator": 30}
    )
    assert indicator_value("testrr.satisfaction", division_or_unit=a, year=2024).display == "90%"
    assert indicator_value("testrr.satisfaction", division_or_unit=b, year=2024).display == "3.33%"
    whole = indicator_value("testrr.satisfaction", division_or_unit=district, year=2024)
    # (9 + 1) ÷ (10 + 30) = 25%: not the sum 93.33% nor the mean 46.67%
    assert whole.display == "25%"
    assert (whole.numerator.value, whole.denominator.value) == (10, 40)
    assert whole.numerator.name == "满意评价件数"


def test_a_percentage_entered_alone_refuses_roll_up(satisfaction, office_staff, district):
    a = UnitFactory(name="甲街道", division=district)
    b = UnitFactory(name="乙街道", division=district)
    accepted_return(office_staff, a, {"testrr.stated_pass_rate": 90})
    accepted_return(office_staff, b, {"testrr.stated_pass_rate": 80})
    assert (
        indicator_value("testrr.stated_pass_rate", division_or_unit=a, year=2024).display == "90%"
    )
    whole = indicator_value("testrr.stated_pass_rate", division_or_unit=district, year=2024)
    assert whole.value is None and whole.display == "不能汇总"  # never 170%, never 85%
    assert "不能相加，也不能平均" in whole.provenance.description
    assert len(whole.provenance.revisions) == 2  # the entered figures are still listed


def test_rates_cannot_be_declared_or_added_as_plain_returned_figures(catalog, office_staff):
    with pytest.raises(RegistryError, match="不能直接填报比率"):
        registry.returned(code="testrr.bad", name="x", domain="测试", measure="%", formula="x")
    with pytest.raises(ValidationError, match="比率不能直接填报"):
        services.indicator_add(
            actor=office_staff, name="调解成功率", domain="测试", measure="%", formula="填报"
        )
