"""The office finds the units behind in the status matrix and opens a cell in one click; a
chart renders on a canvas and shows the same numbers as its table."""

from datetime import timedelta

import pytest
from django.utils import timezone

from e2e.conftest import e2e_login
from fazhi.core.testing.factories import TEST_PASSWORD
from fazhi.deadlines.services import clock_start
from fazhi.deadlines.tests.factories import WD5

pytestmark = pytest.mark.django_db(transaction=True)


def test_office_opens_the_unit_behind_from_the_matrix_and_reads_a_chart(
    page, office_staff, unit_a, unit_b, output_dir
):
    for n in (1, 2):
        clock_start(
            rule_code=WD5,
            trigger_date=timezone.localdate() - timedelta(days=40 + n),
            subject=unit_b,
            unit=unit_b,
            label=f"{unit_b.name} 受理审查{n}",
        )
    clock_start(  # falls due within the next weeks: one bar of the deadlines chart
        rule_code=WD5, trigger_date=timezone.localdate(), subject=unit_a, unit=unit_a
    )
    e2e_login(page, office_staff, TEST_PASSWORD)
    page.goto(f"{page.base_url}/cockpit/?year=2024")
    first = page.locator("#cockpit-matrix tbody tr").first
    assert first.get_attribute("data-unit") == unit_b.name
    assert first.locator("[data-column=overdue]").inner_text() == "2"
    page.screenshot(path=str(output_dir / "matrix.png"), full_page=True)

    first.locator("[data-column=overdue] a").click()
    page.wait_for_url("**/cockpit/unit/**")
    clocks = page.locator("#clocks").inner_text()
    assert f"{unit_b.name} 受理审查1" in clocks and f"{unit_b.name} 受理审查2" in clocks

    page.goto(f"{page.base_url}/cockpit/charts/?year=2024")
    page.wait_for_selector("#chart-0[data-rendered='1'] canvas")
    drawn = page.evaluate(
        "() => echarts.getInstanceByDom(document.getElementById('chart-0'))"
        ".getOption().series[0].data"
    )
    page.locator("#chart-0").locator("xpath=..").locator("summary").click()
    table = [
        int(cell.inner_text())
        for cell in page.locator("[data-table=chart-0] tbody tr td:nth-child(2)").all()
    ]
    assert drawn == table and sum(table) == 1
    page.screenshot(path=str(output_dir / "charts.png"), full_page=True)
