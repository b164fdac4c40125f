"""Reads of government information disclosure."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from fazhi.deadlines.selectors import clocks_for
from fazhi.disclosure.models import DisclosureRequest, Letter, LetterState, RequestState


def request_list(*, user) -> QuerySet:
    return DisclosureRequest.objects.for_user(user)


def letter_list(*, user) -> QuerySet:
    return Letter.objects.for_user(user)


def open_requests(*, user) -> QuerySet:
    return request_list(user=user).exclude(state=RequestState.REPLIED)


def letters_due(*, user, today: date) -> QuerySet:
    return letter_list(user=user).filter(state=LetterState.RECEIVED).order_by("due_date")


def request_clocks(request: DisclosureRequest):
    return clocks_for(request)
