"""Synthetic city: each district-year gets the demo district's enforcement volumes (271 exam
passes over two sittings, 33 removals, 100 officers at the first 大讲堂, one case-file review),
spread over its units by the seeded generator, through the services (`scenario.Year`).

To keep the city quick to build, the passes' certificates are not applied for here (the demo
district does that); every other record goes through the same services as the demo.
"""

from __future__ import annotations

from django.db import transaction

from fazhi.core.models import UnitKind
from fazhi.core.plugins import SynthContext, synth_step
from fazhi.enforcement.models import ExamSitting
from fazhi.enforcement.scenario import Plan, UnitPlan, Year

FIRST, FIRST_FAILED, RETAKE_FAILED, SECOND_NEW = 160, 29, 9, 120  # 131 + 140 = 271 passes
OFF_ROLL, LEFT, EXPIRED = 20, 8, 5  # 33 removals
DEFECTS = ("one_officer", "no_notice", "late_decision", "no_legal_review")


def _deal(ctx: SynthContext, total: int, names: list[str], room) -> dict[str, int]:
    """Hand out `total` one at a time to random names that still have room."""
    given = dict.fromkeys(names, 0)
    for _ in range(total):
        open_names = [n for n in names if given[n] < room(n)]
        given[ctx.rng.choice(open_names)] += 1
    return given


def plan_for(ctx: SynthContext, district, year: int, departments: list[str], towns: list[str]):
    names = departments + towns
    first = dict(zip(departments, ctx.spread(FIRST, len(departments)), strict=True))
    failed = _deal(ctx, FIRST_FAILED, departments, lambda n: first[n])
    retake = _deal(ctx, RETAKE_FAILED, departments, lambda n: failed[n])
    second = dict(zip(names, ctx.spread(SECOND_NEW, len(names)), strict=True))
    staff = {n: 5 for n in names}
    off_roll = _deal(ctx, OFF_ROLL, names, lambda n: 1)
    left = _deal(ctx, LEFT, names, lambda n: 1)
    expired = _deal(ctx, EXPIRED, names, lambda n: 1)
    units = {}
    for name in names:
        defects = (
            (ctx.rng.choice(DEFECTS),) if name in departments and ctx.rng.random() < 0.4 else ()
        )
        units[name] = UnitPlan(
            staff=staff[name],
            old_certificates=expired[name] + (1 if ctx.rng.random() < 0.1 else 0),
            first_sitting=first.get(name, 0),
            first_failed=failed.get(name, 0),
            retake_failed=retake.get(name, 0),
            second_sitting=second[name],
            off_roll=off_roll[name],
            left=left[name],
            expired_removed=expired[name],
            cases=4 if name in departments else 2,
            defects=defects,
        )
    return Plan(
        year=year,
        units=units,
        review_units=departments,
        seed=f"{district.code}{year}",
        id_prefix=district.code,
        certificates=False,
    )


@synth_step
def enforcement_records(ctx: SynthContext) -> str:
    built = 0
    for district in ctx.districts:
        units = ctx.units[district.pk]
        bureau = next(u for u in units if u.is_justice_bureau)
        actor = ctx.office_users[district.pk]
        departments = sorted(u.name for u in units if u.is_enforcement_body)
        towns = sorted(u.name for u in units if u.kind in (UnitKind.TOWN, UnitKind.SUBDISTRICT))
        by_name = {u.name: u for u in units}
        for year in ctx.years:
            if ExamSitting.objects.filter(unit=bureau, held_on__year=year).exists():
                continue
            with transaction.atomic():
                plan = plan_for(ctx, district, year, departments, towns)
                run = Year(plan, supervisor=actor, bureau=bureau, units=by_name, rng=ctx.rng)
                run.existing_staff()
                run.ledger()
                run.trainings(district)
                run.exams()
                run.removals()
                run.review()
            built += 1
    return f"行政执法（合成）：{built} 个区县年度"
