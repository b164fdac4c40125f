from datetime import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from fazhi.core.models import User
from fazhi.core.testing.factories import UserFactory
from fazhi.indicators import registry
from fazhi.indicators.catalog import catalog_sync
from fazhi.indicators.models import ReturnedValue
from fazhi.indicators.selectors import indicator_value


@pytest.fixture
def accounts_indicator(catalog):
    @registry.computed(
        code="test.accounts_opened",
        name="新开账号",
        domain="测试",
        measure="个",
        kind=registry.Kind.COUNT,
        formula="年度内新开的账号数",
    )
    def accounts_opened(scope):
        return User.objects.filter(
            unit__in=scope.units, date_joined__date__range=(scope.start, scope.end)
        )

    @registry.computed(
        code="test.nothing", name="空", domain="测试", measure="个", formula="恒为空"
    )
    def nothing(scope):
        return User.objects.none()

    @registry.computed(
        code="test.returned_total",
        name="填报值合计",
        domain="测试",
        measure="件",
        kind=registry.Kind.SUM,
        formula="填报值之和",
    )
    def returned_total(scope):
        return registry.Summed(ReturnedValue.objects.filter(unit__in=scope.units), "value")

    catalog_sync()
    yield
    registry.unregister("test.accounts_opened", "test.returned_total", "test.nothing")


def test_computed_value_lists_its_records_with_admin_links(accounts_indicator, unit_a, unit_b):
    joined = timezone.make_aware(datetime(2024, 5, 1))
    mine = [UserFactory(unit=unit_a, date_joined=joined) for _ in range(3)]
    UserFactory(unit=unit_a, date_joined=timezone.make_aware(datetime(2023, 5, 1)))
    UserFactory(unit=unit_b, date_joined=joined)
    value = indicator_value("test.accounts_opened", division_or_unit=unit_a, year=2024)
    assert value.value == 3 and value.display == "3个"
    assert value.provenance.kind == "records" and value.provenance.record_count == 3
    urls = {r.url for r in value.provenance.records()}
    assert urls == {f"/admin/core/user/{u.pk}/change/" for u in mine}
    assert value.formula == "年度内新开的账号数"


def _queries_listing_records(unit, count: int, joined) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(count):
        UserFactory(unit=unit, date_joined=joined)
    value = indicator_value("test.accounts_opened", division_or_unit=unit, year=2024)
    with CaptureQueriesContext(connection) as queries:
        refs = value.provenance.records()
    assert len(refs) == count and all(r.unit_name == unit.name for r in refs)
    return len(queries.captured_queries)


def test_listing_records_reads_their_units_in_one_query_not_one_per_record(
    accounts_indicator, unit_a, unit_b
):
    """The annual report's snapshot lists up to 200 records for each of its ~80 figures: a
    query per record's unit made the demo's export take 26 s."""
    joined = timezone.make_aware(datetime(2024, 5, 1))
    few = _queries_listing_records(unit_a, 2, joined)
    many = _queries_listing_records(unit_b, 20, joined)
    assert few == many


def test_summed_value_is_the_field_total(accounts_indicator, unit_a):
    from .factories import value_for_unit

    value_for_unit(unit_a)
    value_for_unit(unit_a)
    value = indicator_value("test.returned_total", division_or_unit=unit_a, year=2024)
    assert value.value == Decimal(6) and value.provenance.record_count == 2


def test_provenance_records_are_limited_to_what_the_reader_may_see(
    accounts_indicator, unit_a, clerk_a, office_staff
):
    joined = timezone.make_aware(datetime(2024, 5, 1))
    UserFactory(unit=unit_a, date_joined=joined)
    value = indicator_value(
        "test.accounts_opened", division_or_unit=unit_a.division, year=2024, user=office_staff
    )
    assert value.provenance.record_count >= 1


def test_batched_evaluation_equals_one_query_per_indicator(
    accounts_indicator, unit_a, unit_b, django_assert_max_num_queries
):
    from fazhi.indicators.compute import Computation, prefetch_computed, scope_for
    from fazhi.indicators.selectors import rollup_all

    from .factories import value_for_unit

    joined = timezone.make_aware(datetime(2024, 5, 1))
    UserFactory(unit=unit_a, date_joined=joined)
    UserFactory(unit=unit_b, date_joined=joined)
    value_for_unit(unit_a)
    codes = ["test.accounts_opened", "test.returned_total", "test.nothing"]
    scopes = [scope_for(unit_a, 2024), scope_for(unit_b, 2024), scope_for(unit_a.division, 2024)]
    one_by_one = [[Computation(s).value(c).value for c in codes] for s in scopes]
    comps = [Computation(s) for s in scopes]
    # whether anything was written since figures were kept (this transaction has: nothing
    # kept is used), then one UNION ALL query inside its savepoint
    with django_assert_max_num_queries(4):
        prefetch_computed(comps, set(codes))
    with django_assert_max_num_queries(0):
        batched = [[comp.value(c).value for c in codes] for comp in comps]
    assert batched == one_by_one
    assert one_by_one[2][0] >= 2 and one_by_one[0][1] == 3 and one_by_one[0][2] == 0
    city = unit_a.division.parent
    rolled = rollup_all(division=city, year=2024)
    assert rolled[unit_a.division]["test.returned_total"].value == 3


def test_roll_up_reuses_sql_across_sibling_districts_only_when_safe(
    accounts_indicator, district, other_district
):
    from fazhi.core.testing.factories import DivisionFactory, UnitFactory
    from fazhi.indicators.compute import Computation, prefetch_computed, scope_for

    @registry.computed(
        code="test.by_division_id",
        name="按区划编号",
        domain="测试",
        measure="个",
        formula="直属单位的账号",
    )
    def by_division_id(scope):  # depends on the division's id, not only its path
        return (
            User.objects.filter(unit__division_id=scope.division.pk)
            if scope.division
            else User.objects.none()
        )

    try:
        third = DivisionFactory(code="430406", name="雁峰区", parent=district.parent)
        joined = timezone.make_aware(datetime(2024, 3, 1))
        expected = {}
        for count, division in zip([1, 2, 3], [district, other_district, third], strict=True):
            unit = UnitFactory(division=division)
            for _ in range(count):
                UserFactory(unit=unit, date_joined=joined)
            expected[division.pk] = count
        codes = {"test.accounts_opened", "test.by_division_id"}
        comps = [Computation(scope_for(d, 2024)) for d in (district, other_district, third)]
        prefetch_computed(comps, codes)
        # the third district reused the SQL of the first two for the path-only indicator …
        assert "test.accounts_opened" not in comps[2]._results
        # … but the indicator reading the division id was built for it on its own
        assert "test.by_division_id" in comps[2]._results
        for comp in comps:
            assert comp.value("test.accounts_opened").value == expected[comp.scope.division.pk]
            assert comp.value("test.by_division_id").value == expected[comp.scope.division.pk]
            assert (
                comp.value("test.accounts_opened").provenance.record_count
                == expected[comp.scope.division.pk]
            )
    finally:
        registry.unregister("test.by_division_id")
