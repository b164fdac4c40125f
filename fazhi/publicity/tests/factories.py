"""Factories of the publicity register and its isolation factories."""

import itertools
from datetime import date

from fazhi.core.testing.isolation import isolation_factory
from fazhi.publicity.models import (
    CultureSite,
    DemonstrationVillage,
    EventKind,
    LegalLiterate,
    Livestream,
    PublicityDuty,
    PublicityEvent,
    SiteKind,
    VillageLevel,
)

_seq = itertools.count(1)


@isolation_factory("publicity.PublicityDuty")
def make_duty(unit, **fields) -> PublicityDuty:
    n = next(_seq)
    values = {"year": 2024, "title": f"普法责任事项{n}", "planned_events": 2}
    values.update(fields)
    return PublicityDuty.objects.create(unit=unit, **values)


@isolation_factory("publicity.PublicityEvent")
def make_event(unit, **fields) -> PublicityEvent:
    values = {
        "kind": EventKind.NINE_INTO,
        "title": "法律进社区",
        "held_on": date(2024, 4, 15),
        "place": "社区广场",
        "materials": 500,
        "consultations": 10,
    }
    values.update(fields)
    return PublicityEvent.objects.create(unit=unit, **values)


@isolation_factory("publicity.Livestream")
def make_livestream(unit, **fields) -> Livestream:
    values = {
        "title": "民法典直播",
        "platform": "抖音",
        "held_on": date(2024, 5, 20),
        "views": 800,
        "likes": 4000,
        "stats_on": date(2024, 5, 31),
    }
    values.update(fields)
    return Livestream.objects.create(unit=unit, **values)


@isolation_factory("publicity.CultureSite")
def make_site(unit, **fields) -> CultureSite:
    n = next(_seq)
    values = {
        "name": f"法治文化广场{n}",
        "kind": SiteKind.SQUARE,
        "location": "某路",
        "opened_on": date(2020, 1, 1),
    }
    values.update(fields)
    return CultureSite.objects.create(unit=unit, **values)


@isolation_factory("publicity.DemonstrationVillage")
def make_village_title(unit, **fields) -> DemonstrationVillage:
    values = {"level": VillageLevel.CITY, "awarded_year": 2022}
    values.update(fields)
    return DemonstrationVillage.objects.create(unit=unit, **values)


@isolation_factory("publicity.LegalLiterate")
def make_literate(unit, **fields) -> LegalLiterate:
    n = next(_seq)
    values = {"name": f"明白人{n}", "occupation": "村干部", "trained_on": date(2024, 3, 1)}
    values.update(fields)
    return LegalLiterate.objects.create(unit=unit, **values)
