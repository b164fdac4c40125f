"""Public reads of the portal: published records only, for anyone (no user, no unit scope).

"Published" is the register's own mark: an annual report whose publication duty (向社会公开)
is recorded as done and which has a frozen (定稿) version; a decision catalog in state 已公布;
the legal-aid notice of a finished year; advisors under contract today (name and contact).
These belong with the registers' selectors (`reports.selectors`, `decisions.selectors`): they
live here until those apps take them (see docs/api.md, the portal section).
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from fazhi.advisors.models import VILLAGE_KINDS, AdvisorContract
from fazhi.core.models import Division, DivisionLevel, Unit
from fazhi.decisions.models import CatalogState, DecisionCatalog
from fazhi.legal_aid.selectors import public_notice
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


def legal_aid_notice(division: Division, year: int):
    """The yearly legal-aid notice (《法律援助法》第五十八条) of the district's units, for a
    finished year only (the figures of a year still running are not a notice)."""
    from django.utils import timezone

    if not 2000 <= year < timezone.localdate().year:
        return None
    return public_notice(Unit.objects.in_subtree(division).values("pk"), year)


def village_advisors(division: Division, on) -> list[tuple[Unit, list]]:
    """Each village or community of the district with the advisors under contract on `on`:
    name, kind, organisation and phone only (一村（社区）一法律顾问)."""
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
