"""Reads of the publicity register: lists for people, and the year's figures of a scope."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from fazhi.publicity.models import (
    DemonstrationVillage,
    DutyState,
    LegalLiterate,
    Livestream,
    PublicityDuty,
    PublicityEvent,
)


def event_list(*, user) -> QuerySet:
    return PublicityEvent.objects.for_user(user).select_related("unit")


def duty_list(*, user, year: int | None = None) -> QuerySet:
    duties = PublicityDuty.objects.for_user(user).select_related("unit")
    return duties if year is None else duties.filter(year=year)


def open_duties(*, user, year: int) -> QuerySet:
    return duty_list(user=user, year=year).filter(state=DutyState.PLANNED)


def events_in(units, start: date, end: date) -> QuerySet:
    return PublicityEvent.objects.filter(unit__in=units, held_on__range=(start, end))


def livestreams_in(units, start: date, end: date) -> QuerySet:
    return Livestream.objects.filter(unit__in=units, held_on__range=(start, end))


def duties_of(units, year: int) -> QuerySet:
    return PublicityDuty.objects.filter(unit__in=units, year=year)


def villages_titled_on(units, day: date) -> QuerySet:
    """Titles standing on `day`: named in or before its year, not revoked by then."""
    return DemonstrationVillage.objects.filter(unit__in=units, awarded_year__lte=day.year).filter(
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=day)
    )


def legal_literates_on(units, day: date) -> QuerySet:
    return LegalLiterate.objects.filter(unit__in=units, active=True).filter(
        Q(trained_on__isnull=True) | Q(trained_on__lte=day)
    )
