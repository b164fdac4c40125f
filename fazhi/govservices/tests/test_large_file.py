"""A 100,000-row export with one bad row: nothing is written and that row is named. A large
import refreshes the planner's statistics once it commits."""

import secrets

import pytest
from django.db import connection

from fazhi.govservices.bulk import DEFAULT_HEADERS, BulkProblems, import_applications, write_csv
from fazhi.govservices.models import ImportBatch, ServiceApplication
from fazhi.govservices.tests.factories import make_item

pytestmark = pytest.mark.django_db

FIELDS = ("number", "item_code", "channel", "received", "completed", "result")


def test_one_bad_row_in_100000_writes_nothing_and_is_named(centre_clerk, centre, unit_a):
    make_item(centre, code="A001", department=unit_a, promised_days=5)
    rows = [
        (
            f"SQ{n:08d}",
            "A001",
            "网上办理",
            "2024-03-04 09:30:00",
            "2024-03-05 16:00:00",
            "办结（准予）",
        )
        for n in range(100_000)
    ]
    rows[73_214] = (*rows[73_214][:3], "2024-03-06 09:30:00", "2024-03-05 16:00:00", "办结（准予）")
    data = write_csv(rows, [DEFAULT_HEADERS[f] for f in FIELDS])
    with pytest.raises(BulkProblems) as caught:
        import_applications(data, actor=centre_clerk)
    assert [str(e) for e in caught.value.errors] == [
        "第73216行“办结时间”列：办结时间2024-03-05 16:00早于受理时间2024-03-06 09:30"
    ]
    assert ServiceApplication.objects.count() == 0
    assert ImportBatch.objects.count() == 0


def _planned_rows() -> float:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = 'govservices_serviceapplication'"
        )
        return cursor.fetchone()[0]


def _export(prefix: str, count: int) -> bytes:
    rows = [
        (f"{prefix}{n:08d}", "A001", "网上办理", "2024-03-04 09:30:00", "", "办理中")
        for n in range(count)
    ]
    return write_csv(rows, [DEFAULT_HEADERS[f] for f in FIELDS])


def test_a_large_import_refreshes_the_planners_statistics_after_its_commit(
    centre_clerk, centre, unit_a, django_capture_on_commit_callbacks
):
    make_item(centre, code="A001", department=unit_a, promised_days=5)
    before = _planned_rows()
    with django_capture_on_commit_callbacks(execute=True):
        import_applications(_export("SMALL", 20), actor=centre_clerk, file_name="small.csv")
    assert _planned_rows() == before  # a small import leaves it to autovacuum
    # ANALYZE's figure survives a rolled-back test: a row count no earlier run left behind
    large = 6_000 + secrets.randbelow(1_000)
    with django_capture_on_commit_callbacks(execute=True):
        import_applications(_export("LARGE", large), actor=centre_clerk, file_name="large.csv")
    assert _planned_rows() == 20 + large
