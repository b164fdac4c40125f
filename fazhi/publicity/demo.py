"""Demo step: the demo district's 2024 普法 records, through the services.

ILLUSTRATIVE: the seed prints "40余次", "3万余份", "400余次", "超过1700次", "8000余个"; the 43
activities below hand out 30,215 copies of materials and answer 412 consultations, and the two
livestreams total 1,736 views and 8,124 likes (as the platform reported them), so that the
display rule reproduces the seed's text. The duties, villages and 法律明白人 are made up to the
district's shape; the 民法典 demonstration belt follows the seed's description.
"""

from __future__ import annotations

from datetime import date, timedelta

from fazhi.core.models import Unit, UnitKind
from fazhi.core.plugins import demo_step
from fazhi.publicity import services
from fazhi.publicity.models import EventKind, PublicityEvent, SiteKind, VillageLevel
from fazhi.publicity.sample_data import CAMPAIGNS, DUTY_LAWS, JUSTICE, LIVESTREAMS, NINE_PLACES

YEAR = 2024
MATERIALS = 30215  # ILLUSTRATIVE (seed: 3万余份)
CONSULTATIONS = 412  # ILLUSTRATIVE (seed: 400余次)


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _activities() -> list[dict]:
    """The 43 activities with their materials and consultations; the totals are exact."""
    items = []
    for kind, title, first, organiser, count in CAMPAIGNS:
        for n in range(count):
            place = NINE_PLACES[n] if kind == EventKind.NINE_INTO else ""
            items.append(
                {
                    "kind": kind,
                    "title": f"{title}{'进' + place if place else f'（第{n + 1}场）'}",
                    "held_on": _weekday(first + timedelta(days=n * (30 if place else 2))),
                    "organiser": organiser,
                }
            )
    for i, item in enumerate(items):
        item["materials"] = 400 + (i * 97) % 500
        item["consultations"] = 5 + (i * 7) % 10
    main = next(i for i, it in enumerate(items) if it["kind"] == EventKind.CONSTITUTION_WEEK)
    others = [it for i, it in enumerate(items) if i != main]
    items[main]["materials"] = MATERIALS - sum(it["materials"] for it in others)
    items[main]["consultations"] = CONSULTATIONS - sum(it["consultations"] for it in others)
    assert items[main]["materials"] > 0 and items[main]["consultations"] > 0
    return items


def _duties(office, departments: list[Unit]) -> dict[int, list]:
    duties: dict[int, list] = {}
    for n, unit in enumerate(departments):
        for k in range(2):
            duty = services.duty_add(
                actor=office,
                unit=unit,
                year=YEAR,
                title=f"开展《{DUTY_LAWS[(n + k) % len(DUTY_LAWS)]}》主题宣传",
                laws=DUTY_LAWS[(n + k) % len(DUTY_LAWS)],
                audience="行政相对人和社会公众",
                planned_events=2,
            )
            duties.setdefault(unit.pk, []).append(duty)
    return duties


def _events(office, units: dict[str, Unit], duties) -> list[PublicityEvent]:
    events = []
    for item in _activities():
        unit = units[item.pop("organiser")]
        own = duties.get(unit.pk, [])
        events.append(
            services.event_record(
                actor=office,
                unit=unit,
                place="蒸湘区" + ("司法局普法广场" if unit.name == JUSTICE else "相关场所"),
                audience="社会公众",
                participants=item["materials"] // 3,
                duty=own[len(events) % len(own)] if own else None,
                **item,
            )
        )
    return events


def _complete_duties(office, duties) -> int:
    flat = [d for unit_duties in duties.values() for d in unit_duties]
    done = flat[:-6]  # ILLUSTRATIVE: six duties not completed by the year's end
    for n, duty in enumerate(done):
        services.duty_complete(
            actor=office,
            duty=duty,
            on=_weekday(date(YEAR, 11, 4) + timedelta(days=n % 40)),
            note="已按清单开展宣传活动",
        )
    return len(done)


def _livestreams(office, justice: Unit, events) -> int:
    hosts = [
        next(e for e in events if e.kind == EventKind.CIVIL_CODE_MONTH and e.unit == justice),
        next(e for e in events if e.kind == EventKind.CONSTITUTION_WEEK and e.unit == justice),
    ]
    for (title, platform, views, likes), event in zip(LIVESTREAMS, hosts, strict=True):
        services.livestream_record(
            actor=office,
            unit=justice,
            title=title,
            platform=platform,
            held_on=event.held_on,
            views=views,
            likes=likes,
            stats_on=event.held_on + timedelta(days=30),
            event=event,
        )
    return len(LIVESTREAMS)


def _sites_and_villages(office, justice: Unit, villages: list[Unit]) -> tuple[int, int]:
    services.culture_site_record(
        actor=office,
        unit=justice,
        name="衡阳市民法典法治宣传示范带（蒸湘段）",
        kind=SiteKind.BELT,
        location="呆鹰岭镇",
        sections="互动展示\n民法之路\n民法历程\n民法长廊\n伴民同行",
        themes=14,
        sculptures=4,
        small_sculptures=3,
        opened_on=date(2024, 9, 20),
    )
    services.culture_site_record(
        actor=office,
        unit=justice,
        name="蒸湘区法治文化广场",
        kind=SiteKind.SQUARE,
        location="蒸湘区蒸湘街道",
        sections="宪法宣传\n民法典宣传\n法治故事",
        themes=8,
        opened_on=date(2019, 12, 4),
        updated_on=date(2024, 11, 28),
    )
    for n, village in enumerate(villages[:6]):
        services.demonstration_village_name(
            actor=office,
            unit=village,
            level=VillageLevel.CITY if n else VillageLevel.PROVINCIAL,
            awarded_year=2020 + n % 4,
            awarded_by="湖南省司法厅、湖南省民政厅" if n == 0 else "衡阳市司法局、衡阳市民政局",
        )
    literates = 0
    for village in villages:
        for k, occupation in enumerate(("村（社区）干部", "人民调解员", "网格员")):
            services.legal_literate_register(
                actor=office,
                unit=village,
                name=f"{'刘陈杨'[k]}{village.name[:2]}",
                occupation=occupation,
                trained_on=date(YEAR, 4, 18),
            )
            literates += 1
    return 6, literates


@demo_step(order=60)
def load_publicity(context: dict) -> str:
    units: dict[str, Unit] = context["units"]
    office = next(u for u in context["users"] if u.username == "office")
    justice = units[JUSTICE]
    if PublicityEvent.objects.filter(unit=justice, held_on__year=YEAR).exists():
        return "普法宣传（2024年）：已载入，未重复生成"
    departments = sorted(
        (u for u in units.values() if u.kind == UnitKind.DEPARTMENT), key=lambda u: u.pk
    )
    villages = sorted(
        (u for u in units.values() if u.kind in (UnitKind.VILLAGE, UnitKind.COMMUNITY)),
        key=lambda u: u.pk,
    )
    duties = _duties(office, departments)
    events = _events(office, units, duties)
    done = _complete_duties(office, duties)
    streams = _livestreams(office, justice, events)
    titled, literates = _sites_and_villages(office, justice, villages)
    return (
        f"普法宣传：普法责任事项 {sum(map(len, duties.values()))} 项（完成 {done} 项），"
        f"活动 {len(events)} 次，直播 {streams} 场，示范村 {titled} 个，法律明白人 {literates} 人"
    )
