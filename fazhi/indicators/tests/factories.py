"""Factories for the indicators app, and its isolation-walk registrations."""

from datetime import date
from decimal import Decimal

from fazhi.core.models import Role
from fazhi.core.testing.factories import UserFactory
from fazhi.core.testing.isolation import isolation_factory
from fazhi.indicators.catalog import catalog_sync
from fazhi.indicators.models import (
    ConsistencyRule,
    Indicator,
    ReturnedValue,
    ReturnRequest,
    ReturnRevision,
    Target,
    UnitReturn,
    Window,
)


def any_returned_indicator() -> Indicator:
    """A returned indicator of the catalog; once every seed figure is computed by a register,
    one the office added at run time (defined_in empty), as it would."""
    catalog_sync()
    found = Indicator.objects.filter(source="returned", active=True).order_by("order").first()
    if found is not None:
        return found
    indicator, _ = Indicator.objects.get_or_create(
        code="office.runtime_returned",
        defaults={
            "name": "依法治区办新增填报指标",
            "domain": "统计与报告",
            "measure": "件",
            "kind": "count",
            "formula": "各单位填报的件数",
            "source": "returned",
        },
    )
    return indicator


def make_request(unit, *, year=2024, opener=None) -> ReturnRequest:
    opener = opener or UserFactory(unit=unit, roles=[Role.OFFICE_STAFF])
    request = ReturnRequest.objects.create(
        unit=unit,
        title=f"{year}年度统计填报",
        year=year,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        due_date=date(year + 1, 1, 20),
        opened_by=opener,
    )
    request.indicators.set([any_returned_indicator()])
    return request


def make_unit_return(unit) -> UnitReturn:
    request = make_request(unit)
    unit_return = UnitReturn.objects.create(request=request, unit=unit)
    unit_return.indicators.set(request.indicators.all())
    ReturnRevision.objects.create(
        unit=unit, unit_return=unit_return, number=1, created_by=request.opened_by
    )
    return unit_return


@isolation_factory("indicators.ReturnRequest")
def return_request_for_unit(unit):
    return make_request(unit)


@isolation_factory("indicators.UnitReturn")
def unit_return_for_unit(unit):
    return make_unit_return(unit)


@isolation_factory("indicators.ReturnRevision")
def revision_for_unit(unit):
    return make_unit_return(unit).revisions.get()


@isolation_factory("indicators.ReturnedValue")
def value_for_unit(unit):
    revision = make_unit_return(unit).revisions.get()
    return ReturnedValue.objects.create(
        unit=unit,
        revision=revision,
        indicator=any_returned_indicator(),
        value=Decimal(3),
        period_start=date(2024, 1, 1),
        period_end=date(2024, 12, 31),
    )


@isolation_factory("indicators.Window")
def window_for_unit(unit):
    return Window.objects.create(
        unit=unit, name=f"评查期{unit.pk}", start=date(2023, 9, 1), end=date(2024, 8, 31)
    )


@isolation_factory("indicators.Target")
def target_for_unit(unit):
    return Target.objects.create(
        unit=unit,
        indicator=any_returned_indicator(),
        target_unit=unit,
        year=2024,
        op="ge",
        value=Decimal(50),
    )


@isolation_factory("indicators.ConsistencyRule")
def rule_for_unit(unit):
    return ConsistencyRule.objects.create(
        unit=unit, name=f"规则{unit.pk}", left=["a.b"], op="<=", right=["a.c"]
    )
