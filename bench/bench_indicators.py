"""Benchmark: all indicators of one district-year, and the roll-up of a whole city-year.

At city scale (`manage.py synth --districts 10 --years 5`; run here if missing) it times
- the indicator backbone computing every catalog indicator for one district and 2024, against
  one hand-written SQL query per figure over the same rows (their results must agree);
  target: ≤ 1.5× the SQL time and under 1 s;
- the roll-up of the whole synthetic city for 2024 (every indicator for each district and for
  the city), target under 2 s.
Computed indicators of registers are compared when a hand-written query for their code is
listed in HAND_SQL (registers add theirs as they land); the others are timed but not compared.

Usage: DJANGO_SETTINGS_MODULE=config.settings .venv/bin/python bench/bench_indicators.py
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

from decimal import Decimal  # noqa: E402

from django.db import connection  # noqa: E402

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
IN_DISTRICT = """
    JOIN core_unit u ON u.id = t.unit_id
    JOIN core_division d ON d.id = u.division_id
    WHERE d.path LIKE %(path)s
"""


def _register_sql() -> dict[str, tuple[str, dict]]:
    """Hand-written queries for the registers' seed figures (code → (sql, extra params))."""
    from fazhi.advisors.models import VILLAGE_KINDS
    from fazhi.reconsideration.models import (
        CORRECTING_OUTCOMES,
        MEDIATED_OR_SETTLED_OUTCOMES,
        MERITS_OUTCOMES,
        Outcome,
    )

    case = "FROM reconsideration_reconsiderationcase t" + IN_DISTRICT
    closed = case + " AND t.status = 'closed' AND t.closed_on BETWEEN %(start)s AND %(end)s"
    review = (
        "SELECT COUNT(*) FROM review_reviewrequest t"
        + IN_DISTRICT
        + " AND t.subject_type = %(subject)s AND t.state = 'decided'"
        " AND t.opinion_issued_on BETWEEN %(start)s AND %(end)s"
    )
    campaign = (
        "SELECT COUNT(*) FROM normdocs_cleanupcampaign t"
        + IN_DISTRICT
        + " AND t.kind = %(kind)s AND t.state IN ('completed', 'published')"
        " AND t.completed_on BETWEEN %(start)s AND %(end)s"
    )
    cleanup = (
        "SELECT COUNT(*) FROM normdocs_cleanupitem t"
        " JOIN normdocs_cleanupcampaign c ON c.id = t.campaign_id"
        + IN_DISTRICT
        + " AND t.outcome = %(outcome)s AND c.kind = 'periodic'"
        " AND c.state IN ('completed', 'published')"
        " AND c.completed_on BETWEEN %(start)s AND %(end)s"
    )
    lawsuit = (
        "SELECT COUNT(*) FROM litigation_lawsuit t"
        + IN_DISTRICT
        + " AND t.instance = %(instance)s AND t.filed_on BETWEEN %(start)s AND %(end)s"
    )
    hearing = (
        "FROM litigation_lawsuithearing h JOIN litigation_lawsuit t ON t.id = h.lawsuit_id"
        + IN_DISTRICT
        + " AND h.held_on BETWEEN %(start)s AND %(end)s"
    )
    return {
        "reconsideration.received": (
            "SELECT COUNT(*) " + case + " AND t.received_on BETWEEN %(start)s AND %(end)s",
            {},
        ),
        "reconsideration.accepted": (
            "SELECT COUNT(*) " + case + " AND t.accepted_on BETWEEN %(start)s AND %(end)s",
            {},
        ),
        "reconsideration.closed": ("SELECT COUNT(*) " + closed, {}),
        "reconsideration.corrected": (
            "SELECT COUNT(*) " + closed + " AND t.outcome = ANY(%(outcomes)s)",
            {"outcomes": list(CORRECTING_OUTCOMES)},
        ),
        "reconsideration.mediated_or_settled": (
            "SELECT COUNT(*) " + closed + " AND t.outcome = ANY(%(outcomes)s)",
            {"outcomes": list(MEDIATED_OR_SETTLED_OUTCOMES)},
        ),
        "reconsideration.upheld_rate": (
            "SELECT CASE WHEN COUNT(*) FILTER (WHERE t.outcome = ANY(%(merits)s)) = 0 THEN NULL"
            " ELSE COUNT(*) FILTER (WHERE t.outcome = %(upheld)s) * 100.0"
            " / COUNT(*) FILTER (WHERE t.outcome = ANY(%(merits)s)) END " + closed,
            {"merits": list(MERITS_OUTCOMES), "upheld": Outcome.UPHELD},
        ),
        "litigation.first_instance": (lawsuit, {"instance": "first"}),
        "litigation.appeal": (lawsuit, {"instance": "appeal"}),
        "litigation.head_appearance_rate": (
            "SELECT CASE WHEN COUNT(*) = 0 THEN NULL ELSE COUNT(*) FILTER (WHERE"
            " h.appearance = 'head' AND h.head_name <> '' AND h.head_rank <> '') * 100.0"
            " / COUNT(*) END " + hearing,
            {},
        ),
        "decisions.executive_meetings": (
            "SELECT COUNT(*) FROM meetings_meeting t"
            + IN_DISTRICT
            + " AND t.kind = 'executive' AND t.held_on BETWEEN %(start)s AND %(end)s",
            {},
        ),
        "decisions.items_discussed": (
            "SELECT COUNT(*) FROM meetings_agendaitem t"
            " JOIN meetings_meeting m ON m.id = t.meeting_id"
            + IN_DISTRICT
            + " AND t.kind <> 'first_agenda_study' AND m.kind = 'executive'"
            " AND m.held_on BETWEEN %(start)s AND %(end)s",
            {},
        ),
        "review.documents": (review, {"subject": "government_document"}),
        "review.minutes": (review, {"subject": "minutes"}),
        "review.contracts": (review, {"subject": "contract"}),
        "review.department_documents": (review, {"subject": "department_document"}),
        "normdocs.filed": (
            "SELECT COUNT(*) FROM normdocs_normativedocument t"
            + IN_DISTRICT
            + " AND t.filed_on BETWEEN %(start)s AND %(end)s",
            {},
        ),
        "normdocs.cleanup_fair_competition": (campaign, {"kind": "fair_competition"}),
        "normdocs.cleanup_invalidated_upstream": (campaign, {"kind": "upstream"}),
        "normdocs.declared_invalid": (cleanup, {"outcome": "declare_invalid"}),
        "normdocs.remains_valid": (cleanup, {"outcome": "remains_valid"}),
        "normdocs.repealed": (cleanup, {"outcome": "repeal"}),
        "advisors.village_contracts": (
            "SELECT COUNT(DISTINCT t.unit_id) FROM advisors_advisorcontract t"
            + IN_DISTRICT
            + " AND u.kind = ANY(%(kinds)s) AND t.signed_on BETWEEN %(start)s AND %(end)s",
            {"kinds": list(VILLAGE_KINDS)},
        ),
    }


# code → (sql, extra params): hand-written queries for registers' computed indicators.
try:
    HAND_SQL: dict[str, tuple[str, dict]] = _register_sql()
except ImportError:  # a register not installed yet
    HAND_SQL = {}


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


def hand_queries(specs, scope, path):
    base = {"path": f"{path}%", "start": scope.start, "end": scope.end}
    queries = {}
    for code, spec in specs.items():
        if spec.source == Source.RETURNED:
            sql = STOCK_SQL if spec.kind == Kind.STOCK else FLOW_SQL
            queries[code] = (sql, {**base, "code": code})
        elif spec.kind == Kind.RATE and spec.numerator:
            num, den = specs.get(spec.numerator), specs.get(spec.denominator)
            if num and den and num.source == den.source == Source.RETURNED:
                queries[code] = (RATE_SQL, {**base, "num": spec.numerator, "den": spec.denominator})
        elif code in HAND_SQL:
            sql, extra = HAND_SQL[code]
            queries[code] = (sql, {**base, **extra})
    return queries


def run_sql(queries):
    results = {}
    with connection.cursor() as cursor:
        for code, (sql, params) in queries.items():
            cursor.execute(sql, params)
            results[code] = cursor.fetchone()[0]
    return results


def timed(func, runs=RUNS):
    times = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    return min(times), statistics.median(times), result


def compare(values, sql_values):
    mismatches = []
    for code, expected in sql_values.items():
        got = values[code].value
        if (got is None) != (expected is None) or (
            got is not None and abs(Decimal(got) - Decimal(expected)) > Decimal("0.0001")
        ):
            mismatches.append((code, got, expected))
    return mismatches


def main():
    from fazhi.indicators.seed import seed_codes

    city = ensure_synth()
    district = Division.objects.filter(parent=city).order_by("code").first()
    specs = all_specs()
    scope = scope_for(district, YEAR)
    queries = hand_queries(specs, scope, district.path)
    seeds = [code for code in seed_codes() if code in specs]
    seed_queries = {code: queries[code] for code in seeds if code in queries}

    # A: the seed report's figures, backbone vs one hand-written query per figure
    a_min, a_med, seed_values = timed(lambda: Computation(scope, specs=all_specs()).values(seeds))
    q_min, q_med, seed_sql = timed(lambda: run_sql(seed_queries))
    # B: every catalog indicator
    b_min, b_med, values = timed(lambda: Computation(scope, specs=all_specs()).values())
    s_min, s_med, sql_values = timed(lambda: run_sql(queries))

    def with_findings():
        comp = Computation(scope, specs=all_specs())
        comp.values()
        return comp.consistency_findings()

    f_min, f_med, findings = timed(with_findings)
    r_min, r_med, rolled = timed(lambda: rollup_all(division=city, year=YEAR), runs=5)

    mismatches = compare(seed_values, seed_sql) + compare(values, sql_values)
    missing_seed = sorted(set(seeds) - set(seed_queries))
    not_compared = sorted(set(values) - set(sql_values))
    ratio = a_min / q_min
    print(
        f"\n合成市 {Division.objects.filter(parent=city).count()} 个区县；测量区县：{district.name}，{YEAR} 年"
    )
    print(
        f"种子报告数字 {len(seeds)} 项，手写 SQL {len(seed_queries)} 条（缺 {missing_seed or '无'}）"
    )
    print(
        f"全部指标 {len(values)} 项；有手写 SQL 的 {len(sql_values)} 项；未对照 {len(not_compared)} 项"
    )
    print(f"结果不一致：{mismatches or '无'}")
    print("| 测量 | 最小 | 中位 | 目标 | 结论 |")
    print("|---|---|---|---|---|")
    print(
        f"| 种子报告全部数字，一个区县年度（指标骨架，{len(seeds)} 项） | {a_min * 1000:.1f} ms | {a_med * 1000:.1f} ms | < 1 s | {'通过' if a_min < 1 else '未通过'} |"
    )
    print(
        f"| 同一批数字，每项一条手写 SQL（{len(seed_queries)} 条） | {q_min * 1000:.1f} ms | {q_med * 1000:.1f} ms | — | — |"
    )
    print(
        f"| 比值（骨架 ÷ SQL） | {ratio:.2f}× | {a_med / q_med:.2f}× | ≤ 1.5× | {'通过' if ratio <= 1.5 else '未通过'} |"
    )
    print(
        f"| 目录全部指标，一个区县年度（{len(values)} 项） | {b_min * 1000:.1f} ms | {b_med * 1000:.1f} ms | < 1 s | {'通过' if b_min < 1 else '未通过'} |"
    )
    print(
        f"| 其中有手写 SQL 的 {len(sql_values)} 项，每项一条 | {s_min * 1000:.1f} ms | {s_med * 1000:.1f} ms | — | — |"
    )
    print(
        f"| 全部指标 + 一致性核查（{len(findings)} 项发现） | {f_min * 1000:.1f} ms | {f_med * 1000:.1f} ms | — | — |"
    )
    print(
        f"| 全市汇总：{len(rolled) - 1} 个区县 + 全市，全部指标 | {r_min * 1000:.1f} ms | {r_med * 1000:.1f} ms | < 2 s | {'通过' if r_min < 2 else '未通过'} |"
    )
    ok = (
        not mismatches
        and not missing_seed
        and a_min < 1
        and b_min < 1
        and ratio <= 1.5
        and r_min < 2
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
