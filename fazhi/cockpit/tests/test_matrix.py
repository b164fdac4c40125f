"""The office's unit status matrix: who is behind, one click to the records, bounded queries."""

import io
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from fazhi.cockpit.selectors import status_matrix
from fazhi.core.models import UnitKind
from fazhi.core.testing.factories import UnitFactory
from fazhi.deadlines.services import clock_start
from fazhi.deadlines.tests.factories import WD5


def _overdue_clock(unit):
    """A 5-working-day clock started 60 days ago: overdue today."""
    return clock_start(
        rule_code=WD5,
        trigger_date=timezone.localdate() - timedelta(days=60),
        subject=unit,
        unit=unit,
        label=f"{unit.name} 受理审查",
    )


@pytest.mark.django_db
def test_the_matrix_puts_the_unit_behind_first_and_links_to_its_records(
    verified_client, office_staff, unit_a, unit_b
):
    _overdue_clock(unit_b)
    _overdue_clock(unit_b)
    client = verified_client(office_staff)
    page = client.get(reverse("cockpit:matrix"), {"year": 2024})
    assert page.status_code == 200
    rows = page.context["matrix"].rows
    assert rows[0].unit == unit_b and rows[0].overdue == 2
    assert next(r for r in rows if r.unit == unit_a).overdue == 0
    html = page.content.decode()
    cell_link = f"{reverse('cockpit:unit', args=[unit_b.pk])}?year=2024#clocks"
    assert f'<a href="{cell_link}">2</a>' in html

    detail = client.get(reverse("cockpit:unit", args=[unit_b.pk]), {"year": 2024})
    assert detail.status_code == 200
    assert detail.content.decode().count(f"{unit_b.name} 受理审查") == 2


@pytest.mark.django_db
def test_the_matrix_exports_to_excel(verified_client, office_staff, unit_a, unit_b):
    _overdue_clock(unit_a)
    response = verified_client(office_staff).get(reverse("cockpit:export"), {"year": 2024})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("单位", "单位类型", "逾期期限", "即将到期")
    by_unit = {row[0]: row for row in rows[1:]}
    assert by_unit[unit_a.name][2] == 1
    assert by_unit[unit_b.name][2] == 0


@pytest.mark.django_db
def test_filter_by_unit_kind_and_bad_parameters(verified_client, office_staff, unit_a, district):
    town = UnitFactory(name="蒸湘区呆鹰岭镇", division=district, kind=UnitKind.TOWN)
    client = verified_client(office_staff)
    page = client.get(reverse("cockpit:matrix"), {"year": 2024, "kind": UnitKind.TOWN})
    assert [r.unit for r in page.context["matrix"].rows] == [town]
    for bad in ({"year": "abc"}, {"year": "99999999999"}, {"kind": "x"}, {"sort": "x"}):
        assert client.get(reverse("cockpit:matrix"), bad).status_code == 404


@pytest.mark.django_db
def test_only_the_office_opens_the_cockpit_and_only_its_own_units(
    verified_client, client, clerk_a, office_staff, other_district
):
    outside = UnitFactory(name="珠晖区某局", division=other_district)
    client.force_login(clerk_a)
    assert client.get(reverse("cockpit:matrix")).status_code == 403
    office = verified_client(office_staff)
    assert office.get(reverse("cockpit:unit", args=[outside.pk])).status_code == 404


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_units(office_staff, district):
    def count_for(total_units: int) -> int:
        while office_staff.unit.division.unit_set.count() < total_units:
            unit = UnitFactory(division=district)
            _overdue_clock(unit)
        with CaptureQueriesContext(connection) as queries:
            matrix = status_matrix(user=office_staff, year=2024, today=date(2025, 3, 1))
        assert len(matrix.rows) >= total_units
        return len(queries)

    assert count_for(10) == count_for(100)
