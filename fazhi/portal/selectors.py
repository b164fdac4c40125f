"""Public reads of the portal: published records only, for anyone (no user, no unit scope).

"Published" is the register's own mark: an annual report whose publication duty (向社会公开)
is recorded as done and which has a frozen (定稿) version; a decision catalog in state 已公布.
These belong with the registers' selectors (`reports.selectors`, `decisions.selectors`): they
live here until those apps take them (see docs/api.md, the portal section).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from fazhi.core.models import Division, DivisionLevel
from fazhi.decisions.models import CatalogState, DecisionCatalog
from fazhi.reports.models import DutyKind, Report, ReportingDuty, ReportVersion


def districts() -> QuerySet:
    return Division.objects.filter(level=DivisionLevel.DISTRICT).order_by("code")


def district(code: str) -> Division | None:
    return districts().filter(code=code[:12]).first()


def published_reports(division: Division) -> QuerySet:
    published = ReportingDuty.objects.filter(
        report=OuterRef("pk"), kind=DutyKind.PUBLISH, done_on__isnull=False
    )
    frozen = ReportVersion.objects.filter(report=OuterRef("pk"), frozen_at__isnull=False)
    uploaded = Report.objects.filter(
        pk=OuterRef("pk"), source=Report.Source.UPLOADED, file_content__isnull=False
    )
    return (
        Report.objects.filter(unit__division__path__startswith=division.path)
        .filter(Exists(published))
        .filter(Exists(frozen) | Exists(uploaded))
        .select_related("unit")
        .order_by("-year", "unit__kind", "unit__name")
    )


def published_report(division: Division, pk: int) -> Report | None:
    return published_reports(division).filter(pk=pk).first()


def published_version(report: Report) -> ReportVersion | None:
    """The last frozen version: the text the unit published."""
    return report.versions.filter(frozen_at__isnull=False).order_by("-number").first()


def published_catalogs(division: Division) -> QuerySet:
    return (
        DecisionCatalog.objects.filter(
            unit__division__path__startswith=division.path, state=CatalogState.PUBLISHED
        )
        .select_related("unit")
        .order_by("-year", "unit__name")
    )


def published_catalog(division: Division, pk: int) -> DecisionCatalog | None:
    return published_catalogs(division).filter(pk=pk).first()


def catalog_items(catalog: DecisionCatalog) -> QuerySet:
    return catalog.items.select_related("lead_unit").order_by("order", "pk")
