"""Benchmark: the office's 工作台 and the unit status matrix at the demo's volume.

Data: the demo district (`manage.py load_demo`, run here if missing): 91 units, a year of
clocks, returns, findings and reports. As the demo's office account (赵敏, OTP session set up
inside a transaction that is rolled back), best and median of 9 runs:
- the 工作台 (GET /admin/: every provider's to-dos and warnings, grouped by unit, rendered);
- the status matrix (GET /cockpit/?year=2024: every column for every unit, rendered);
- the data behind each alone (`items_for` + `group_by_unit`; `status_matrix`).
Target: each page under 300 ms (issue 17). The number of queries is printed too: it does not
grow with the number of units (fazhi/cockpit/tests/test_matrix.py, test_workbench.py).

Usage: DATABASE_URL=… .venv/bin/python bench/bench_cockpit.py
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.demo_session import demo_office, verified_client  # noqa: E402
from fazhi.cockpit.selectors import status_matrix  # noqa: E402
from fazhi.core.workbench import group_by_unit, items_for  # noqa: E402

RUNS = 9
TARGET_MS = 300
YEAR = 2024


class Rollback(Exception):
    pass


def timed(func) -> tuple[list[float], int]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        func()
    return times, len(queries)


def row(name, times, queries, target=None):
    best, median = min(times), statistics.median(times)
    verdict = "" if target is None else ("met" if median < target else "NOT met")
    print(f"| {name} | {best:.1f} ms | {median:.1f} ms | {queries} | {verdict} |")


def main() -> None:
    office = demo_office()
    print(f"units in the office's division: {office.unit.division.name}")
    print("| measure | best | median | queries | < 300 ms |")
    print("|---|---|---|---|---|")
    try:
        with transaction.atomic():
            client = verified_client(office)
            assert client.get("/admin/").status_code == 200

            def workbench_page():
                assert client.get("/admin/").status_code == 200

            def matrix_page():
                assert client.get(f"/cockpit/?year={YEAR}").status_code == 200

            row("工作台 page (GET /admin/)", *timed(workbench_page), target=TARGET_MS)
            row("status matrix page (GET /cockpit/)", *timed(matrix_page), target=TARGET_MS)
            row(
                "工作台 data (items_for + group_by_unit)",
                *timed(lambda: group_by_unit(office, items_for(office)[1])),
            )
            row(
                "status matrix data (status_matrix)",
                *timed(lambda: status_matrix(user=office, year=YEAR)),
            )
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
