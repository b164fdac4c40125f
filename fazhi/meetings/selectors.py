"""Reads of the meetings register."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.meetings.models import COLLECTIVE_KINDS, AgendaItem, Meeting, Minutes


def meeting_list(*, user, kind: str | None = None, year: int | None = None) -> QuerySet:
    qs = Meeting.objects.for_user(user)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(held_on__year=year)
    return qs


def meetings_for_discussion(*, user) -> QuerySet:
    return Meeting.objects.for_user(user).filter(kind__in=COLLECTIVE_KINDS).order_by("-held_on")


def agenda_items(*, user) -> QuerySet:
    return AgendaItem.objects.for_user(user).select_related("meeting", "presenting_unit")


def discussions_of(subject) -> QuerySet:
    """Agenda items at which `subject` (a decision or a document) was discussed."""
    return (
        AgendaItem.objects.for_subject(subject)
        .select_related("meeting")
        .order_by("meeting__held_on")
    )


def minutes_list(*, user) -> QuerySet:
    return Minutes.objects.for_user(user).select_related("meeting")
