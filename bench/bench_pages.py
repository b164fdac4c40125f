"""Benchmark: the 指标数据 page and the annual report's export at the demo's volume.

Data: the demo district (`manage.py load_demo`, run here if missing). As the demo's office
account (OTP session set up inside a transaction that is rolled back), best and median of
RUNS runs, with the number of SQL statements:
- the 指标数据 page (GET /indicators/?year=2024: every figure of the district, its findings and
  its change on last year, rendered) beside its limit in the same run: the data alone, i.e. the
  batches the page cannot do without (`Computation.values()` for this year and last year);
- the export of the government's 2024 report (`report_export`: the live figures compared with
  the saved version's, each with up to 200 source records, then the 公文 .docx), beside the
  .docx built from the same text alone (`assemble.build` + `gongwen`), its floor.
Targets (issue 19): the values page under 200 ms in ≤ 10 queries — not met yet, printed as is.

Usage: DATABASE_URL=… .venv/bin/python bench/bench_pages.py [--runs N]
"""

import argparse
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
from fazhi.core.models import Unit  # noqa: E402
from fazhi.indicators.selectors import computation  # noqa: E402
from fazhi.reports import services  # noqa: E402
from fazhi.reports.assemble import build  # noqa: E402
from fazhi.reports.gongwen import render_docx  # noqa: E402
from fazhi.reports.models import Report  # noqa: E402

YEAR = 2024


class Rollback(Exception):
    pass


def timed(func, runs: int) -> tuple[list[float], int]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as queries:
        func()
    return times, len(queries)


def row(name, times, queries) -> float:
    best, median = min(times), statistics.median(times)
    print(f"| {name} | {best:.1f} ms | {median:.1f} ms | {queries} |")
    return median


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    office = demo_office()
    district = office.unit.division
    government = Unit.objects.get(division=district, kind="government")
    print(f"{district.name}, {YEAR}; {runs} runs each")
    print("| measure | best | median | queries |")
    print("|---|---|---|---|")
    try:
        with transaction.atomic():
            client = verified_client(office)

            def values_page():
                assert client.get(f"/indicators/?year={YEAR}").status_code == 200

            def values_data():
                comp = computation(district, YEAR, user=office)
                comp.values()
                comp.earlier("同比").values()

            page = row("指标数据 page (GET /indicators/)", *timed(values_page, runs))
            data = row("its data alone (this year's and last year's batches)",
                       *timed(values_data, runs))  # fmt: skip
            print(f"\npage ÷ data (median): {page / data:.2f}×\n")

            report = Report.objects.filter(unit=government, year=YEAR).first()
            report = report or services.report_create(actor=office, unit=government, year=YEAR)

            def export():
                services.report_export(actor=office, report=report, fmt="docx", confirm=True)

            def docx_alone():
                render_docx(build(report, user=office))

            print("| measure | best | median | queries |")
            print("|---|---|---|---|")
            full = row("report export (.docx, live figures checked)", *timed(export, runs))
            floor = row("the .docx from the same text alone", *timed(docx_alone, runs))
            print(f"\nexport ÷ .docx alone (median): {full / floor:.2f}×")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
