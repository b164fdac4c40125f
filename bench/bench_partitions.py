"""Benchmark (issue 19, province plan): the same year-bounded indicator query on the service
applications table as it is and partitioned by year, with the partitions the planner reads.

In a scratch schema (dropped at the end), two copies of `govservices_serviceapplication`'s
columns are filled with the same ROWS generated rows (received 2020–2024, spread over the
database's units): `flat`, one table as today, and `by_year`, declaratively partitioned by
RANGE of `received_on`, one partition per year. Both get the indexes the model has on
(unit, received_on). The query is the one the indicator `services.applications` runs (its SQL
taken from the registered function for the whole city's scope in 2024), pointed at each copy.

Printed: rows, the fill time of each copy, EXPLAIN's partitions for the partitioned copy (only
the 2024 partition must appear: pruning), and best/median of RUNS executions of the query on
each copy. Usage: DATABASE_URL=… .venv/bin/python bench/bench_partitions.py [--rows N] [--runs R]
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from fazhi.core.models import Division, Unit  # noqa: E402
from fazhi.govservices.indicators import applications  # noqa: E402
from fazhi.indicators.compute import scope_for  # noqa: E402

TABLE = "govservices_serviceapplication"
SCHEMA = "bench_partitions"
YEARS = range(2020, 2025)
COLUMNS = (
    "id bigint NOT NULL, unit_id bigint NOT NULL, number varchar(64) NOT NULL,"
    " item_id bigint NOT NULL, channel varchar(8) NOT NULL, received_at timestamptz NOT NULL,"
    " received_on date NOT NULL, completed_at timestamptz, completed_on date,"
    " result varchar(16) NOT NULL, promised_days smallint NOT NULL, due_date date NOT NULL,"
    " on_time boolean, package_id bigint, via_platform boolean NOT NULL, batch_id bigint,"
    " calendar_version integer"
)
FILL = f"""
INSERT INTO {SCHEMA}.TARGET
SELECT n, units[1 + n %% cardinality(units)], 'BENCH-' || n, 1,
       CASE WHEN n %% 3 = 0 THEN 'onsite' ELSE 'online' END,
       day::timestamptz, day, day::timestamptz + interval '3 days', day + 3,
       'approved', 5, day + 7, true, NULL, false, NULL, 1
  FROM (SELECT n, DATE '2020-01-01' + (n * 7919 %% 1827)::int AS day
          FROM generate_series(1::bigint, %s) AS n) AS rows,
       (SELECT array_agg(id ORDER BY id) AS units FROM core_unit) AS pool
"""  # noqa: S608 - constant names


def create_tables(cursor) -> None:
    cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE; CREATE SCHEMA {SCHEMA}")
    cursor.execute(f"CREATE TABLE {SCHEMA}.flat ({COLUMNS}, PRIMARY KEY (id))")
    cursor.execute(
        f"CREATE TABLE {SCHEMA}.by_year ({COLUMNS}, PRIMARY KEY (id, received_on))"
        " PARTITION BY RANGE (received_on)"
    )
    for year in YEARS:
        cursor.execute(
            f"CREATE TABLE {SCHEMA}.by_year_{year} PARTITION OF {SCHEMA}.by_year"
            f" FOR VALUES FROM ('{year}-01-01') TO ('{year + 1}-01-01')"
        )
    cursor.execute(f"CREATE TABLE {SCHEMA}.by_year_default PARTITION OF {SCHEMA}.by_year DEFAULT")


def fill(cursor, table: str, rows: int) -> float:
    started = time.perf_counter()
    cursor.execute(FILL.replace("TARGET", table), [rows])
    cursor.execute(f"CREATE INDEX ON {SCHEMA}.{table} (unit_id, received_on)")
    cursor.execute(f"ANALYZE {SCHEMA}.{table}")
    return time.perf_counter() - started


def indicator_sql() -> tuple[str, tuple]:
    """The SQL `services.applications` counts with, for the whole city in 2024."""
    city = Division.objects.filter(parent__isnull=True).first() or Unit.objects.first()
    queryset = applications(scope_for(city, 2024)).values("pk")
    sql, params = queryset.query.sql_with_params()
    return f"SELECT count(*) FROM ({sql}) AS counted", params


def plan_partitions(node) -> set[str]:
    names = {node["Relation Name"]} if "Relation Name" in node else set()
    for child in node.get("Plans", []):
        names |= plan_partitions(child)
    return names


def timed(cursor, sql, params, runs) -> tuple[list[float], int]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        cursor.execute(sql, params)
        count = cursor.fetchone()[0]
        times.append(time.perf_counter() - started)
    return times, count


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2_500_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sql, params = indicator_sql()
    with connection.cursor() as cursor:
        create_tables(cursor)
        try:
            fills = {table: fill(cursor, table, args.rows) for table in ("flat", "by_year")}
            print(f"行数：{args.rows:,}（{YEARS.start}–{YEARS.stop - 1} 年受理）")
            results = {}
            for table in ("flat", "by_year"):
                pointed = sql.replace(f'"{TABLE}"', f"{SCHEMA}.{table}")
                cursor.execute(f"EXPLAIN (FORMAT JSON) {pointed}", params)
                plan = cursor.fetchone()[0]
                plan = json.loads(plan) if isinstance(plan, str) else plan
                read = sorted(plan_partitions(plan[0]["Plan"]) - {"core_unit", "core_division"})
                times, count = timed(cursor, pointed, params, args.runs)
                results[table] = statistics.median(times)
                print(
                    f"{table}: 填充 {fills[table]:.1f} s；2024 年受理 {count:,} 件；"
                    f"查询 最好 {min(times) * 1000:.1f} ms，中位 {results[table] * 1000:.1f} ms；"
                    f"计划读取的表：{', '.join(read)}"
                )
            print(f"分区 ÷ 不分区（中位）：{results['by_year'] / results['flat']:.2f}×")
        finally:
            cursor.execute(f"DROP SCHEMA {SCHEMA} CASCADE")


if __name__ == "__main__":
    main()
