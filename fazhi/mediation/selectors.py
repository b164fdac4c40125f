"""Reads of people's mediation (always from `Model.objects.for_user(user)`)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, QuerySet, Sum

from fazhi.mediation.models import Committee, Dispute, DisputeState, DisputeType, Mediator, Source

CONCLUDED = (DisputeState.AGREED, DisputeState.FAILED, DisputeState.WITHDRAWN)


def dispute_list(*, user) -> QuerySet:
    return Dispute.objects.for_user(user).select_related("committee", "unit")


def committee_list(*, user) -> QuerySet:
    return Committee.objects.for_user(user)


def mediator_list(*, user) -> QuerySet:
    return Mediator.objects.for_user(user).select_related("committee")


def mediated(units, start: date, end: date) -> QuerySet:
    """Disputes that entered mediation in [start, end] (各方同意后开始调解)."""
    return Dispute.objects.filter(unit__in=units, started_on__range=(start, end))


def succeeded(units, start: date, end: date) -> QuerySet:
    """Disputes mediated successfully (an agreement took effect) in [start, end]."""
    return Dispute.objects.filter(
        unit__in=units, state=DisputeState.AGREED, effective_on__range=(start, end)
    )


def statistics_rows(units, year: int) -> list[list]:
    """The justice system's table: disputes mediated by type and by source, with results and
    the amount involved. The totals are the same queries as the indicators."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    cases = mediated(units, start, end)
    ok = succeeded(units, start, end)
    by_type = dict(
        cases.values_list("dispute_type").annotate(n=Count("pk")).values_list("dispute_type", "n")
    )
    ok_type = dict(
        ok.values_list("dispute_type").annotate(n=Count("pk")).values_list("dispute_type", "n")
    )
    amounts = dict(
        cases.values_list("dispute_type").annotate(s=Sum("amount")).values_list("dispute_type", "s")
    )
    rows: list[list] = [
        ["合计", cases.count(), ok.count(), float(cases.aggregate(s=Sum("amount"))["s"] or 0)]
    ]
    for value, label in DisputeType.choices:
        rows.append(
            [label, by_type.get(value, 0), ok_type.get(value, 0), float(amounts.get(value) or 0)]
        )
    by_source = dict(cases.values_list("source").annotate(n=Count("pk")).values_list("source", "n"))
    ok_source = dict(ok.values_list("source").annotate(n=Count("pk")).values_list("source", "n"))
    for value, label in Source.choices:
        rows.append([f"来源：{label}", by_source.get(value, 0), ok_source.get(value, 0), None])
    return rows
