"""Demo step: the demo district's 2024 job fairs (seed 一(二)) and livestream fairs (直播带岗),
at the volumes of the demo plan (`demo_plan.json`). Employers and positions come in as the
recruitment platform's list through the one import path.

ILLUSTRATIVE: fair names and dates, employer names, positions and the split of every total
over fairs and employers; the totals are the plan's.
"""

from __future__ import annotations

import random
from datetime import date

from fazhi.core.imports import run_import
from fazhi.core.models import Role, User
from fazhi.core.plugins import ORDER_REGISTER, demo_step
from fazhi.core.xlsx import build_workbook
from fazhi.employment.imports import POSITION_COLUMNS, POSITION_IMPORT
from fazhi.employment.models import FairKind, JobFair
from fazhi.employment.services import fair_record_outcome, fair_register
from fazhi.employment.volumes import TITLES, demo_plan, spread

YEAR = 2024
HR_BUREAU = "蒸湘区人力资源和社会保障局"
FIRST_FAIR = "“岗为媒”高校毕业生暨民营企业服务月专场招聘会"


def _fairs(actor, kind, count, rng, names):
    months = sorted(rng.choices(range(1, 13), k=count))
    return [
        fair_register(actor=actor, name=names(i), kind=kind, held_on=date(YEAR, m, rng.randint(1, 28)),
                      organiser="蒸湘区人力资源和社会保障局", venue="区人力资源市场" if kind != FairKind.LIVESTREAM else "抖音直播间")
        for i, m in enumerate(months)
    ]  # fmt: skip


def _position_rows(fairs, employers, positions, rng, serial):
    rows = []
    for fair, n_employers, n_positions in zip(
        fairs,
        spread(employers, len(fairs), rng, floor=5),
        spread(positions, len(fairs), rng, floor=20),
        strict=True,
    ):
        per_employer = spread(n_positions, n_employers, rng, floor=1)
        for openings in per_employer:
            name = f"衡阳市蒸湘区示例企业{next(serial):04d}有限公司"
            if openings >= 2 and rng.random() < 0.5:
                first = openings // 2
                rows.append([fair.name, name, "", rng.choice(TITLES), first])
                rows.append([fair.name, name, "", "储备干部", openings - first])
            else:
                rows.append([fair.name, name, "", rng.choice(TITLES), openings])
    return rows


@demo_step(order=ORDER_REGISTER + 6)
def load_employment(context: dict) -> str:
    bureau = context["units"][HR_BUREAU]
    if JobFair.objects.filter(unit=bureau, held_on__year=YEAR).exists():
        return "就业服务：2024 年度招聘会已存在"
    rng = random.Random(2024)  # noqa: S311 - demo data
    fair_plan, stream_plan = demo_plan()["job_fairs"], demo_plan()["livestreams"]
    actor = User.objects.filter(unit=bureau, roles__contains=[Role.CLERK]).first()
    fairs = _fairs(actor, FairKind.ONSITE, fair_plan["fairs"], rng,
                   lambda i: FIRST_FAIR if i == 0 else f"{YEAR}年蒸湘区第{i + 1}场{'线上' if i % 3 == 0 else '线下'}招聘会")  # fmt: skip
    for fair in fairs[::3]:
        fair.kind = FairKind.ONLINE
        fair.save(update_fields=["kind"])
    streams = _fairs(actor, FairKind.LIVESTREAM, stream_plan["fairs"], rng,
                     lambda i: f"{YEAR}年“直播带岗”第{i + 1}期")  # fmt: skip
    serial = iter(range(1, 100000))
    rows = _position_rows(fairs, fair_plan["employers"], fair_plan["positions"], rng, serial)
    rows += _position_rows(streams, stream_plan["employers"], stream_plan["positions"], rng, serial)
    data = build_workbook([c.header for c in POSITION_COLUMNS], rows, title="招聘平台岗位清单")
    result = run_import(POSITION_IMPORT, data, actor=actor)
    matches, leaflets = (
        spread(fair_plan["matches"], len(fairs), rng),
        spread(fair_plan["leaflets"], len(fairs), rng),
    )
    for fair, matched, handed in zip(fairs, matches, leaflets, strict=True):
        fair_record_outcome(
            actor=actor, fair=fair, applicants=matched * 3, matches=matched, leaflets=handed
        )
    for stream in streams:
        fair_record_outcome(
            actor=actor, fair=stream, applicants=0, matches=0, views=rng.randint(3000, 12000)
        )
    return f"就业服务：招聘会 {len(fairs)} 场、直播带岗 {len(streams)} 场，企业岗位 {result.created} 条"
