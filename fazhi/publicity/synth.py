"""Synthetic city: each district-year's 普法 records at the demo's volumes, through the services
(the district's inactive office account is the actor).

Per district-year: two duties per department (about 90% completed), about 43 activities with
about 700 copies of materials and 10 consultations each, two livestreams with about 900 views
and 4,000 likes each. Per district, once: two 法治文化阵地, six 民主法治示范村 and three
法律明白人 per village.
"""

from __future__ import annotations

from datetime import date, timedelta

from fazhi.core.models import UnitKind
from fazhi.core.plugins import SynthContext, synth_step
from fazhi.publicity import services
from fazhi.publicity.models import CultureSite, PublicityDuty, SiteKind, VillageLevel
from fazhi.publicity.sample_data import CAMPAIGNS, DUTY_LAWS, LIVESTREAMS

VILLAGE_KINDS = (UnitKind.VILLAGE, UnitKind.COMMUNITY)


def _once_per_district(ctx: SynthContext, actor, justice, villages) -> None:
    if CultureSite.objects.filter(unit=justice).exists():
        return
    services.culture_site_record(
        actor=actor,
        unit=justice,
        name=f"{justice.division.name}法治文化广场",
        kind=SiteKind.SQUARE,
        location=justice.division.name,
        themes=round(ctx.vary(8)),
        opened_on=date(2019, 12, 4),
    )
    services.culture_site_record(
        actor=actor,
        unit=justice,
        name=f"{justice.division.name}法治文化长廊",
        kind=SiteKind.CORRIDOR,
        location=justice.division.name,
        themes=round(ctx.vary(12)),
        sculptures=ctx.rng.randrange(5),
        opened_on=date(2021, 6, 1),
    )
    for n, village in enumerate(ctx.rng.sample(villages, min(6, len(villages)))):
        services.demonstration_village_name(
            actor=actor,
            unit=village,
            level=VillageLevel.CITY if n else VillageLevel.PROVINCIAL,
            awarded_year=min(ctx.years) - 1 - n % 3,
        )
    for village in villages:
        for k in range(3):
            services.legal_literate_register(
                actor=actor,
                unit=village,
                name=f"{'刘陈杨'[k]}{village.name[:2]}",
                occupation="村（社区）干部",
                trained_on=date(min(ctx.years), 4, 18),
            )


def _year(ctx: SynthContext, actor, departments, justice, year: int) -> int:
    rng = ctx.rng
    duties = []
    for n, unit in enumerate(departments):
        for k in range(2):
            duties.append(
                services.duty_add(
                    actor=actor,
                    unit=unit,
                    year=year,
                    title=f"开展《{DUTY_LAWS[(n + k) % len(DUTY_LAWS)]}》主题宣传",
                    laws=DUTY_LAWS[(n + k) % len(DUTY_LAWS)],
                )
            )
    count = round(ctx.vary(43, 0.2))
    organisers = [justice] * 3 + departments
    events = []
    for day in ctx.dates(year, count):
        kind, title, *_rest = rng.choice(CAMPAIGNS)
        events.append(
            services.event_record(
                actor=actor,
                unit=rng.choice(organisers),
                kind=kind,
                title=f"{title}（{day:%m月%d日}）",
                held_on=day,
                place="辖区内",
                materials=round(ctx.vary(700, 0.5)),
                consultations=round(ctx.vary(10, 0.5)),
            )
        )
    for title, platform, _views, _likes in LIVESTREAMS:
        day = ctx.dates(year, 1)[0]
        services.livestream_record(
            actor=actor,
            unit=justice,
            title=title,
            platform=platform,
            held_on=day,
            views=round(ctx.vary(900, 0.5)),
            likes=round(ctx.vary(4000, 0.5)),
            stats_on=day + timedelta(days=30),
        )
    for duty in duties:
        if rng.random() < 0.9:
            services.duty_complete(
                actor=actor,
                duty=duty,
                on=date(year, 11, 1) + timedelta(days=rng.randrange(50)),
            )
    return len(events)


@synth_step
def publicity_records(ctx: SynthContext) -> str:
    total = 0
    for district in ctx.districts:
        actor = ctx.office_users[district.pk]
        units = ctx.units[district.pk]
        justice = next(u for u in units if u.is_justice_bureau)
        departments = sorted(
            (u for u in units if u.kind == UnitKind.DEPARTMENT), key=lambda u: u.pk
        )
        villages = sorted((u for u in units if u.kind in VILLAGE_KINDS), key=lambda u: u.pk)
        _once_per_district(ctx, actor, justice, villages)
        for year in ctx.years:
            if PublicityDuty.objects.filter(unit=justice, year=year).exists():
                continue
            total += _year(ctx, actor, departments, justice, year)
    return f"普法宣传（合成）：活动 {total} 次"
