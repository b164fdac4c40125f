"""Benchmark: the seed report's figures of one district-year, and the roll-up of a city-year.

It times
- the indicator backbone computing every figure of the seed report (fazhi/indicators/seed.py)
  for one district and one year, against the grouped hand-written baseline (bench/grouped_sql.py:
  the returned flows in one GROUP BY, the returned stocks in one DISTINCT ON, every register
  figure in one UNION ALL of one aggregating scan per table, the rates computed from their parts
  in Python); every figure's hand value must agree with the backbone's. Target: backbone ÷
  grouped SQL ≤ 1.5× and under 1 s. The older baseline, one hand-written query per figure, is
  timed beside it;
- every catalog indicator of the district-year (compared where a hand-written query exists);
- without `--district`: the roll-up of the whole synthetic city (`manage.py synth --districts 10
  --years 5`, run here if missing), target under 2 s.

The bench only reads: its session is read-only.

Usage: DJANGO_SETTINGS_MODULE=config.settings .venv/bin/python bench/bench_indicators.py
         [--district 蒸湘区|合成一区|<code>] [--year 2024] [--runs 7] [--seed-only]
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from decimal import Decimal  # noqa: E402

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from grouped_sql import (  # noqa: E402
    RATES,
    grouped_statement,
    per_figure_statements,
    rate,
    scanned_codes,
    scans,
)

from fazhi.core.models import Division  # noqa: E402
from fazhi.demo.synth import CITY, run_synth  # noqa: E402
from fazhi.indicators.catalog import all_specs  # noqa: E402
from fazhi.indicators.compute import Computation, scope_for  # noqa: E402
from fazhi.indicators.registry import Kind, Source  # noqa: E402
from fazhi.indicators.selectors import rollup_all  # noqa: E402

DISTRICTS, YEARS, YEAR = 10, 5, 2024
RUNS = 7

FROM = """
    FROM indicators_returnedvalue v
    JOIN indicators_indicator i ON i.id = v.indicator_id
    JOIN core_unit u ON u.id = v.unit_id
    JOIN core_division d ON d.id = u.division_id
    WHERE v.effective AND d.path LIKE %(path)s
      AND v.period_start >= %(start)s AND v.period_end <= %(end)s
"""
FLOW_SQL = "SELECT SUM(v.value) " + FROM + " AND i.code = %(code)s"
STOCK_SQL = (
    "SELECT SUM(value) FROM (SELECT DISTINCT ON (v.unit_id) v.value "
    + FROM
    + " AND i.code = %(code)s ORDER BY v.unit_id, v.period_end DESC) latest"
)
RATE_SQL = (
    "SELECT CASE WHEN SUM(v.value) FILTER (WHERE i.code = %(den)s) = 0 THEN NULL ELSE "
    "SUM(v.value) FILTER (WHERE i.code = %(num)s) * 100 "
    "/ SUM(v.value) FILTER (WHERE i.code = %(den)s) END "
    + FROM
    + " AND i.code IN (%(num)s, %(den)s)"
)
# The grouped baseline's returned figures: every flow in one GROUP BY, every stock (each unit's
# latest value of the period) in one DISTINCT ON.
GROUPED_FLOWS = (
    "SELECT i.code, SUM(v.value) " + FROM + " AND i.code = ANY(%(codes)s) GROUP BY i.code"
)
GROUPED_STOCKS = (
    "SELECT latest.code, SUM(latest.value) FROM (SELECT DISTINCT ON (v.unit_id, v.indicator_id)"
    " i.code, v.value "
    + FROM
    + " AND i.code = ANY(%(codes)s) ORDER BY v.unit_id, v.indicator_id, v.period_end DESC) latest"
    " GROUP BY latest.code"
)


def ensure_synth() -> Division:
    city = Division.objects.filter(code=CITY[0]).first()
    have = Division.objects.filter(parent=city).count() if city else 0
    if have < DISTRICTS:
        print(f"生成合成数据：synth --districts {DISTRICTS} --years {YEARS} …", flush=True)
        started = time.perf_counter()
        for line in run_synth(districts=DISTRICTS, years=YEARS, end_year=YEAR):
            print("  " + line)
        print(f"  用时 {time.perf_counter() - started:.1f} s")
        city = Division.objects.get(code=CITY[0])
    return city


def find_district(name_or_code: str) -> Division:
    found = list(Division.objects.filter(name=name_or_code)) or list(
        Division.objects.filter(code=name_or_code)
    )
    if len(found) != 1:
        sys.exit(f"找不到唯一的区划：{name_or_code}（{len(found)} 个）")
    return found[0]


def read_only() -> None:
    """The bench only reads: any write of the session fails instead of changing the data."""
    with connection.cursor() as cursor:
        cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")


class Baseline:
    """The hand-written SQL of a set of figures, grouped (3 statements at most) or per figure."""

    def __init__(self, specs, codes, scope, path):
        self.base = {"path": f"{path}%", "start": scope.start, "end": scope.end, "year": scope.year}
        self.codes = list(codes)
        self.scans = scans()
        scanned = scanned_codes(self.scans)
        self.flows, self.stocks, self.returned_rates = [], [], {}
        self.missing = []
        for code in self.codes:
            spec = specs[code]
            if spec.source == Source.RETURNED:
                (self.stocks if spec.kind == Kind.STOCK else self.flows).append(code)
            elif code in RATES or code in scanned:
                continue
            elif spec.kind == Kind.RATE and spec.numerator:
                num, den = specs.get(spec.numerator), specs.get(spec.denominator)
                if num and den and num.source == den.source == Source.RETURNED:
                    self.returned_rates[code] = (spec.numerator, spec.denominator)
                    for part in (num, den):
                        (self.stocks if part.kind == Kind.STOCK else self.flows).append(part.code)
                else:
                    self.missing.append(code)
            else:
                self.missing.append(code)
        self.sql, self.slots, params = grouped_statement(self.scans)
        self.params = {**self.base, **params}

    @property
    def statements(self) -> int:
        return 1 + bool(self.flows) + bool(self.stocks)

    def grouped(self) -> dict:
        found = {}
        with connection.cursor() as cursor:
            for codes, sql in ((self.flows, GROUPED_FLOWS), (self.stocks, GROUPED_STOCKS)):
                if codes:
                    found.update(dict.fromkeys(codes))  # no accepted value: none
                    cursor.execute(sql, {**self.base, "codes": codes})
                    found.update(cursor.fetchall())
            cursor.execute(self.sql, self.params)
            for slot, value in cursor.fetchall():
                found[self.slots[slot]] = value
        return self.finish(found)

    def per_figure_queries(self) -> dict:
        queries = {}
        for code in self.flows:
            queries[code] = (FLOW_SQL, {**self.base, "code": code})
        for code in self.stocks:
            queries[code] = (STOCK_SQL, {**self.base, "code": code})
        for code, (sql, params) in per_figure_statements(self.scans).items():
            queries[code] = (sql, {**self.base, **params})
        return queries

    def per_figure(self, queries) -> dict:
        found = {}
        with connection.cursor() as cursor:
            for code, (sql, params) in queries.items():
                cursor.execute(sql, params)
                found[code] = cursor.fetchone()[0]
        return self.finish(found)

    def finish(self, found: dict) -> dict:
        for code, (num, den) in [*RATES.items(), *self.returned_rates.items()]:
            if num in found and den in found:
                found[code] = rate(found[num], found[den])
        return {code: found[code] for code in self.codes if code in found}


def hand_queries(specs, scope, path):
    """One hand-written query per catalog figure that has one (returned ones, their rates, and
    the register figures of bench/grouped_sql.py); the register rates come from their parts."""
    base = {"path": f"{path}%", "start": scope.start, "end": scope.end, "year": scope.year}
    queries = {}
    for code, spec in specs.items():
        if spec.source == Source.RETURNED:
            sql = STOCK_SQL if spec.kind == Kind.STOCK else FLOW_SQL
            queries[code] = (sql, {**base, "code": code})
        elif spec.kind == Kind.RATE and spec.numerator:
            num, den = specs.get(spec.numerator), specs.get(spec.denominator)
            if num and den and num.source == den.source == Source.RETURNED:
                queries[code] = (RATE_SQL, {**base, "num": spec.numerator, "den": spec.denominator})
    for code, (sql, params) in per_figure_statements(scans()).items():
        if code in specs:
            queries[code] = (sql, {**base, **params})
    return queries


def run_sql(queries):
    results = {}
    with connection.cursor() as cursor:
        for code, (sql, params) in queries.items():
            cursor.execute(sql, params)
            results[code] = cursor.fetchone()[0]
    for code, (num, den) in RATES.items():
        if num in results and den in results:
            results[code] = rate(results[num], results[den])
    return results


def timed(func, runs=RUNS):
    """Best and median; the figures kept between requests are emptied before each run, so
    that every run computes (`indicators.figure_cache`)."""
    times = []
    result = None
    for _ in range(runs):
        cache.clear()
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times), result


def timed_together(funcs, runs=RUNS):
    """Each function once per round, in turn, so that a busy machine slows all alike."""
    times = [[] for _ in funcs]
    results = [None] * len(funcs)
    for _ in range(runs):
        for i, func in enumerate(funcs):
            cache.clear()  # nothing kept: every run computes
            started = time.perf_counter()
            results[i] = func()
            times[i].append(time.perf_counter() - started)
    return [(min(t), statistics.median(t), r) for t, r in zip(times, results, strict=True)]


def compare(values, sql_values):
    mismatches = []
    for code, expected in sql_values.items():
        if code not in values:
            continue
        got = values[code].value
        if (got is None) != (expected is None) or (
            got is not None and abs(Decimal(got) - Decimal(expected)) > Decimal("0.0001")
        ):
            mismatches.append((code, got, expected))
    return mismatches


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main():
    from fazhi.indicators.seed import seed_codes

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--district", help="区县名称或代码（默认：合成市按代码排第一的区县）")
    parser.add_argument("--year", type=int, default=YEAR)
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument(
        "--seed-only", action="store_true", help="只测种子报告数字（不测全部指标和全市汇总）"
    )
    args = parser.parse_args()
    if args.district:
        read_only()
        district, city = find_district(args.district), None
    else:
        city = ensure_synth()  # may generate the synthetic city; read-only from here
        read_only()
        district = Division.objects.filter(parent=city).order_by("code").first()
    runs = args.runs
    specs = all_specs()
    scope = scope_for(district, args.year)
    seeds = [code for code in seed_codes() if code in specs]
    not_registered = sorted(set(seed_codes()) - set(specs))
    baseline = Baseline(specs, seeds, scope, district.path)
    per_figure = baseline.per_figure_queries()

    def backbone():
        return Computation(scope, specs=all_specs()).values(seeds)

    with CaptureQueriesContext(connection) as captured:
        backbone()
    backbone_sql = [query["sql"] for query in captured.captured_queries]
    backbone_statements = len(backbone_sql)

    def replay():
        """The backbone's own statements again, without its Python: how much is SQL."""
        with connection.cursor() as cursor:
            for sql in backbone_sql:
                cursor.execute(sql)
                cursor.fetchall()

    # A: the seed report's figures: backbone, grouped hand SQL, one hand query per figure
    timings = timed_together(
        [backbone, baseline.grouped, lambda: baseline.per_figure(per_figure), replay], runs=runs
    )
    (a_min, a_med, seed_values), (g_min, g_med, grouped), (q_min, q_med, seed_sql) = timings[:3]
    p_min, p_med, _replayed = timings[3]
    grouped_mismatches = compare(seed_values, grouped)
    per_figure_mismatches = compare(seed_values, seed_sql)
    missing = sorted(set(seeds) - set(grouped))
    ratio, ratio_med = a_min / g_min, a_med / g_med

    where = f"{district.name}（{district.code}），{args.year} 年"
    print(f"\n数据库：{connection.settings_dict['NAME']}；测量区县：{where}")
    print(
        f"种子报告数字 {len(seeds)} 项（未注册 {not_registered or '无'}）；"
        f"手写 SQL 覆盖 {len(grouped)} 项（缺 {missing or '无'}）"
    )
    print(
        f"语句数：骨架 {backbone_statements} 条；分组手写 SQL {baseline.statements} 条"
        f"（填报流量 {len(baseline.flows)} 项、填报存量 {len(baseline.stocks)} 项、"
        f"登记簿 {len(baseline.slots)} 项 / {len(baseline.scans)} 个表扫描）；"
        f"逐项手写 SQL {len(per_figure)} 条"
    )
    for code, got, expected in grouped_mismatches:
        print(f"  不一致（分组 SQL）：{code} 骨架 {got} ≠ 手写 {expected}")
    for code, got, expected in per_figure_mismatches:
        print(f"  不一致（逐项 SQL）：{code} 骨架 {got} ≠ 手写 {expected}")
    if not grouped_mismatches and not per_figure_mismatches:
        print(f"结果一致：{len(grouped)} 项全部相同")
    print("| 测量 | 最小 | 中位 | 目标 | 结论 |")
    print("|---|---|---|---|---|")
    print(
        f"| 种子报告全部数字，一个区县年度（指标骨架，{len(seeds)} 项） | {ms(a_min)} | {ms(a_med)} "
        f"| < 1 s | {'通过' if a_min < 1 else '未通过'} |"
    )
    print(
        f"| 同一批数字，分组手写 SQL（{baseline.statements} 条语句） | {ms(g_min)} | {ms(g_med)} "
        "| — | — |"
    )
    print(
        f"| **比值（骨架 ÷ 分组 SQL）** | **{ratio:.2f}×** | {ratio_med:.2f}× | ≤ 1.5× "
        f"| {'通过' if ratio <= 1.5 else '未通过'} |"
    )
    print(
        f"| 同一批数字，每项一条手写 SQL（{len(per_figure)} 条） | {ms(q_min)} | {ms(q_med)} "
        f"| — | — |"
    )
    print(
        f"| 骨架自身的 {backbone_statements} 条语句回放（不含 Python） | {ms(p_min)} | {ms(p_med)} "
        f"| — | — |"
    )
    print(f"| 比值（骨架 ÷ 逐项 SQL） | {a_min / q_min:.2f}× | {a_med / q_med:.2f}× | — | — |")
    ok = (
        not grouped_mismatches
        and not per_figure_mismatches
        and not missing
        and not not_registered
        and a_min < 1
        and ratio <= 1.5
    )
    if args.seed_only:
        sys.exit(0 if ok else 1)

    # B: every catalog indicator
    queries = hand_queries(specs, scope, district.path)
    (b_min, b_med, values), (s_min, s_med, sql_values) = timed_together(
        [lambda: Computation(scope, specs=all_specs()).values(), lambda: run_sql(queries)],
        runs=runs,
    )

    def with_findings():
        comp = Computation(scope, specs=all_specs())
        comp.values()
        return comp.consistency_findings()

    f_min, f_med, findings = timed(with_findings, runs=runs)
    mismatches = compare(values, sql_values)
    for code, got, expected in mismatches:
        print(f"  不一致（全部指标）：{code} 骨架 {got} ≠ 手写 {expected}")
    compared = len([c for c in sql_values if c in values])
    print(
        f"| 目录全部指标，一个区县年度（{len(values)} 项） | {ms(b_min)} | {ms(b_med)} | < 1 s "
        f"| {'通过' if b_min < 1 else '未通过'} |"
    )
    print(f"| 其中有手写 SQL 的 {compared} 项，每项一条 | {ms(s_min)} | {ms(s_med)} | — | — |")
    print(
        f"| 全部指标 + 一致性核查（{len(findings)} 项发现） | {ms(f_min)} | {ms(f_med)} | — | — |"
    )
    ok = ok and not mismatches and b_min < 1
    if city is not None:
        r_min, r_med, rolled = timed(lambda: rollup_all(division=city, year=args.year), runs=5)
        print(
            f"| 全市汇总：{len(rolled) - 1} 个区县 + 全市，全部指标 | {ms(r_min)} | {ms(r_med)} "
            f"| < 2 s | {'通过' if r_min < 2 else '未通过'} |"
        )
        ok = ok and r_min < 2
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
