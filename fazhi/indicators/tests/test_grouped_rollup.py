"""The city roll-up reads each register once for all districts and the city (rows counted per
unit, then per scope) and must give exactly what each scope computed alone gives."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from fazhi.core.models import DivisionLevel, User
from fazhi.core.testing.factories import DivisionFactory, UnitFactory, UserFactory
from fazhi.indicators import registry
from fazhi.indicators.catalog import catalog_sync
from fazhi.indicators.compute import Computation, prefetch_computed, scope_for
from fazhi.indicators.models import Indicator, ReturnedValue
from fazhi.indicators.selectors import rollup_all

from .factories import any_returned_indicator, value_for_unit

CODES = (
    "test.accounts_opened",
    "test.accounts_disabled",
    "test.returned_total",
    "test.units_with_accounts",
)
JOINED = datetime(2024, 5, 1)
LAST_YEAR = datetime(2023, 5, 1)


@pytest.fixture
def grouped_indicators(catalog):
    @registry.computed(
        code="test.accounts_opened",
        name="新开账号",
        domain="测试",
        measure="个",
        formula="年度内新开的账号数",
    )
    def accounts_opened(scope):  # rows counted: additive over units
        return User.objects.filter(
            unit__in=scope.units, date_joined__date__range=(scope.start, scope.end)
        )

    @registry.computed(
        code="test.accounts_disabled",
        name="停用账号",
        domain="测试",
        measure="个",
        formula="停用的账号数",
    )
    def accounts_disabled(scope):  # the same register, another condition: read in the same scan
        return User.objects.filter(unit__in=scope.units, is_active=False)

    @registry.computed(
        code="test.returned_total",
        name="填报值合计",
        domain="测试",
        measure="件",
        kind=registry.Kind.SUM,
        formula="填报值之和",
    )
    def returned_total(scope):  # a decimal column summed: additive over units
        return registry.Summed(ReturnedValue.objects.filter(unit__in=scope.units), "value")

    @registry.computed(
        code="test.units_with_accounts",
        name="有新账号的单位",
        domain="测试",
        measure="个",
        formula="年度内新开账号的单位数",
    )
    def units_with_accounts(scope):  # DISTINCT: not counted per unit, computed another way
        return (
            User.objects.filter(
                unit__in=scope.units, date_joined__date__range=(scope.start, scope.end)
            )
            .values("unit")
            .distinct()
        )

    catalog_sync()
    yield
    registry.unregister(*CODES)


def _accounts(unit, count, year=2024):
    joined = timezone.make_aware(JOINED.replace(year=year))
    for _ in range(count):
        UserFactory(unit=unit, date_joined=joined)


def _returned(unit, value):
    row = value_for_unit(unit)
    # the accepted revision's value, the one figures read
    ReturnedValue.objects.filter(pk=row.pk).update(value=Decimal(value), effective=True)


def _stock_indicator() -> Indicator:
    return Indicator.objects.filter(source="returned", kind="stock", active=True).first()


def _stock(unit, value, end, start=None):
    """A year-end (stock) figure of a unit at `end`, in a revision of its own."""
    revision = value_for_unit(unit).revision  # its flow value stays not effective
    ReturnedValue.objects.create(
        unit=unit,
        revision=revision,
        indicator=_stock_indicator(),
        value=Decimal(value),
        period_start=start or date(end.year, 1, 1),
        period_end=end,
        effective=True,
    )


def _add_district(city, code, accounts, town_accounts=0, returned=None):
    division = DivisionFactory(
        code=code, name=f"区{code}", level=DivisionLevel.DISTRICT, parent=city
    )
    unit = UnitFactory(division=division)
    _accounts(unit, accounts)
    _accounts(unit, 1, year=2023)  # another year: never counted
    if town_accounts:
        town = DivisionFactory(
            code=f"{code}001", name=f"镇{code}", level=DivisionLevel.TOWN, parent=division
        )
        _accounts(UnitFactory(division=town), town_accounts)
    if returned is not None:
        _returned(unit, returned)
    return division


@pytest.fixture
def city(grouped_indicators, district, other_district):
    """A city of four districts (one with a town below it), units of the city itself outside
    every district, and another city whose records must never be counted."""
    city = district.parent
    unit_in_district = UnitFactory(division=district)  # 430408
    _accounts(unit_in_district, 2)
    _returned(unit_in_district, 5)
    UnitFactory(division=other_district)  # 430405: a unit without records
    third = _add_district(city, "430406", accounts=3, town_accounts=4, returned=7)
    _add_district(city, "430407", accounts=1)
    city_unit = UnitFactory(division=city)  # 市直单位: in the city, in no district
    _accounts(city_unit, 6)
    _returned(city_unit, 11)
    other_city = DivisionFactory(
        code="430500", name="邵阳市", level=DivisionLevel.CITY, parent=city.parent
    )
    # stocks: each unit's latest value of the year, then added up over the units
    _stock(unit_in_district, 20, date(2024, 6, 30), start=date(2024, 4, 1))
    _stock(unit_in_district, 28, date(2024, 12, 31), start=date(2024, 10, 1))
    _stock(unit_in_district, 99, date(2023, 12, 31))  # the year before: never read
    _stock(UnitFactory(division=third), 5, date(2024, 12, 31))
    _stock(city_unit, 4, date(2024, 9, 30), start=date(2024, 7, 1))
    elsewhere = UnitFactory(division=other_city)
    _stock(elsewhere, 50, date(2024, 12, 31))
    _accounts(elsewhere, 9)
    _returned(elsewhere, 13)
    UserFactory(unit=None, date_joined=timezone.make_aware(JOINED))  # no unit: in no scope
    for unit in (unit_in_district, unit_in_district, city_unit, elsewhere):
        UserFactory(unit=unit, is_active=False, date_joined=timezone.make_aware(LAST_YEAR))
    return city


def _codes() -> tuple[str, ...]:
    """The test's computed figures and the returned figures (a flow, a stock) it fills in."""
    return (*CODES, any_returned_indicator().code, _stock_indicator().code)


def _alone(division) -> dict:
    """Each figure computed for the scope on its own, one query per figure."""
    comp = Computation(scope_for(division, 2024))
    return {code: comp.value(code).value for code in _codes()}


def test_grouped_roll_up_equals_each_scope_computed_alone(city):
    rolled = rollup_all(division=city, year=2024)
    assert set(rolled) == {*city.children.all(), city}
    for division, values in rolled.items():
        assert {code: values[code].value for code in _codes()} == _alone(division), division


def test_grouped_roll_up_counts_the_records_themselves(city):
    rolled = rollup_all(division=city, year=2024)
    by_code = {d.code: values for d, values in rolled.items()}
    accounts = {code: values["test.accounts_opened"].value for code, values in by_code.items()}
    # 430405: 0, 430406: 3 + 4 in its town, 430407: 1, 430408: 2, the city: those 10 + 6 of
    # its own units (not 9 of the other city, nor the account without a unit)
    assert accounts == {"430405": 0, "430406": 7, "430407": 1, "430408": 2, "430400": 16}
    returned = {code: values["test.returned_total"].value for code, values in by_code.items()}
    # every returned row, effective or not: 430408 5 + three stock revisions (20, 28, 99) each
    # with its flow row of 3; 430406 7 + 5 + 3; the city those and 11 + 4 + 3 of its own units
    assert returned == {"430405": 0, "430406": 15, "430407": 0, "430408": 161, "430400": 194}
    disabled = {code: values["test.accounts_disabled"].value for code, values in by_code.items()}
    assert disabled == {"430405": 0, "430406": 0, "430407": 0, "430408": 2, "430400": 3}
    units = {code: values["test.units_with_accounts"].value for code, values in by_code.items()}
    assert units == {"430405": 0, "430406": 2, "430407": 1, "430408": 1, "430400": 5}
    code = any_returned_indicator().code  # the same returns, read from the returned values
    returns = {code_: values[code].value for code_, values in by_code.items()}
    assert returns == {"430405": None, "430406": 7, "430407": None, "430408": 5, "430400": 23}
    code = _stock_indicator().code
    stocks = {code_: values[code].value for code_, values in by_code.items()}
    assert stocks == {"430405": None, "430406": 5, "430407": None, "430408": 28, "430400": 37}


def test_grouped_roll_up_reads_each_register_once_for_all_scopes(city):
    comps = [Computation(scope_for(d, 2024)) for d in [*city.children.order_by("code"), city]]
    with CaptureQueriesContext(connection) as queries:
        prefetch_computed(comps, set(CODES))
    (statement,) = [q["sql"] for q in queries.captured_queries if "UNION ALL" in q["sql"]]
    # the accounts (two conditions, one scan) and the returned rows, each grouped by unit
    assert statement.count("GROUP BY sub.u") == 2
    assert "FILTER (WHERE sub.f1)" in statement
    # only the first two districts built their querysets, to check that the SQL is shared
    assert all("test.accounts_opened" not in c._results for c in comps[2:])
    # the DISTINCT count is not additive over units: computed scope by scope, still exact
    for comp in comps:
        expected = _alone(comp.scope.division)
        assert {code: comp.value(code).value for code in expected} == expected


def _rollup_queries(city) -> int:
    with CaptureQueriesContext(connection) as queries:
        rollup_all(division=city, year=2024)
    return len(queries.captured_queries)


def test_roll_up_query_count_does_not_grow_with_the_districts(city, monkeypatch):
    # the test's figures and the returned ones only: a register function that read rows to
    # build its queryset would cost its own query in every scope
    from fazhi.indicators import selectors

    catalog = selectors.all_specs()
    kept = {
        code: spec
        for code, spec in catalog.items()
        if code in CODES or spec.source == registry.Source.RETURNED
    }
    monkeypatch.setattr(selectors, "all_specs", lambda: dict(kept))
    before = _rollup_queries(city)
    _add_district(city, "430409", accounts=2, returned=1)
    _add_district(city, "430410", accounts=5, town_accounts=1)
    _add_district(city, "430411", accounts=0)
    assert _rollup_queries(city) == before
    rolled = rollup_all(division=city, year=2024)
    assert len(rolled) == 8
    for division, values in rolled.items():
        assert {code: values[code].value for code in _codes()} == _alone(division), division


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        # the same counts as the roll-up test above, read for each scope on its own
        ("430408", {"test.accounts_opened": 2, "test.accounts_disabled": 2}),
        ("430406", {"test.accounts_opened": 7, "test.accounts_disabled": 0}),
        ("430400", {"test.accounts_opened": 16, "test.accounts_disabled": 3}),
    ],
)
def test_a_division_on_its_own_reads_each_register_once(city, code, expected):
    division = city if city.code == code else city.children.get(code=code)
    comp = Computation(scope_for(division, 2024))
    with CaptureQueriesContext(connection) as queries:
        prefetch_computed([comp], set(CODES))
    scans = [q["sql"] for q in queries.captured_queries if "GROUP BY sub.u" in q["sql"]]
    assert len(scans) == 1
    # the accounts' two conditions in one scan, the returned rows in another
    assert scans[0].count("GROUP BY sub.u") == 2
    assert "FILTER (WHERE sub.f1)" in scans[0]
    assert {c: comp.value(c).value for c in expected} == expected
    assert {c: comp.value(c).value for c in CODES} == {
        c: value for c, value in _alone(division).items() if c in CODES
    }
