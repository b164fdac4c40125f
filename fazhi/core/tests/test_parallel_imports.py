"""Twenty people upload the same workbook at the same moment (issue 11): one import, nineteen
clear refusals, no duplicate row and no server error.

The shared import path holds an advisory lock per register and unit for the transaction, then
skips rows already stored by their natural key: the first upload stores every row, each later
one finds them all stored and is refused in Chinese, writing nothing. The legality-review
ledger is the register the issue found writing duplicates and failing with a 500.
"""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from fazhi.core.imports import run_import
from fazhi.core.xlsx import build_workbook
from fazhi.review.imports import REVIEW_COLUMNS, REVIEW_IMPORT
from fazhi.review.models import ReviewRequest

THREADS = 20
ROWS = 12


def _ledger(unit_name: str) -> bytes:
    rows = [
        [
            unit_name,
            "行政规范性文件",
            f"关于规范第{n}类事项的通知",
            date(2023, 3, n + 1),
            "合法（同意）",
            date(2023, 3, n + 10),
            "同意发布",
            "",
        ]
        for n in range(1, ROWS + 1)
    ]
    return build_workbook([c.header for c in REVIEW_COLUMNS], rows)


@pytest.mark.django_db(transaction=True)
def test_twenty_simultaneous_uploads_of_one_file_import_it_once(clerk_a, unit_a, justice_bureau):
    data = _ledger(unit_a.name)
    barrier = threading.Barrier(THREADS)
    created, refusals, errors = [], [], []
    lock = threading.Lock()

    def upload() -> None:
        close_old_connections()
        try:
            barrier.wait()
            result = run_import(REVIEW_IMPORT, data, actor=clerk_a)
            with lock:
                created.append(result.created)
        except ValidationError as exc:
            with lock:
                refusals.append(" ".join(exc.messages))
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=upload) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert created == [ROWS]
    assert len(refusals) == THREADS - 1
    assert all("均已导入" in message and "未写入任何记录" in message for message in refusals)
    assert ReviewRequest.objects.filter(unit=unit_a).count() == ROWS
