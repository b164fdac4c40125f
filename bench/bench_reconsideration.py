"""Benchmark: importing an existing 台账 and registering cases through the services.

    DATABASE_URL=postgresql://… .venv/bin/python bench/bench_reconsideration.py [--rows N] \
        [--cases N] [--repeat N]

1. `ledger.ledger_import` of an N-row 台账 (default 2,000: about twenty district-years), every
   row valid, half closed, a quarter open, a quarter not accepted — validation, numbering,
   period checks, clocks for open cases, audit triggers. Target: < 2 s for 2,000 rows (the
   exit status fails over 60 s; `--repeat N` imports N times and prints best and median, and
   the comparisons below use the median). Printed beside it: the process's CPU time (the
   machine may be shared), reading the workbook alone, and a bare COPY of the same rows' cells
   into a temporary table (no validation, no audit): the floor the import is compared with.
2. `case_register` + `case_accept` for N cases (default 100), one at a time, as an officer would:
   the per-case cost of the full service path (numbering lock, F1–F4, two clocks, timeline).
Each part runs in one transaction that is rolled back; the database is left as it was.
"""

import argparse
import io
import os
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from fazhi.core.models import Division, DivisionLevel, Role, Unit, UnitKind, User  # noqa: E402
from fazhi.core.xlsx import read_table  # noqa: E402
from fazhi.reconsideration import imports as ledger  # noqa: E402
from fazhi.reconsideration import services  # noqa: E402

PERSON_ID = "430408198001010016"


class Rollback(Exception):
    pass


def setup_units():
    district, _ = Division.objects.get_or_create(
        code="990901", defaults={"name": "基准区", "level": DivisionLevel.DISTRICT}
    )
    office, _ = Unit.objects.get_or_create(
        division=district,
        name="基准区司法局",
        defaults={"kind": UnitKind.DEPARTMENT, "is_justice_bureau": True},
    )
    respondent, _ = Unit.objects.get_or_create(
        division=district, name="基准区人力资源和社会保障局", defaults={"kind": UnitKind.DEPARTMENT}
    )
    officer, _ = User.objects.get_or_create(
        username="bench_recon",
        defaults={"unit": office, "roles": [Role.RECONSIDERATION_OFFICER], "is_active": False},
    )
    return office, respondent, officer


def ledger_file(rows: int) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    sheet.append([c.header for c in ledger.IMPORT_COLUMNS])
    for row in ledger_rows(rows):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ledger_rows(rows: int) -> list[list]:
    cells = []
    for n in range(1, rows + 1):
        year = 2020 + (n - 1) * 5 // rows
        received = date(year, 1, 6) + timedelta(days=(n * 7) % 330)
        kind = n % 4
        accepted = received + timedelta(days=3) if kind != 3 else None
        closed = accepted + timedelta(days=40) if kind in (0, 1) else None
        cells.append(
            [
                f"蒸政复〔{year}〕{n}号",
                received,
                "书面申请",
                "公民",
                f"申请人{n}",
                "居民身份证",
                PERSON_ID,
                "基准区人力资源和社会保障局",
                "行政处罚",
                f"罚款决定{n}",
                f"罚〔{year}〕{n}号",
                received - timedelta(days=20),
                "人力资源和社会保障",
                received - timedelta(days=15),
                "撤销该行政处罚决定",
                accepted,
                received + timedelta(days=3) if kind == 3 else None,
                "不属于行政复议范围" if kind == 3 else None,
                "普通程序",
                "维持（第六十八条）" if closed else None,
                closed,
                closed + timedelta(days=3) if closed else None,
            ]
        )
    return cells


def time_import(rows: int) -> tuple[float, float]:
    """Wall time and this process's CPU time of the import."""
    office, _respondent, officer = setup_units()
    data = ledger_file(rows)
    began, cpu = time.perf_counter(), time.process_time()
    try:
        with transaction.atomic():
            result = ledger.ledger_import(
                actor=officer, unit=office, data=data, file_name="bench.xlsx"
            )
            assert result.rows_created == rows, result
            elapsed = time.perf_counter() - began, time.process_time() - cpu
            raise Rollback
    except Rollback:
        return elapsed


def time_read(rows: int) -> float:
    """Reading the workbook alone (`read_table`: the hardened parse every import goes through)."""
    data = ledger_file(rows)
    began = time.perf_counter()
    read_table(data, ledger.IMPORT_COLUMNS)
    return time.perf_counter() - began


def time_bare_copy(rows: int) -> float:
    """The same rows' cells, as text, COPYed into a temporary table of text columns."""
    cells = [[None if v is None else str(v) for v in row] for row in ledger_rows(rows)]
    width = len(ledger.IMPORT_COLUMNS)
    columns = ", ".join(f"c{i} text" for i in range(width))
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"CREATE TEMP TABLE bench_bare ({columns}) ON COMMIT DROP")
            began = time.perf_counter()
            with cursor.cursor.copy("COPY bench_bare FROM STDIN") as copy:
                for row in cells:
                    copy.write_row(row)
            elapsed = time.perf_counter() - began
            raise Rollback
    except Rollback:
        return elapsed


def time_registrations(cases: int) -> list[float]:
    office, respondent, officer = setup_units()
    timings = []
    try:
        with transaction.atomic():
            for n in range(cases):
                began = time.perf_counter()
                case = services.case_register(
                    actor=officer,
                    unit=office,
                    applicant_kind="person",
                    applicant_name=f"申请人{n}",
                    applicant_id_type="resident_id",
                    applicant_id_number=PERSON_ID,
                    respondent_unit=respondent,
                    act_type="penalty",
                    act_description="罚款决定",
                    field="human_resources",
                    request="撤销",
                    channel="written",
                    received_on=date(2024, 3, 4),
                    known_on=date(2024, 2, 20),
                )
                services.case_accept(actor=officer, case=case, on=date(2024, 3, 6))
                timings.append(time.perf_counter() - began)
            raise Rollback
    except Rollback:
        return timings


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--cases", type=int, default=100)
    parser.add_argument(
        "--repeat", type=int, default=1, help="imports in a row; best and median are printed"
    )
    args = parser.parse_args()
    runs = [time_import(args.rows) for _ in range(max(args.repeat, 1))]
    for imported, cpu in runs:
        print(
            f"台账导入 {args.rows} 行：{imported:.2f} s（{imported / args.rows * 1000:.2f} ms/行；"
            f"本进程 CPU {cpu:.2f} s），目标 < 2 s：{'达到' if imported < 2 else '未达到'}"
        )
    walls, cpus = [w for w, _ in runs], [c for _, c in runs]
    if len(runs) > 1:
        print(
            f"  {len(runs)} 次：墙钟 最好 {min(walls):.2f} s、中位 {statistics.median(walls):.2f} s；"
            f"CPU 最好 {min(cpus):.2f} s、中位 {statistics.median(cpus):.2f} s"
        )
    imported = statistics.median(walls)
    read, bare = time_read(args.rows), time_bare_copy(args.rows)
    print(
        f"  参照：读取工作簿 {read:.2f} s（导入的一部分）；同样的行直接 COPY 入临时表 {bare * 1000:.0f} ms"
        f"（导入是它的 {imported / bare:.0f} 倍）"
    )
    timings = time_registrations(args.cases)
    print(
        f"登记+受理 {args.cases} 件：中位 {statistics.median(timings) * 1000:.0f} ms/件，"
        f"最慢 {max(timings) * 1000:.0f} ms"
    )
    return 0 if max(walls) < 60 else 1


if __name__ == "__main__":
    sys.exit(main())
