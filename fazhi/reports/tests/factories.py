"""Isolation factories for the report's unit-owned models (fazhi/core/tests/test_isolation.py)."""

from datetime import date

from fazhi.core.testing.isolation import isolation_factory
from fazhi.reports.models import DutyKind, Report, ReportingDuty, ReportTemplate

_years = iter(range(2000, 2100))


@isolation_factory("reports.ReportTemplate")
def template_for_unit(unit):
    return ReportTemplate.objects.create(unit=unit, name=f"测试提纲{unit.pk}")


@isolation_factory("reports.Report")
def report_for_unit(unit):
    return Report.objects.create(unit=unit, year=next(_years))


@isolation_factory("reports.ReportingDuty")
def duty_for_unit(unit):
    report = report_for_unit(unit)
    return ReportingDuty.objects.create(
        unit=unit,
        report=report,
        kind=DutyKind.SUBMIT,
        recipient="中共测试区委员会",
        rule_code="reports.department_submission",
        due_date=date(report.year + 1, 3, 1),
    )
