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

Usage: DATABASE_URL=… .venv/bin/python bench/bench_pages.py [--runs N] [--username NAME]
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

from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django_otp.plugins.otp_totp.models import TOTPDevice  # noqa: E402

from bench.demo_session import DEVICE_NAME, demo_office, verified_client  # noqa: E402
from fazhi.core.models import Unit, User  # noqa: E402
from fazhi.indicators.selectors import computation  # noqa: E402
from fazhi.reports import services  # noqa: E402
from fazhi.reports.assemble import build  # noqa: E402
from fazhi.reports.gongwen import render_docx  # noqa: E402
from fazhi.reports.models import Report  # noqa: E402

YEAR = 2024


class Rollback(Exception):
    pass


CPU: list[float] = []  # this process's CPU time of each run of the last `timed`


def timed(func, runs: int) -> tuple[list[float], int]:
    times = []
    CPU.clear()
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        func()
        times.append((time.perf_counter() - start) * 1000)
        CPU.append((time.process_time() - cpu) * 1000)
    with CaptureQueriesContext(connection) as queries:
        func()
    return times, len(queries)


def row(name, times, queries) -> float:
    """A table row: wall time best and median, this process's CPU time (the database's own
    work is in its server process, not here) best and median, statements."""
    best, median = min(times), statistics.median(times)
    cpu = f"{min(CPU):.1f} / {statistics.median(CPU):.1f} ms"
    print(f"| {name} | {best:.1f} ms | {median:.1f} ms | {cpu} | {queries} |")
    return median


def served(office, runs: int) -> None:
    """The page as a server runs it (autocommit: a GET writes nothing), with the figures and
    findings kept from the previous request, and with nothing kept (the cache emptied before
    each run). The OTP device is committed for the run and deleted afterwards."""
    client = verified_client(office)
    try:

        def page():
            assert client.get(f"/indicators/?year={YEAR}").status_code == 200

        def cold():
            cache.clear()
            page()

        page()  # the figures kept by a first request
        kept = row("指标数据 page, served, figures kept", *timed(page, runs))
        fresh = row("指标数据 page, served, nothing kept", *timed(cold, runs))
        print(f"\nkept ÷ nothing kept (median): {kept / fresh:.2f}×\n")
    finally:
        TOTPDevice.objects.filter(user=office, name=DEVICE_NAME).delete()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--username",
        help="an office account of another district (the synthetic city's synth_office_990101): "
        "its 指标数据 page alone, served, figures kept and not",
    )
    args = parser.parse_args()
    runs = args.runs
    office = User.objects.get(username=args.username) if args.username else demo_office()
    district = office.unit.division
    print(f"{district.name}, {YEAR}; {runs} runs each")
    print("| measure | best | median | CPU best / median | queries |")
    print("|---|---|---|---|---|")
    if args.username:
        # the synthetic city's accounts cannot sign in: enabled for the run, disabled after
        was = {"is_active": office.is_active, "is_staff": office.is_staff}
        User.objects.filter(pk=office.pk).update(is_active=True, is_staff=True)
        try:
            served(office, runs)
        finally:
            User.objects.filter(pk=office.pk).update(**was)
        return
    served(office, runs)
    government = Unit.objects.get(division=district, kind="government")
    print("Inside a transaction that has written (the OTP device; rolled back): nothing kept")
    print("| measure | best | median | CPU best / median | queries |")
    print("|---|---|---|---|---|")
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

            print("| measure | best | median | CPU best / median | queries |")
            print("|---|---|---|---|---|")
            full = row("report export (.docx, live figures checked)", *timed(export, runs))
            floor = row("the .docx from the same text alone", *timed(docx_alone, runs))
            print(f"\nexport ÷ .docx alone (median): {full / floor:.2f}×")
            raise Rollback
    except Rollback:
        pass


if __name__ == "__main__":
    main()
