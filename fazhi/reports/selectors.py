"""Reads: reports, bodies that report, the departments' collection, units by name."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q

from fazhi.core.access import visible_unit_ids
from fazhi.core.models import Role, Unit, UnitKind
from fazhi.reports.models import DutyKind, Report, ReportingDuty, ReportTemplate, ReportVersion

REPORTING_KINDS = (UnitKind.GOVERNMENT, UnitKind.DEPARTMENT)


def report_list(*, user, year: int | None = None):
    queryset = Report.objects.for_user(user).select_related("unit", "unit__division")
    if year is not None:
        queryset = queryset.filter(year=year)
    return queryset.order_by("-year", "unit__kind", "unit__name")


def reporting_bodies(*, user):
    """Bodies the user may draft a report for: the office's government and departments, or
    a department's own unit."""
    units = visible_unit_ids(user)
    queryset = Unit.objects.filter(active=True, kind__in=REPORTING_KINDS)
    if units is not None:
        queryset = queryset.filter(pk__in=units)
    if user is not None and not user.is_superuser and not user.has_role(Role.OFFICE_STAFF):
        queryset = queryset.filter(pk=user.unit_id, kind=UnitKind.DEPARTMENT)
    return queryset.select_related("division").order_by("kind", "name")


def department_collection(*, user, year: int):
    """The departments' own reports on `year`, with their duties, for the office's table."""
    return (
        report_list(user=user, year=year)
        .filter(unit__kind=UnitKind.DEPARTMENT)
        .prefetch_related("duties")
    )


def duty_list(*, user, overdue_on=None):
    queryset = ReportingDuty.objects.for_user(user).select_related("report", "unit")
    if overdue_on is not None:
        queryset = queryset.filter(done_on__isnull=True, due_date__lt=overdue_on)
    return queryset.order_by("due_date", "unit__name")


def template_list(*, user):
    return ReportTemplate.objects.for_user(user).order_by("body_kind", "name")


def unit_by_name(name: str) -> Unit:
    """A reporting body by its full name, the end of its name, or its short name.

    `蒸湘区人民政府` finds `衡阳市蒸湘区人民政府`.
    """
    name = (name or "").strip()
    if not name:
        raise ValidationError("请用 --unit 指定报告主体，如“蒸湘区人民政府”。")
    exact = list(Unit.objects.filter(name=name))
    if len(exact) == 1:
        return exact[0]
    found = list(
        Unit.objects.filter(Q(name__endswith=name) | Q(short_name=name), active=True).order_by(
            "name"
        )
    )
    if not found:
        raise ValidationError(f"没有名为“{name}”的单位。")
    if len(found) > 1:
        names = "、".join(u.name for u in found[:10])
        raise ValidationError(f"“{name}”对应多个单位：{names}；请写全称。")
    return found[0]


# --- public reads (the portal: no user, published reports only) ------------------------------


def published_reports(division):
    """The annual reports of `division`'s subtree that were published: the 向社会公开 duty is
    recorded as done, and there is a frozen (定稿) version or an uploaded file."""
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


def published_report(division, pk: int):
    return published_reports(division).filter(pk=pk).first()


def published_version(report):
    """The last frozen version of a published report: the text the unit published."""
    return report.versions.filter(frozen_at__isnull=False).order_by("-number").first()
