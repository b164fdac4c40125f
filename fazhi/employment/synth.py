"""Synthetic job fairs for `manage.py synth`: per district-year the demo plan's volumes (±30 %),
employers and positions through the services. Idempotent per district-year."""

from __future__ import annotations

from fazhi.core.plugins import SynthContext, synth_step
from fazhi.employment.models import FairKind, JobFair
from fazhi.employment.services import fair_record_outcome, fair_register, positions_record
from fazhi.employment.volumes import TITLES, demo_plan, spread


def _fairs(ctx, bureau, year, kind, count, employers, positions, matches=0, leaflets=0):
    fairs = []
    for i, held_on in enumerate(ctx.dates(year, count)):
        fair = fair_register(actor=None, unit=bureau, name=f"{year}年{kind.label}第{i + 1}场",
                             kind=kind, held_on=held_on, organiser=bureau.name)  # fmt: skip
        fairs.append(fair)
    for fair, n_employers, n_positions in zip(fairs, spread(employers, count, ctx.rng, floor=2),
                                              spread(positions, count, ctx.rng, floor=10), strict=True):  # fmt: skip
        rows = [{"employer": f"合成企业{fair.pk}-{e}", "uscc": "", "title": ctx.rng.choice(TITLES), "openings": o}
                for e, o in enumerate(spread(n_positions, n_employers, ctx.rng, floor=1))]  # fmt: skip
        positions_record(actor=None, fair=fair, rows=rows)
    if matches:
        for fair, m, lf in zip(
            fairs, spread(matches, count, ctx.rng), spread(leaflets, count, ctx.rng), strict=True
        ):
            fair_record_outcome(actor=None, fair=fair, applicants=m * 3, matches=m, leaflets=lf)
    return len(fairs)


def _varied(ctx: SynthContext, kind: str) -> list[int]:
    """The plan's volumes of one kind of fair (fairs, employers, positions[, matches, leaflets]),
    each varied for a district-year."""
    return [round(ctx.vary(v)) for v in demo_plan()[kind].values()]


@synth_step
def employment_records(ctx: SynthContext) -> str:
    made = 0
    for district in ctx.districts:
        bureau = next(u for u in ctx.units_of(district) if u.name.endswith("人力资源和社会保障局"))
        for year in ctx.years:
            if JobFair.objects.filter(unit=bureau, held_on__year=year).exists():
                continue
            made += _fairs(ctx, bureau, year, FairKind.ONSITE, *_varied(ctx, "job_fairs"))
            made += _fairs(ctx, bureau, year, FairKind.LIVESTREAM, *_varied(ctx, "livestreams"))
    return f"就业服务（合成）：招聘会 {made} 场"
