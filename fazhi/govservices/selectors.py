"""Reads of government services."""

from __future__ import annotations

from django.db.models import QuerySet

from fazhi.deadlines.calendar import load_calendar
from fazhi.deadlines.engine import Computation, compute
from fazhi.deadlines.rules import PeriodUnit, effective_rule
from fazhi.govservices.deadlines import PROMISED_LIMIT
from fazhi.govservices.models import (
    ImportBatch,
    OneThingPackage,
    ServiceApplication,
    ServiceItem,
)


def item_list(*, user) -> QuerySet:
    return ServiceItem.objects.for_user(user).select_related("department")


def package_list(*, user) -> QuerySet:
    return OneThingPackage.objects.for_user(user)


def application_list(*, user) -> QuerySet:
    return ServiceApplication.objects.for_user(user).select_related("item", "package")


def batch_list(*, user) -> QuerySet:
    return ImportBatch.objects.for_user(user)


def application_deadline(application: ServiceApplication) -> Computation:
    """The due date of one application explained by the deadline engine, with the calendar
    version the import used (the bulk import computes the same date set-based)."""
    rule = effective_rule(PROMISED_LIMIT)
    return compute(
        load_calendar(application.calendar_version),
        trigger=application.received_on,
        length=application.promised_days,
        unit=PeriodUnit.WORKING_DAYS,
        name=rule.name,
        citation=rule.citation,
        trigger_label=rule.trigger_label,
    )


def inactive_packages(*, user) -> QuerySet:
    return package_list(user=user).filter(active=False)
