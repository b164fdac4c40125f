"""Benchmark: the set-based import of service applications against a bare COPY.

    DATABASE_URL=postgresql://… .venv/bin/python bench/bench_import.py [--rows N] [--repeat R]

Generates one export of N applications in the provincial platform's CSV layout (UTF-8; 420
items of 20 departments, 15 一件事 packages, 2024 dates, 5 % pending, some via 一网通办), then,
each run in its own transaction that is rolled back:

- import: `fazhi.govservices.bulk.import_applications` on the file's bytes — encoding check,
  COPY into staging, typed table, every validation query, the calendar, the INSERT … SELECT …
  ON CONFLICT merge with the working-day due dates, the batch row, the audit (statement-level
  trigger) and the access log;
- COPY: the same N rows, already resolved into the table's columns before the clock starts,
  loaded by one bare `COPY govservices_serviceapplication … FROM STDIN` into the same table
  (same indexes, foreign keys and audit trigger).

Prints both times (best and median), the peak resident memory of the process, and a last line
`import ÷ COPY: R×` (best against best). Targets at 100,000 rows: R ≤ 3, peak RSS < 300 MB.
"""

import argparse
import io
import os
import random
import resource
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from fazhi.core.models import Division, DivisionLevel, Role, Unit, User  # noqa: E402
from fazhi.govservices.bulk import DEFAULT_HEADERS, import_applications, write_csv  # noqa: E402
from fazhi.govservices.models import ItemType, ServiceApplication  # noqa: E402
from fazhi.govservices.services import item_register, package_register  # noqa: E402

FIELDS = (
    "number",
    "item_code",
    "channel",
    "received",
    "completed",
    "result",
    "package",
    "platform",
)
TARGET_RATIO = 3.0
TARGET_RSS_MB = 300


class Rollback(Exception):
    pass


def setup(rng):
    """The district, its centre, 20 departments, 420 items and 15 packages (kept for all runs)."""
    division, _ = Division.objects.get_or_create(
        code="439998", defaults={"name": "导入基准区", "level": DivisionLevel.DISTRICT}
    )
    centre, _ = Unit.objects.get_or_create(
        division=division, name="导入基准区政务服务中心", defaults={"kind": "department"}
    )
    clerk, _ = User.objects.get_or_create(
        username="bench_import_clerk", defaults={"unit": centre, "roles": [Role.CLERK]}
    )
    departments = [
        Unit.objects.get_or_create(
            division=division, name=f"导入基准部门{i}", defaults={"kind": "department"}
        )[0]
        for i in range(20)
    ]
    items = []
    from fazhi.govservices.models import OneThingPackage, ServiceItem

    if not ServiceItem.objects.filter(unit=centre).exists():
        for i in range(420):
            items.append(
                item_register(
                    actor=clerk,
                    code=f"BENCH{i:04d}",
                    name=f"基准事项{i}",
                    department=departments[i % 20],
                    item_type=ItemType.LICENCE if i % 3 else ItemType.PUBLIC_SERVICE,
                    promised_days=rng.choice([1, 3, 5, 7, 10, 15, 20]),
                )
            )
        for i in range(15):
            package_register(
                actor=clerk, name=f"基准一件事{i}", launched_on=datetime(2024, 1, 1).date()
            )
    items = list(ServiceItem.objects.filter(unit=centre))
    packages = list(OneThingPackage.objects.filter(unit=centre).values_list("pk", "name"))
    return clerk, centre, items, packages


def generate(n, items, packages, rng):
    """The file (bytes) and the same rows in the table's columns for the bare COPY."""
    start = timezone.make_aware(datetime(2024, 1, 2, 8, 30))
    file_rows, table_rows = [], []
    for i in range(n):
        item = items[rng.randrange(len(items))]
        received = start + timedelta(minutes=rng.randrange(0, 340 * 24 * 60))
        pending = rng.random() < 0.05
        completed = None if pending else received + timedelta(hours=rng.randrange(1, 24 * 8))
        package = packages[rng.randrange(len(packages))] if rng.random() < 0.3 else (None, "")
        platform = rng.random() < 0.03
        channel = "网上办理" if rng.random() < 0.65 else "现场办理"
        number = f"BQ{i:09d}"
        file_rows.append(
            (
                number,
                item.code,
                channel,
                f"{timezone.localtime(received):%Y-%m-%d %H:%M:%S}",
                f"{timezone.localtime(completed):%Y-%m-%d %H:%M:%S}" if completed else "",
                "办理中" if pending else "办结（准予）",
                package[1],
                "是" if platform else "否",
            )
        )
        table_rows.append(
            (
                number,
                item.pk,
                "online" if channel == "网上办理" else "onsite",
                received,
                timezone.localtime(received).date(),
                completed,
                timezone.localtime(completed).date() if completed else None,
                "pending" if pending else "approved",
                item.promised_days,
                timezone.localtime(received).date() + timedelta(days=item.promised_days),
                None if pending else True,
                package[0],
                platform,
            )
        )
    data = write_csv(file_rows, [DEFAULT_HEADERS[f] for f in FIELDS])
    return data, table_rows


COPY_COLUMNS = (
    "number, item_id, channel, received_at, received_on, completed_at, completed_on, result, "
    "promised_days, due_date, on_time, package_id, via_platform, unit_id"
)


def bare_copy(table_rows, unit_id) -> float:
    buffer = io.StringIO()
    for r in table_rows:
        buffer.write(
            "\t".join("\\N" if v is None else ("t" if v is True else str(v)) for v in (*r, unit_id))
            + "\n"
        )
    text = buffer.getvalue()
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            t0 = time.perf_counter()
            with cursor.cursor.copy(
                f"COPY {ServiceApplication._meta.db_table} ({COPY_COLUMNS}) FROM STDIN"
            ) as copy:
                copy.write(text)
            elapsed = time.perf_counter() - t0
            raise Rollback
    except Rollback:
        pass
    return elapsed


def run_import(data, clerk) -> tuple[float, int]:
    try:
        with transaction.atomic():
            t0 = time.perf_counter()
            result = import_applications(data, actor=clerk, file_name="bench.csv")
            elapsed = time.perf_counter() - t0
            raise Rollback
    except Rollback:
        pass
    return elapsed, result.created


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    clerk, centre, items, packages = setup(rng)
    data, table_rows = generate(args.rows, items, packages, rng)
    print(f"file: {args.rows} rows, {len(data) / 1024 / 1024:.1f} MB (CSV, UTF-8)")
    imports, copies = [], []
    for _ in range(args.repeat):
        copies.append(bare_copy(table_rows, centre.pk))
        elapsed, created = run_import(data, clerk)
        assert created == args.rows, created
        imports.append(elapsed)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"bare COPY: best {min(copies):.2f} s, median {statistics.median(copies):.2f} s")
    print(f"import:    best {min(imports):.2f} s, median {statistics.median(imports):.2f} s")
    print(f"peak RSS: {rss:.0f} MB (target < {TARGET_RSS_MB} MB)")
    ratio = min(imports) / min(copies)
    print(f"import ÷ COPY: {ratio:.2f}×")
    sys.exit(0 if ratio <= TARGET_RATIO and rss < TARGET_RSS_MB else 1)


if __name__ == "__main__":
    main()
