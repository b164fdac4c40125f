"""Demo step: the demo district's government services for one year at the seed's volume,
loaded THROUGH THE IMPORT PATHS: the item catalog and packages through the services, the
applications as four quarterly exports of the provincial platform (CSV) through the bulk
import, the hall's daily tallies as an Excel file through the one import path.

The volumes are data, `demo_plan.json` (the seed's totals of 一(二): applications online and on
site, 一件事 packages and their applications, items claimed on 一网通办, windows, stationed
units, the hall's tallies), read through `volumes.demo_plan()`. ILLUSTRATIVE: item codes and
names, the spread over departments, days and hours, the split of the tallies by channel and day.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from fazhi.core.imports import run_import
from fazhi.core.models import Unit, UnitKind, User
from fazhi.core.plugins import ORDER_REGISTER, demo_account, demo_step
from fazhi.core.xlsx import build_workbook
from fazhi.deadlines.calendar import load_calendar
from fazhi.govservices import bulk
from fazhi.govservices.imports import TALLY_COLUMNS, TALLY_IMPORT
from fazhi.govservices.models import (
    ItemType,
    OneThingPackage,
    ServiceApplication,
    ServiceItem,
    StationedKind,
    TallyKind,
)
from fazhi.govservices.services import (
    item_register,
    package_register,
    stationed_unit_record,
    window_count_record,
)
from fazhi.govservices.volumes import demo_plan

CENTRE = "蒸湘区政务服务中心"
PLAN = demo_plan()
YEAR = PLAN["year"]


def _actor(context: dict, unit: Unit, username: str) -> User:
    return demo_account(context, username, unit=unit, full_name="政务服务中心窗口")


def _spread(total: int, parts: int, rng: random.Random) -> list[int]:
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = sum(weights)
    shares = [int(total * w / scale) for w in weights]
    for i in range(total - sum(shares)):
        shares[i % parts] += 1
    return shares


def _catalog(actor, centre, departments, rng):
    claiming = PLAN["claiming_units"]
    claimers = departments[:claiming]
    items = []
    for i in range(PLAN["items"]):
        claimed = i < PLAN["claimed_items"]
        department = (
            claimers[i % claiming]
            if claimed
            else departments[claiming + i % (len(departments) - claiming)]
        )
        items.append(
            item_register(
                actor=actor, unit=centre, code=f"ZX-{YEAR}-{i + 1:04d}",
                name=f"{department.short_name or department.name}政务服务事项{i + 1}",
                department=department,
                item_type=ItemType.LICENCE if i % 3 == 0 else ItemType.PUBLIC_SERVICE,
                promised_days=rng.choice([1, 3, 5, 7, 10, 15, 20]),
                platform_claimed_on=date(YEAR, 3, 1) if claimed else None,
                platform_configured_on=date(YEAR, 4, 15) if claimed else None,
            )
        )  # fmt: skip
    packages = [
        package_register(actor=actor, unit=centre, name=name, launched_on=date(YEAR, 1, 1),
                         items=rng.sample(items, 4))
        for name in PLAN["packages"]
    ] + [
        package_register(actor=actor, unit=centre, name=name, launched_on=date(YEAR, 1, 1),
                         items=rng.sample(items, 3), active=False, inactive_reason=reason)
        for name, reason in PLAN["inactive_packages"].items()
    ]  # fmt: skip
    return items, packages[: len(PLAN["packages"])]


def _rows(items, packages, rng) -> list[tuple]:
    """The plan's applications: flags laid out exactly, dates and hours drawn."""
    cal = load_calendar()
    days = [date(YEAR, 1, 2) + timedelta(days=n) for n in range(340)]
    days = [d for d in days if not cal.is_rest_day(d)]
    claimed = [i for i in items if i.platform_configured_on is not None]
    total, online = PLAN["applications"], PLAN["online"]
    channels = ["网上办理"] * online + ["现场办理"] * (total - online)
    rows = []
    for n, channel in enumerate(channels):
        platform = channel == "网上办理" and n < PLAN["platform_applications"]
        item = rng.choice(claimed) if platform else rng.choice(items)
        package = packages[n % len(packages)].name if n < PLAN["one_thing_applications"] else ""
        day = rng.choice(days)
        received = datetime(day.year, day.month, day.day, rng.randint(8, 16), rng.randint(0, 59))
        # completed within the promised number of calendar days: never after the due date
        hours = rng.randint(1, max(1, item.promised_days * 24 - 24))
        completed = received + timedelta(hours=hours)
        rows.append((f"ZX{YEAR}{n + 1:07d}", item.code, channel, f"{received:%Y-%m-%d %H:%M:%S}",
                     f"{completed:%Y-%m-%d %H:%M:%S}", "办结（准予）", package, "是" if platform else "否"))  # fmt: skip
    rows.sort(key=lambda r: r[3])
    return rows


def _tally_file(rng) -> bytes:
    cal = load_calendar()
    days = [date(YEAR, 1, 1) + timedelta(days=n) for n in range(366)]
    days = [d for d in days if d.year == YEAR and not cal.is_rest_day(d)]
    labels = {value: str(label) for value, label in TallyKind.choices}
    rows = []
    for kind, total in PLAN["tallies"].items():
        chosen = days if total >= len(days) else sorted(rng.sample(days, total))
        for day, count in zip(chosen, _spread(total, len(chosen), rng), strict=True):
            rows.append([day, labels[kind], count])
    return build_workbook([c.header for c in TALLY_COLUMNS], rows, title="日统计")


@demo_step(order=ORDER_REGISTER + 5)
def load_govservices(context: dict) -> str:
    centre = context["units"][CENTRE]
    if ServiceApplication.objects.filter(unit=centre).exists():
        return f"政务服务：{YEAR} 年度办件已存在"
    rng = random.Random(2024)  # noqa: S311 - demo data
    actor = _actor(context, centre, "zwzx_window")
    departments = list(
        Unit.objects.filter(division=centre.division, kind=UnitKind.DEPARTMENT)
        .exclude(pk=centre.pk)
        .order_by("name")
    )
    items, packages = _catalog(actor, centre, departments, rng)
    windows = PLAN["windows"]
    upgraded_on = date.fromisoformat(windows["upgraded_on"])
    window_count_record(actor=actor, on=date(YEAR, 1, 1), windows=windows["at_start"])
    window_count_record(
        actor=actor,
        on=upgraded_on,
        windows=windows["after_upgrade"],
        note=f"政务中心提质改造后窗口增加至{windows['after_upgrade']}个",
    )
    for department in departments[: PLAN["stationed_departments"]]:
        stationed_unit_record(
            actor=actor,
            name=department.name,
            kind=StationedKind.DEPARTMENT,
            stationed_on=date(2020, 6, 1),
        )
    for name in PLAN["stationed_enterprises"]:
        stationed_unit_record(
            actor=actor, name=name, kind=StationedKind.ENTERPRISE, stationed_on=upgraded_on
        )
    rows = _rows(items, packages, rng)
    headers = [bulk.DEFAULT_HEADERS[f] for f in bulk.STAGE_FIELDS]
    now = timezone.make_aware(datetime(YEAR + 1, 1, 2, 9))
    created = 0
    for quarter in range(4):
        part = [r for r in rows if (int(r[3][5:7]) - 1) // 3 == quarter]
        result = bulk.import_applications(
            bulk.write_csv(part, headers),
            actor=actor,
            file_name=f"{YEAR}年第{quarter + 1}季度办件.csv",
            now=now,
        )
        created += result.created
    tallies = run_import(TALLY_IMPORT, _tally_file(rng), actor=actor)
    return (
        f"政务服务：事项 {ServiceItem.objects.filter(unit=centre).count()} 项，“一件事” "
        f"{OneThingPackage.objects.filter(unit=centre).count()} 项，办件 {created} 件（4 个季度导出文件），"
        f"大厅日统计 {tallies.created} 条"
    )
