"""Synthetic scale data: `manage.py synth --districts N --years Y` (reused by every benchmark).

A synthetic city (合成市, code 990100, under 合成省 990000, apart from the demo district) gets N
districts shaped like the demo district (government, 30 departments, the office, 5 towns and
54 villages each) and Y years of records ending in `--end-year` (default 2024, the seed's
year), at the seed's yearly volumes per district with a random spread.

Generators are steps `step(ctx: SynthContext) -> str` registered with
`fazhi.core.plugins.synth_step`, run in order after the structure step. A register adds its
generator in `fazhi/<app>/synth.py` (imported automatically). Every step must
be idempotent: skip the district-years it already generated, so a rerun tops up instead of
duplicating. Use `ctx.rng` (seeded) for reproducible data and `ctx.spread`/`ctx.dates` for
realistic spread across units and months.
"""

from __future__ import annotations

import importlib
import pkgutil
import random

from django.db import transaction

from fazhi.core.models import Division, DivisionLevel, Role, Unit, UnitKind, User
from fazhi.core.plugins import SYNTH_STEPS, SynthContext, SynthStep, synth_step, synth_steps
from fazhi.demo.structure import DEPARTMENTS, TOWNS, VILLAGE_WORDS

PROVINCE = ("990000", "合成省")
CITY = ("990100", "合成市")
DISTRICT_NAMES = "一二三四五六七八九十"
__all__ = ["SynthContext", "synth_step", "run_synth", "discover_steps"]


def discover_steps() -> list[SynthStep]:
    """Import `fazhi/<app>/synth.py` of every app and `fazhi/demo/synth_*.py` (they register)."""
    synth_steps()
    import fazhi.demo as demo_package

    for module in pkgutil.iter_modules(demo_package.__path__):
        if module.name.startswith("synth_"):
            importlib.import_module(f"fazhi.demo.{module.name}")
    return list(SYNTH_STEPS)


def _division(code, name, level, parent=None) -> Division:
    division, _ = Division.objects.get_or_create(
        code=code, defaults={"name": name, "level": level, "parent": parent}
    )
    return division


def build_district(city: Division, number: int) -> tuple[Division, list[Unit]]:
    """One district shaped like the demo district. Idempotent (bulk, conflicts ignored)."""
    name = f"合成{DISTRICT_NAMES[number - 1] if number <= 10 else number}区"
    code = f"{city.code[:4]}{number:02d}"
    district = _division(code, name, DivisionLevel.DISTRICT, city)
    if Unit.objects.filter(division=district).exists():
        return district, list(Unit.objects.in_subtree(district))
    government = Unit.objects.create(
        name=f"{name}人民政府", kind=UnitKind.GOVERNMENT, division=district
    )
    departments = Unit.objects.bulk_create(
        Unit(
            name=dept_name.replace("蒸湘区", name).replace("蒸湘", name),
            short_name=short,
            kind=UnitKind.DEPARTMENT,
            division=district,
            parent=government,
            is_enforcement_body=enforcement,
            is_justice_bureau=dept_name.endswith("司法局"),
        )
        for dept_name, short, enforcement in DEPARTMENTS
    )
    justice = next(u for u in departments if u.is_justice_bureau)
    Unit.objects.create(
        name=f"{name}依法治区委员会办公室",
        short_name="依法治区办",
        kind=UnitKind.OTHER,
        division=district,
        parent=justice,
        is_rule_of_law_office=True,
    )
    towns_divisions = Division.objects.bulk_create(
        Division(
            code=f"{code}{town_code[-3:]}",
            name=town_name,
            level=DivisionLevel.TOWN,
            parent=district,
            path=f"{district.path}{code}{town_code[-3:]}/",
        )
        for town_code, town_name, _kind, _villages in TOWNS
    )
    towns = Unit.objects.bulk_create(
        Unit(name=f"{name}{town_name}", kind=kind, division=division, parent=government)
        for division, (_c, town_name, kind, _v) in zip(towns_divisions, TOWNS, strict=True)
    )
    village_divisions, village_specs = [], []
    words = iter(VILLAGE_WORDS)
    for town_division, town, (_c, _n, kind, villages) in zip(
        towns_divisions, towns, TOWNS, strict=True
    ):
        for index in range(1, villages + 1):
            village_kind = UnitKind.VILLAGE if kind == UnitKind.TOWN else UnitKind.COMMUNITY
            village_name = f"{next(words)}{'村' if village_kind == UnitKind.VILLAGE else '社区'}"
            village_code = f"{town_division.code}{index:03d}"
            village_divisions.append(
                Division(
                    code=village_code,
                    name=village_name,
                    level=DivisionLevel.VILLAGE,
                    parent=town_division,
                    path=f"{town_division.path}{village_code}/",
                )
            )
            village_specs.append((village_name, village_kind, town))
    village_divisions = Division.objects.bulk_create(village_divisions)
    Unit.objects.bulk_create(
        Unit(name=n, kind=k, division=d, parent=t)
        for d, (n, k, t) in zip(village_divisions, village_specs, strict=True)
    )
    return district, list(Unit.objects.in_subtree(district))


def _office_user(district: Division, units: list[Unit]) -> User:
    office = next(u for u in units if u.is_rule_of_law_office and u.division_id == district.pk)
    user, _ = User.objects.get_or_create(
        username=f"synth_office_{district.code}",
        defaults={
            "full_name": f"{district.name}依法治区办（合成）",
            "unit": office,
            "roles": [Role.OFFICE_STAFF],
            "is_staff": False,
            "is_active": False,  # synthetic: cannot sign in
        },
    )
    return user


def run_synth(*, districts: int, years: int, end_year: int = 2024, seed: int = 20240101):
    """Build (or top up) the synthetic city, then run every registered generator."""
    if not 1 <= districts <= 99 or not 1 <= years <= 20:
        raise ValueError("区县数应为 1-99，年数应为 1-20。")
    steps = discover_steps()
    with transaction.atomic():
        province = _division(*PROVINCE, DivisionLevel.PROVINCE)
        city = _division(*CITY, DivisionLevel.CITY, province)
        ctx = SynthContext(
            city=city,
            districts=[],
            years=list(range(end_year - years + 1, end_year + 1)),
            rng=random.Random(seed),  # noqa: S311 - reproducible test data, not security
        )
        for number in range(1, districts + 1):
            district, units = build_district(city, number)
            ctx.districts.append(district)
            ctx.units[district.pk] = units
            ctx.office_users[district.pk] = _office_user(district, units)
        unit_count = sum(len(u) for u in ctx.units.values())
    summary = [f"合成市：{len(ctx.districts)} 个区县，{unit_count} 个单位，年度 {ctx.years}"]
    for step in steps:
        with transaction.atomic():
            summary.append(step(ctx))
    return summary
