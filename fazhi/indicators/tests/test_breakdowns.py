"""Breakdowns: counts and shares that add up to the total, and roll up over two districts."""

from decimal import Decimal

import pytest

from fazhi.core.models import DivisionLevel, Unit, UnitKind
from fazhi.core.testing.factories import DivisionFactory, UnitFactory
from fazhi.indicators import registry
from fazhi.indicators.catalog import catalog_sync
from fazhi.indicators.registry import Dimension, unit_level_dimension
from fazhi.indicators.selectors import breakdown, dimensions

from .helpers import accepted_return

KIND = Dimension("kind", "单位类型")
LEVEL = unit_level_dimension("level", "单位层级", "kind")


@pytest.fixture
def units_indicator(catalog):
    @registry.computed(
        code="testbd.units",
        name="单位数",
        domain="测试",
        measure="个",
        kind=registry.Kind.STOCK,
        formula="范围内的单位",
        dimensions=[KIND, LEVEL],
    )
    def units(scope):
        return Unit.objects.filter(pk__in=scope.units.values("pk"))

    @registry.computed(
        code="testbd.enforcers",
        name="执法主体数",
        domain="测试",
        measure="个",
        kind=registry.Kind.STOCK,
        formula="范围内的行政执法主体",
    )
    def enforcers(scope):
        return Unit.objects.filter(pk__in=scope.units.values("pk"), is_enforcement_body=True)

    registry.add_dimensions("testbd.enforcers", KIND, LEVEL)
    registry.rate(
        code="testbd.enforcer_rate",
        name="执法主体占比",
        numerator="testbd.enforcers",
        denominator="testbd.units",
        formula="执法主体数 ÷ 单位数 × 100%",
    )
    catalog_sync()
    yield
    registry.unregister("testbd.units", "testbd.enforcers", "testbd.enforcer_rate")


@pytest.fixture
def two_districts(db):
    province = DivisionFactory(code="990000", name="测试省", level=DivisionLevel.PROVINCE)
    city = DivisionFactory(code="990100", name="测试市", level=DivisionLevel.CITY, parent=province)
    east = DivisionFactory(code="990101", name="东区", level=DivisionLevel.DISTRICT, parent=city)
    west = DivisionFactory(code="990102", name="西区", level=DivisionLevel.DISTRICT, parent=city)
    # 东区: 1 government, 2 departments, 2 subdistricts + 1 town (6 units)
    for name, kind, enforcer in [
        ("东区人民政府", UnitKind.GOVERNMENT, False),
        ("东区市场监管局", UnitKind.DEPARTMENT, True),
        ("东区城管局", UnitKind.DEPARTMENT, True),
        ("东区甲街道", UnitKind.SUBDISTRICT, True),
        ("东区乙街道", UnitKind.SUBDISTRICT, False),
        ("东区丙镇", UnitKind.TOWN, False),
    ]:
        UnitFactory(name=name, kind=kind, division=east, is_enforcement_body=enforcer)
    # 西区: 1 government, 1 department, 1 subdistrict (3 units)
    for name, kind, enforcer in [
        ("西区人民政府", UnitKind.GOVERNMENT, False),
        ("西区市场监管局", UnitKind.DEPARTMENT, True),
        ("西区甲街道", UnitKind.SUBDISTRICT, False),
    ]:
        UnitFactory(name=name, kind=kind, division=west, is_enforcement_body=enforcer)
    return city, east, west


def _parts(result):
    return [(p.label, p.value, p.share_display) for p in result.parts]


def test_counts_and_shares_add_up_to_the_total(units_indicator, two_districts):
    _city, east, _west = two_districts
    result = breakdown("testbd.units", "单位层级", division_or_unit=east, year=2024)
    assert result.total.value == 6
    # 1/6 = 16.67 → 16.7%, 2/6 = 33.33 → 33.3%, 3/6 = 50%
    assert _parts(result) == [
        ("区政府", 1, "16.7%"),
        ("区直部门", 2, "33.3%"),
        ("街道乡镇", 3, "50%"),
        ("村（社区）", 0, "0%"),
    ]
    assert result.adds_up and result.parts_sum == 6
    assert result.shares_sum_display == "100%" and result.rounding_note == ""
    assert result.items_text == "区政府1个（占16.7%）、区直部门2个（占33.3%）、街道乡镇3个（占50%）"
    by_kind = breakdown("testbd.units", "kind", division_or_unit=east, year=2024)
    assert [(p.label, p.value) for p in by_kind.parts if p.value] == [
        ("人民政府", 1),
        ("区直部门", 2),
        ("镇", 1),
        ("街道", 2),
    ]


def test_rolling_up_two_districts_keeps_shares_at_100_with_the_rounding_shown(
    units_indicator, two_districts
):
    city, east, west = two_districts
    west_result = breakdown("testbd.units", "单位层级", division_or_unit=west, year=2024)
    # 1/3 each → 33.3% × 3 = 99.9%: shown, not bent
    assert [p.share_display for p in west_result.parts][:3] == ["33.3%", "33.3%", "33.3%"]
    assert west_result.shares_sum_display == "99.9%" and west_result.rounding == Decimal("-0.1")
    assert (
        west_result.rounding_note
        == "各项占比四舍五入后合计99.9%，与100%相差0.1个百分点，系舍入误差"
    )
    assert west_result.exact_shares_sum == 100 or abs(west_result.exact_shares_sum - 100) < Decimal(
        "1e-20"
    )
    city_result = breakdown("testbd.units", "单位层级", division_or_unit=city, year=2024)
    # counts add: 1+1, 2+1, 3+1 of 9 → 22.2%, 33.3%, 44.4% = 99.9%
    assert _parts(city_result)[:3] == [
        ("区政府", 2, "22.2%"),
        ("区直部门", 3, "33.3%"),
        ("街道乡镇", 4, "44.4%"),
    ]
    assert city_result.total.value == 9 and city_result.adds_up
    assert city_result.shares_sum_display == "99.9%"
    by_district = breakdown("testbd.units", "下级区划", division_or_unit=city, year=2024)
    assert _parts(by_district) == [("东区", 6, "66.7%"), ("西区", 3, "33.3%")]
    assert by_district.shares_sum_display == "100%"


def test_a_rate_breaks_down_into_the_rate_of_each_part(units_indicator, two_districts):
    _city, east, _west = two_districts
    result = breakdown("testbd.enforcer_rate", "单位层级", division_or_unit=east, year=2024)
    assert result.total.display == "50%"  # 3 of 6
    assert [(p.label, p.display) for p in result.parts] == [
        ("区政府", "0%"),
        ("区直部门", "100%"),
        ("街道乡镇", "33.33%"),
        ("村（社区）", "—"),
    ]
    assert result.shares_sum is None and result.findings() == []


def test_a_returned_figure_breaks_down_by_unit_and_a_part_keeps_its_provenance(
    catalog, office_staff, unit_a, unit_b
):
    accepted_return(office_staff, unit_a, {"services.free_mailings": 30})
    accepted_return(office_staff, unit_b, {"services.free_mailings": 10})
    district = unit_a.division
    assert [
        d.name for d in dimensions("services.free_mailings", division_or_unit=district, year=2024)
    ] == [
        "单位",
        "下级区划",
    ]
    result = breakdown("services.free_mailings", "单位", division_or_unit=district, year=2024)
    assert _parts(result) == [(unit_a.name, 30, "75%"), (unit_b.name, 10, "25%")]
    from fazhi.indicators.selectors import computation

    value, part = computation(district, 2024).slice("services.free_mailings", "单位", unit_b.name)
    assert value.value == 10 and part.share_display == "25%"
    assert [r.unit_name for r in value.provenance.revisions] == [unit_b.name]


def test_a_part_of_register_rows_lists_exactly_its_rows(units_indicator, two_districts):
    _city, east, _west = two_districts
    from fazhi.indicators.selectors import computation

    value, part = computation(east, 2024).slice("testbd.units", "单位层级", "街道乡镇")
    assert value.value == 3 and value.name == "单位数（单位层级：街道乡镇）"
    assert sorted(r.label for r in value.provenance.records()) == [
        "东区丙镇",
        "东区乙街道",
        "东区甲街道",
    ]
    with pytest.raises(KeyError, match="没有“海关”"):
        computation(east, 2024).slice("testbd.units", "单位层级", "海关")
    with pytest.raises(KeyError, match="不能按“颜色”分组"):
        computation(east, 2024).breakdown("testbd.units", "颜色")


def test_a_dimension_that_counts_a_row_twice_breaks_the_rule(catalog, two_districts):
    _city, east, _west = two_districts
    parent = Unit.objects.get(name="东区人民政府")
    for name in ("东区人民政府办公室", "东区人民政府研究室"):
        UnitFactory(name=name, kind=UnitKind.OTHER, division=east, parent=parent)

    @registry.computed(
        code="testbd.parents",
        name="有下级的单位",
        domain="测试",
        measure="个",
        kind=registry.Kind.STOCK,
        formula="有下级单位的单位",
        dimensions=[Dimension("child_kind", "下级单位类型", "children__kind")],
    )
    def parents(scope):
        return Unit.objects.filter(
            pk__in=scope.units.values("pk"), children__isnull=False
        ).distinct()

    try:
        result = breakdown("testbd.parents", "下级单位类型", division_or_unit=east, year=2024)
        assert result.total.value == 1 and result.parts_sum == 2  # one parent, two children
        [finding] = result.findings()
        assert (
            finding.message
            == "东区·2024年：有下级的单位按下级单位类型分组，各项之和 2 不等于合计 1"
        )
    finally:
        registry.unregister("testbd.parents")


def test_a_breakdown_as_a_statistics_table_in_xlsx(units_indicator, two_districts):
    import io

    from openpyxl import load_workbook

    from fazhi.indicators.tables import breakdown_table, statistics_workbook

    city, _east, west = two_districts
    result = breakdown("testbd.units", "单位层级", division_or_unit=west, year=2024)
    data = statistics_workbook({"单位统计": [breakdown_table(result, title="西区单位（按层级）")]})
    sheet = load_workbook(io.BytesIO(data))["单位统计"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][0] == "西区单位（按层级）"
    assert rows[1] == ["单位层级", "数量（个）", "占比"]
    assert rows[2] == ["区政府", 1, 0.333] and sheet.cell(row=3, column=3).number_format == "0.0%"
    assert rows[5] == ["村（社区）", 0, 0]
    assert rows[6] == ["合计", 3, 1]
    assert rows[7][0] == "注：各项占比四舍五入后合计99.9%，与100%相差0.1个百分点，系舍入误差。"


def test_the_provenance_page_breaks_a_figure_down_and_opens_a_part(
    catalog, office_staff, unit_a, unit_b, verified_client
):
    from django.urls import reverse

    accepted_return(office_staff, unit_a, {"services.free_mailings": 30})
    accepted_return(office_staff, unit_b, {"services.free_mailings": 10})
    client = verified_client(office_staff)
    url = reverse("indicators:provenance")
    query = {"division": unit_a.division_id, "year": 2024, "code": "services.free_mailings"}
    page = client.get(url, {**query, "dimension": "unit"}).content.decode()
    assert "<td>30次</td><td>75%</td>" in page and "<td>10次</td><td>25%</td>" in page
    part = client.get(url, {**query, "dimension": "unit", "member": unit_b.name})
    text = part.content.decode()
    assert part.status_code == 200 and "免费邮寄（单位：" in text
    revisions = text.split('id="revisions"')[1]
    assert unit_b.name in revisions and unit_a.name not in revisions
    assert client.get(url, {**query, "dimension": "颜色"}).status_code == 404
