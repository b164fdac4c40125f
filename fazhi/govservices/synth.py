"""Synthetic government services for `manage.py synth`: per district-year the demo's volumes
(`demo_plan.json`) varied ±30 %: the applications as one platform export through the bulk
import (the same path as the demo and the office), the hall tallies through the tally service;
the item catalog and 一件事 once per district. Idempotent per district-year."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from fazhi.core.models import Role, UnitKind, User
from fazhi.core.plugins import SynthContext, synth_step
from fazhi.deadlines.calendar import load_calendar
from fazhi.govservices import bulk
from fazhi.govservices.models import ItemType, OneThingPackage, ServiceApplication, ServiceItem
from fazhi.govservices.services import item_register, package_register, tallies_record
from fazhi.govservices.volumes import demo_plan


def _centre(ctx, district):
    return next(u for u in ctx.units_of(district) if u.name.endswith("政务服务中心"))


def _actor(centre) -> User:
    user, created = User.objects.get_or_create(
        username=f"synth_zwzx_{centre.pk}",
        defaults={"unit": centre, "roles": [Role.CLERK], "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


def _catalog(ctx, district, centre, actor):
    items = list(ServiceItem.objects.filter(unit=centre))
    if items:
        return items, list(OneThingPackage.objects.filter(unit=centre, active=True))
    departments = [u for u in ctx.units_of(district, kind=UnitKind.DEPARTMENT) if u != centre]
    for i in range(round(ctx.vary(demo_plan()["items"]))):
        claimed = ctx.rng.random() < 0.8
        items.append(
            item_register(
                actor=actor, unit=centre, code=f"{district.code}-{i + 1:04d}",
                name=f"合成事项{i + 1}", department=departments[i % len(departments)],
                item_type=ItemType.LICENCE if i % 3 == 0 else ItemType.PUBLIC_SERVICE,
                promised_days=ctx.rng.choice([1, 3, 5, 7, 10, 15, 20]),
                platform_claimed_on=date(ctx.years[0], 3, 1) if claimed else None,
                platform_configured_on=date(ctx.years[0], 4, 1) if claimed else None,
            )
        )  # fmt: skip
    packages = [
        package_register(actor=actor, unit=centre, name=name, launched_on=date(ctx.years[0], 1, 1))
        for name in demo_plan()["packages"]
    ]
    return items, packages


def _year(ctx, year, items, packages, centre, actor) -> int:
    cal = load_calendar()
    days = [
        d
        for d in (date(year, 1, 2) + timedelta(days=n) for n in range(340))
        if not cal.is_rest_day(d)
    ]
    rows = []
    plan = demo_plan()
    online_share = plan["online"] / plan["applications"]
    one_thing_share = plan["one_thing_applications"] / plan["applications"]
    for n in range(round(ctx.vary(plan["applications"]))):
        item = items[ctx.rng.randrange(len(items))]
        day = days[ctx.rng.randrange(len(days))]
        received = datetime(
            day.year, day.month, day.day, 8 + ctx.rng.randrange(9), ctx.rng.randrange(60)
        )
        completed = received + timedelta(hours=1 + ctx.rng.randrange(item.promised_days * 24 + 24))
        online = ctx.rng.random() < online_share
        rows.append((
            f"{centre.division.code}-{year}-{n + 1:07d}", item.code, "网上办理" if online else "现场办理",
            f"{received:%Y-%m-%d %H:%M:%S}", f"{completed:%Y-%m-%d %H:%M:%S}", "办结（准予）",
            packages[n % len(packages)].name if ctx.rng.random() < one_thing_share else "",
            "是" if online and item.platform_configured_on and ctx.rng.random() < 0.04 else "否",
        ))  # fmt: skip
    data = bulk.write_csv(rows, [bulk.DEFAULT_HEADERS[f] for f in bulk.STAGE_FIELDS])
    now = timezone.make_aware(datetime(year + 1, 1, 2, 9))
    result = bulk.import_applications(data, actor=actor, file_name=f"{year}.csv", now=now)
    tallies = []
    for kind, total in plan["tallies"].items():
        chosen = sorted(ctx.rng.sample(days, min(len(days), max(1, round(ctx.vary(total))))))
        for day, count in zip(
            chosen, ctx.spread(max(len(chosen), round(ctx.vary(total))), len(chosen)), strict=True
        ):
            tallies.append({"on": day, "kind": kind, "count": count})
    tallies_record(actor=actor, rows=tallies)
    return result.created


@synth_step
def govservices_records(ctx: SynthContext) -> str:
    created = 0
    for district in ctx.districts:
        centre = _centre(ctx, district)
        actor = _actor(centre)
        items, packages = _catalog(ctx, district, centre, actor)
        for year in ctx.years:
            if ServiceApplication.objects.filter(unit=centre, received_on__year=year).exists():
                continue
            created += _year(ctx, year, items, packages, centre, actor)
    return f"政务服务（合成）：办件 {created} 件"
