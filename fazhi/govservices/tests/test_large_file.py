"""A 100,000-row export with one bad row: nothing is written and that row is named."""

import pytest

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
