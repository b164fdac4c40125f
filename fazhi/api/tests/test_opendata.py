"""Open data and the indicator endpoint: figures equal sums written by hand in SQL over rows
stored through the Excel import; another district's rows never count."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection

from fazhi.core.imports import run_import
from fazhi.core.models import Role
from fazhi.core.testing.factories import UnitFactory, UserFactory
from fazhi.core.xlsx import build_workbook
from fazhi.govservices.imports import TALLY_IMPORT

pytestmark = pytest.mark.django_db

CODE = "services.consultations_remote"


def _tallies(user, rows):
    run_import(TALLY_IMPORT, build_workbook(["日期", "类别", "数量"], rows), actor=user)


@pytest.fixture
def tallies(district, other_district, unit_a, unit_b):
    _tallies(
        UserFactory(username="t_a", unit=unit_a, roles=[Role.CLERK]),
        [
            ["2024-03-04", "电话咨询", 17],
            ["2024-03-05", "微信咨询", 5],
            ["2024-03-05", "现场接待", 40],
            ["2023-12-31", "电话咨询", 9],
        ],
    )
    _tallies(
        UserFactory(username="t_b", unit=unit_b, roles=[Role.CLERK]),
        [["2024-06-01", "网上咨询", 3]],
    )
    far = UnitFactory(name="珠晖区政务服务中心", division=other_district)
    _tallies(UserFactory(username="t_far", unit=far, roles=[Role.CLERK]),
             [["2024-06-01", "网上咨询", 1000]])  # fmt: skip


def _sql_sum(division_path, year, unit_id=None):
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT coalesce(sum(t.count), 0), count(*) FROM govservices_halltally t
                 JOIN core_unit u ON u.id = t.unit_id JOIN core_division d ON d.id = u.division_id
                WHERE d.path LIKE %s AND t.kind IN ('consult_phone', 'consult_online', 'consult_wechat')
                  AND t."on" BETWEEN %s AND %s AND (%s::bigint IS NULL OR t.unit_id = %s)""",
            [division_path + "%", f"{year}-01-01", f"{year}-12-31", unit_id, unit_id],
        )
        return cursor.fetchone()


def test_open_data_json_and_csv_hold_the_districts_figure(client, district, tallies):
    expected, _rows = _sql_sum(district.path, 2024)
    assert expected == 25  # 17 + 5 + 3: not the visitors, not 2023, not the other district
    data = client.get(f"/api/open/{district.code}/2024/indicators.json")
    assert data.status_code == 200
    body = data.json()
    assert (body["district"], body["year"]) == ("蒸湘区", 2024)
    row = next(item for item in body["items"] if item["code"] == CODE)
    assert Decimal(row["value"]) == expected
    assert row["name"] == "电话、网上、微信咨询" and row["measure"] == "人次"
    assert row["formula"] and row["period"] == "2024年"

    response = client.get(f"/api/open/{district.code}/2024/indicators.csv")
    assert response["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert table[0][:3] == ["指标代码", "指标名称", "数值"]
    csv_row = next(r for r in table if r[0] == CODE)
    assert Decimal(csv_row[2]) == expected
    assert len(table) - 1 == len(body["items"])


def test_open_data_unknown_district_or_future_year_is_404(client, district):
    assert client.get("/api/open/999999/2024/indicators.json").status_code == 404
    assert client.get(f"/api/open/{district.code}/2100/indicators.csv").status_code == 404
    assert client.get(f"/api/open/{district.parent.code}/2024/indicators.json").status_code == 404


def test_catalog_describes_every_dataset(client, district, other_district):
    catalog = client.get("/api/open/catalog.json").json()
    urls = [d["url"] for ds in catalog["datasets"] for d in ds["distributions"]]
    assert any(u.endswith(f"/api/open/{district.code}/normdocs.csv") for u in urls)
    assert any(u.endswith(f"/api/open/{other_district.code}/normdocs.json") for u in urls)
    titles = [ds["title"] for ds in catalog["datasets"]]
    assert "蒸湘区现行有效行政规范性文件目录" in titles


def test_normdocs_list_is_public(client, district):
    response = client.get(f"/api/open/{district.code}/normdocs.json")
    assert response.status_code == 200
    assert response.json()["items"] == []
    header = client.get(f"/api/open/{district.code}/normdocs.csv").content.decode("utf-8-sig")
    assert header.startswith("统一登记号,文件名称")


def test_indicator_values_carry_provenance_counts(api_a, unit_a, tallies):
    response = api_a.get("/api/indicators/values", {"year": 2024})
    assert response.status_code == 200, response.content
    row = next(r for r in response.json() if r["code"] == CODE)
    total, count = _sql_sum("", 2024, unit_a.pk)
    assert (Decimal(row["value"]), row["provenance_count"]) == (total, count) == (22, 2)
    assert row["provenance"] == "records"


def test_indicator_values_of_another_unit_are_404(api_a, unit_b, tallies):
    response = api_a.get("/api/indicators/values", {"year": 2024, "unit_id": unit_b.pk})
    assert response.status_code == 404
