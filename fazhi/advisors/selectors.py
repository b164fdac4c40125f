"""Reads of the legal-advisor register: lists, coverage of departments and villages, expiries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from fazhi.advisors.models import VILLAGE_KINDS, AdvisorContract, LegalAdvisor, ServiceLog
from fazhi.core.access import visible_unit_ids
from fazhi.core.models import Unit, UnitKind
from fazhi.deadlines.services import compute_due

EXPIRY_RULE = "advisors.contract_expiry_warning"


def advisor_list(*, user) -> QuerySet:
    return LegalAdvisor.objects.for_user(user)


def contract_list(*, user) -> QuerySet:
    return AdvisorContract.objects.for_user(user).select_related("advisor", "unit")


def service_log(*, user) -> QuerySet:
    return ServiceLog.objects.for_user(user).select_related("advisor", "unit")


def expiry_horizon(today: date | None = None):
    return compute_due(EXPIRY_RULE, today or timezone.localdate())


def contracts_expiring(*, user, today: date | None = None) -> QuerySet:
    """Contracts in force today that end within the warning window (60 days by default)."""
    today = today or timezone.localdate()
    horizon = expiry_horizon(today).due_date
    return (
        AdvisorContract.objects.for_user(user)
        .in_force_on(today)
        .filter(end_date__lte=horizon)
        .select_related("advisor", "unit")
        .order_by("end_date")
    )


@dataclass(frozen=True)
class Coverage:
    kind: str
    total: int
    covered: list
    uncovered: list

    @property
    def rate(self):
        return None if not self.total else round(100 * len(self.covered) / self.total, 2)


def _under_contract(units: QuerySet, start: date, end: date) -> QuerySet:
    """The ids of `units` with an advisor contract overlapping [start, end]."""
    return AdvisorContract.objects.overlapping(start, end).filter(unit__in=units).values("unit_id")


def _coverage(units: QuerySet, start: date, end: date, label: str) -> Coverage:
    covered_ids = {row["unit_id"] for row in _under_contract(units, start, end)}
    units = list(units.order_by("name"))
    return Coverage(
        kind=label,
        total=len(units),
        covered=[u for u in units if u.pk in covered_ids],
        uncovered=[u for u in units if u.pk not in covered_ids],
    )


def department_coverage(units, start: date, end: date) -> Coverage:
    """Departments with an advisor under contract in [start, end] (seed 二(三))."""
    departments = Unit.objects.filter(pk__in=units, kind=UnitKind.DEPARTMENT, active=True)
    return _coverage(departments, start, end, "区直部门")


def departments_without_advisor(units, start: date, end: date) -> QuerySet:
    """The `uncovered` of `department_coverage`, as one queryset (by name)."""
    departments = Unit.objects.filter(pk__in=units, kind=UnitKind.DEPARTMENT, active=True)
    return departments.exclude(pk__in=_under_contract(departments, start, end)).order_by("name")


def village_coverage(units, start: date, end: date) -> Coverage:
    """Villages and communities with an advisor (一村（社区）一法律顾问)."""
    villages = Unit.objects.filter(pk__in=units, kind__in=VILLAGE_KINDS, active=True)
    return _coverage(villages, start, end, "村（社区）")


def coverage_for(*, user, on: date | None = None) -> list[Coverage]:
    on = on or timezone.localdate()
    units = visible_unit_ids(user)
    units = Unit.objects.all().values("pk") if units is None else units
    return [department_coverage(units, on, on), village_coverage(units, on, on)]


# --- public reads (the portal: no user) --------------------------------------------------


def village_advisors(division, on: date) -> list[tuple[Unit, list]]:
    """Each active village or community of `division`'s subtree with the advisors under
    contract on `on` (一村（社区）一法律顾问): the portal shows name and phone only."""
    villages = Unit.objects.in_subtree(division).filter(kind__in=VILLAGE_KINDS, active=True)
    contracts = (
        AdvisorContract.objects.overlapping(on, on)
        .filter(unit__in=villages)
        .select_related("advisor")
        .order_by("advisor__name")
    )
    by_unit: dict[int, list] = {}
    for contract in contracts:
        by_unit.setdefault(contract.unit_id, []).append(contract.advisor)
    return [(village, by_unit.get(village.pk, [])) for village in villages.order_by("name")]
