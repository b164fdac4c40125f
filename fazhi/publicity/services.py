"""Writes of the publicity register. Every refusal is Chinese and writes nothing."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.imports import RowCollector, UnitResolver
from fazhi.publicity.models import (
    CultureSite,
    DemonstrationVillage,
    LegalLiterate,
    Livestream,
    PublicityDuty,
    PublicityEvent,
)
from fazhi.publicity.workflow import DUTY_WORKFLOW, may_record_for, village_refusal


def _require(verdict) -> None:
    if not verdict:
        raise ValidationError(verdict.reason, code="refused")


def _saved(obj):
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def duty_add(
    *,
    actor,
    unit,
    year: int,
    title: str,
    laws: str = "",
    audience: str = "",
    planned_events: int = 1,
) -> PublicityDuty:
    """Add a duty to the unit's yearly 普法责任清单 (谁执法谁普法)."""
    _require(may_record_for(actor, unit))
    return _saved(
        PublicityDuty(
            unit=unit,
            year=year,
            title=title.strip(),
            laws=laws.strip(),
            audience=audience.strip(),
            planned_events=planned_events,
        )
    )


def duty_complete(
    *, actor, duty: PublicityDuty, on: date, note: str = "", expected_version: int | None = None
) -> PublicityDuty:
    return DUTY_WORKFLOW.step(
        "complete", duty, actor=actor, expected_version=expected_version, on=on, note=note
    )


def _check_duty(unit, held_on: date, duty) -> None:
    if duty is None:
        return
    if duty.unit_id != unit.pk:
        raise ValidationError({"duty": "只能关联本单位的普法责任事项。"})
    if duty.year != held_on.year:
        raise ValidationError({"duty": f"该普法责任事项属于{duty.year}年，与活动日期不符。"})


@transaction.atomic
def event_record(
    *,
    actor,
    unit,
    kind: str,
    title: str,
    held_on: date,
    place: str,
    organiser: str = "",
    audience: str = "",
    participants: int = 0,
    materials: int = 0,
    consultations: int = 0,
    duty: PublicityDuty | None = None,
) -> PublicityEvent:
    """Record a publicity activity with the materials handed out and consultations given."""
    _require(may_record_for(actor, unit))
    _check_duty(unit, held_on, duty)
    return _saved(
        PublicityEvent(
            unit=unit,
            kind=kind,
            title=title.strip(),
            held_on=held_on,
            place=place.strip(),
            organiser=organiser.strip(),
            audience=audience.strip(),
            participants=participants,
            materials=materials,
            consultations=consultations,
            duty=duty,
        )
    )


@transaction.atomic
def event_import(*, actor, rows: list[dict]) -> int:
    """Store an activity ledger (the import's parsed rows): every row or none."""
    collector = RowCollector(())
    units = UnitResolver(actor)
    events = []
    for row in rows:
        unit = units.get(row["unit"])
        if unit is None:
            collector.add(
                row["_row"], "主办单位", f"单位“{row['unit']}”不存在或不在本账号管辖范围内"
            )
            continue
        event = PublicityEvent(
            unit=unit,
            kind=row["kind"],
            title=row["title"].strip(),
            held_on=row["held_on"],
            place=row["place"].strip(),
            organiser=(row.get("organiser") or "").strip(),
            audience=(row.get("audience") or "").strip(),
            participants=row.get("participants") or 0,
            materials=row.get("materials") or 0,
            consultations=row.get("consultations") or 0,
        )
        try:
            event.full_clean()
        except ValidationError as exc:
            collector.field_errors(row["_row"], exc, fallback="活动名称")
            continue
        events.append(event)
    collector.raise_if_any()
    PublicityEvent.objects.bulk_create(events)
    return len(events)


@transaction.atomic
def livestream_record(
    *,
    actor,
    unit,
    title: str,
    platform: str,
    held_on: date,
    views: int,
    likes: int,
    stats_on: date,
    event: PublicityEvent | None = None,
) -> Livestream:
    """A livestream, its views and likes entered from the platform's statistics."""
    _require(may_record_for(actor, unit))
    if event is not None and event.unit_id != unit.pk:
        raise ValidationError({"event": "只能关联本单位的普法活动。"})
    return _saved(
        Livestream(
            unit=unit,
            title=title.strip(),
            platform=platform.strip(),
            held_on=held_on,
            views=views,
            likes=likes,
            stats_on=stats_on,
            event=event,
        )
    )


@transaction.atomic
def livestream_update_stats(
    *, actor, livestream: Livestream, views: int, likes: int, stats_on: date
) -> Livestream:
    """Refresh the platform's statistics (views and likes keep growing after the broadcast)."""
    _require(may_record_for(actor, livestream.unit))
    livestream = Livestream.objects.select_for_update().get(pk=livestream.pk)
    if stats_on < livestream.stats_on:
        raise ValidationError({"stats_on": "统计截至日期不能早于上次登记的日期。"})
    livestream.views, livestream.likes, livestream.stats_on = views, likes, stats_on
    return _saved(livestream)


@transaction.atomic
def culture_site_record(
    *,
    actor,
    unit,
    name: str,
    kind: str,
    location: str,
    opened_on: date,
    sections: str = "",
    themes: int = 0,
    sculptures: int = 0,
    small_sculptures: int = 0,
    updated_on: date | None = None,
) -> CultureSite:
    _require(may_record_for(actor, unit))
    return _saved(
        CultureSite(
            unit=unit,
            name=name.strip(),
            kind=kind,
            location=location.strip(),
            sections=sections.strip(),
            themes=themes,
            sculptures=sculptures,
            small_sculptures=small_sculptures,
            opened_on=opened_on,
            updated_on=updated_on,
        )
    )


@transaction.atomic
def demonstration_village_name(
    *, actor, unit, level: str, awarded_year: int, awarded_by: str = ""
) -> DemonstrationVillage:
    """Record a 民主法治示范村（社区）title of a village or community."""
    _require(may_record_for(actor, unit))
    _require(village_refusal(unit))
    return _saved(
        DemonstrationVillage(
            unit=unit, level=level, awarded_year=awarded_year, awarded_by=awarded_by.strip()
        )
    )


@transaction.atomic
def legal_literate_register(
    *, actor, unit, name: str, occupation: str = "", trained_on: date | None = None
) -> LegalLiterate:
    """Register a 法律明白人 of a village or community."""
    _require(may_record_for(actor, unit))
    _require(village_refusal(unit))
    return _saved(
        LegalLiterate(
            unit=unit, name=name.strip(), occupation=occupation.strip(), trained_on=trained_on
        )
    )
