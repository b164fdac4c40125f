"""Reads of the legal aid register (always from `Model.objects.for_user(user)`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, QuerySet, Sum
from django.utils import timezone

from fazhi.core.access import get_for_user_or_404
from fazhi.legal_aid.conf import urgent_window_days
from fazhi.legal_aid.models import (
    AidCase,
    CaseState,
    Category,
    CheckKind,
    Consultation,
    ConsultChannel,
    CriminalStage,
    QualityCheck,
)

PENDING_DECISION = (CaseState.RECEIVED, CaseState.INCOMPLETE)


def case_list(*, user) -> QuerySet:
    return AidCase.objects.for_user(user).select_related("unit")


def case_get(*, user, pk) -> AidCase:
    return get_for_user_or_404(AidCase, user, pk=pk)


def consultation_list(*, user) -> QuerySet:
    return Consultation.objects.for_user(user)


def cases_granted(units, start: date, end: date) -> QuerySet:
    """Cases the aid body took on in [start, end]: granted (给予), or notified (通知辩护/代理,
    法律帮助), counted on the day of the grant."""
    return AidCase.objects.filter(unit__in=units, granted_on__range=(start, end))


def consultations(units, start: date, end: date, channel: str) -> QuerySet:
    return Consultation.objects.filter(
        unit__in=units, consulted_on__range=(start, end), channel=channel
    )


def urgent_pending(*, user, today: date | None = None) -> QuerySet:
    """Applications awaiting the decision whose limitation is under 7 days away (第四十四条)."""
    today = today or timezone.localdate()
    horizon = date.fromordinal(today.toordinal() + urgent_window_days() - 1)
    return case_list(user=user).filter(
        state__in=PENDING_DECISION, limitation_due_on__isnull=False, limitation_due_on__lte=horizon
    )


@dataclass(frozen=True)
class PublicNotice:
    """The yearly disclosure of case numbers, subsidies and quality results (第五十八条)."""

    year: int
    on: date
    cases: int
    by_category: list[tuple[str, int]]
    closed: int
    visits: int
    calls: int
    subsidy: Decimal
    subsidised: int
    checks: int
    checks_by_kind: list[tuple[str, int]]
    checks_passed: int
    checks_failed: int

    @property
    def subsidy_display(self) -> str:
        return f"{self.subsidy:.2f}元"


def public_notice(units, year: int, *, on: date | None = None) -> PublicNotice:
    start, end = date(year, 1, 1), date(year, 12, 31)
    cases = cases_granted(units, start, end)
    counts = dict(
        cases.values_list("category").annotate(n=Count("pk")).values_list("category", "n")
    )
    closed = AidCase.objects.filter(unit__in=units, closed_on__range=(start, end))
    checks = QualityCheck.objects.filter(case__unit__in=units, checked_on__range=(start, end))
    by_kind = dict(checks.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    return PublicNotice(
        year=year,
        on=on or timezone.localdate(),
        cases=cases.count(),
        by_category=[(label, counts.get(value, 0)) for value, label in Category.choices],
        closed=closed.count(),
        visits=_persons(consultations(units, start, end, ConsultChannel.VISIT)),
        calls=_persons(consultations(units, start, end, ConsultChannel.PHONE)),
        subsidy=closed.aggregate(total=Sum("subsidy"))["total"] or Decimal("0"),
        subsidised=closed.filter(subsidy__isnull=False).count(),
        checks=checks.count(),
        checks_by_kind=[(label, by_kind.get(value, 0)) for value, label in CheckKind.choices],
        checks_passed=checks.filter(passed=True).count(),
        checks_failed=checks.filter(passed=False).count(),
    )


def _persons(queryset) -> int:
    return queryset.aggregate(total=Sum("persons"))["total"] or 0


def statistics_rows(units, year: int) -> list[list]:
    """The justice system's yearly table: cases by category (and criminal stage), consultations
    by channel. The totals are the same queries as the indicators of the annual report."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    cases = cases_granted(units, start, end)
    rows: list[list] = [["法律援助案件", "合计", cases.count()]]
    for value, label in Category.choices:
        part = cases.filter(category=value)
        rows.append(["法律援助案件", label, part.count()])
        if value == Category.CRIMINAL:
            stages = dict(
                part.values_list("criminal_stage")
                .annotate(n=Count("pk"))
                .values_list("criminal_stage", "n")
            )
            for stage, stage_label in CriminalStage.choices:
                rows.append(["法律援助案件", f"刑事·{stage_label}", stages.get(stage, 0)])
    for value, label in ConsultChannel.choices:
        rows.append(["法律咨询（人次）", label, _persons(consultations(units, start, end, value))])
    return rows
