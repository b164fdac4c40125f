"""Benchmark: full-text search over normative documents (title and body) with pg_trgm.

    DATABASE_URL=postgresql://… .venv/bin/python bench/bench_normdocs_search.py [--docs N]

Builds N published documents (title ~15 characters, body ~1,500 Chinese characters drawn from a
vocabulary of administrative phrases; a few planted terms), ANALYZEs, then times
`NormativeDocument.objects.search(term)` — `title LIKE '%term%' OR body LIKE '%term%'` served by
the two GIN trigram indexes — for 2-, 3- and 4-character terms, counting the matches, and reports
whether the plan uses the indexes. Everything runs in one transaction that is rolled back.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from fazhi.core.models import Division, DivisionLevel, Unit, UnitKind  # noqa: E402
from fazhi.normdocs.models import DocState, IssuerKind, NormativeDocument  # noqa: E402

FILLER = [
    "为规范管理",
    "根据有关法律法规",
    "结合本区实际",
    "制定本办法",
    "本办法适用于",
    "区人民政府",
    "有关部门",
    "应当依法",
    "履行职责",
    "加强监督检查",
    "建立健全",
    "工作机制",
    "申请人",
    "应当提交",
    "下列材料",
    "审核通过后",
    "予以公示",
    "违反本办法规定",
    "依法追究",
    "法律责任",
    "本办法自",
    "发布之日起",
    "施行",
    "有效期五年",
    "市场主体",
    "政务服务",
    "安全生产",
    "应急管理",
    "统筹协调",
    "组织实施",
    "信息共享",
    "考核评价",
    "档案管理",
]
# Each term is planted in 1 % of the documents' bodies; the filler never contains it.
TERMS = {
    "2 字": ["补贴", "物业"],
    "3 字": ["一网通", "营商环"],
    "4 字": ["公平竞争", "老旧小区"],
}
SHARE = 0.01


def build(count: int, rng: random.Random) -> None:
    district = Division.objects.create(
        code="990999", name="检索基准区", level=DivisionLevel.DISTRICT
    )
    unit = Unit.objects.create(name="检索基准单位", kind=UnitKind.DEPARTMENT, division=district)
    rows = []
    planted = [term for terms in TERMS.values() for term in terms]
    for index in range(count):
        words = rng.choices(FILLER, k=300)
        for term in planted:
            if rng.random() < SHARE:
                words.insert(rng.randrange(300), term)
        rows.append(
            NormativeDocument(
                unit=unit,
                title=f"蒸湘区{''.join(rng.choices(FILLER, k=2))}管理办法{index}",
                body="，".join(words) + "。",
                issuer_kind=IssuerKind.DEPARTMENT,
                state=DocState.PUBLISHED,
                registration_number=f"BENCH-2024-{index:05d}",
                published_on=date(2024, 1, 1),
                effective_on=date(2024, 2, 1),
                valid_until=date(2029, 1, 1),
            )
        )
        if len(rows) == 5000:
            NormativeDocument.objects.bulk_create(rows)
            rows = []
    NormativeDocument.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE normdocs_normativedocument")


def time_term(term: str, runs: int, *, index: bool) -> tuple[float, float, int, bool]:
    queryset = NormativeDocument.objects.search(term)
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL enable_bitmapscan = {'on' if index else 'off'}")
    durations, found = [], 0
    for _ in range(runs):
        start = time.perf_counter()
        found = queryset.count()
        durations.append(time.perf_counter() - start)
    plan = queryset.explain()
    return min(durations), statistics.median(durations), found, "trgm" in plan


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(2024)  # noqa: S311 - benchmark data
    with transaction.atomic():
        start = time.perf_counter()
        build(args.docs, rng)
        print(f"built {args.docs} documents in {time.perf_counter() - start:.1f} s")
        print("| term | matches | planner's choice: best / median | plan | seq scan forced |")
        print("|---|---|---|---|---|")
        for label, terms in TERMS.items():
            for term in terms:
                best, median, found, indexed = time_term(term, args.runs, index=True)
                seq_best, _m, seq_found, _i = time_term(term, args.runs, index=False)
                assert seq_found == found, (term, found, seq_found)
                plan = "GIN trigram" if indexed else "sequential"
                print(
                    f"| {label} “{term}” | {found} | {best * 1000:.1f} / {median * 1000:.1f} ms"
                    f" | {plan} | {seq_best * 1000:.1f} ms |"
                )
        transaction.set_rollback(True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
