"""Compliance checks on the departments' own annual reports (seed problem 二.2).

A department reports on year Y-1 during year Y (by 03-01, published by 04-01: docs/rules.md
R1-R2). For the report on year Y the checks therefore look at the duties that fell due in Y: a
submission or publication recorded after its due date, or not recorded and already overdue.
"""

from django.utils import timezone

from fazhi.core.models import UnitKind
from fazhi.indicators.registry import Finding, compliance_check
from fazhi.reports.models import DutyKind, ReportingDuty

LATE = "reports.department_report_late"
UNPUBLISHED = "reports.department_report_unpublished"


def _overdue_duties(scope, kind: str):
    """The scope's departments' late duties of `kind`, by unit (a generator: it yields its
    queryset)."""
    today = timezone.localdate()
    duties = yield (
        ReportingDuty.objects.filter(
            kind=kind,
            unit__in=scope.units,
            unit__kind=UnitKind.DEPARTMENT,
            due_date__range=(scope.start, scope.end),
        )
        .select_related("unit", "report")
        .defer("report__file_content")
        .order_by("unit__name", "recipient")
    )
    found: dict = {}
    for duty in duties:
        late = duty.done_on > duty.due_date if duty.done_on else duty.due_date < today
        if late:
            found.setdefault(duty.unit, []).append(duty)
    return found


def _done(duty) -> str:
    return f"{duty.done_on:%Y-%m-%d}" if duty.done_on else "未办理"


@compliance_check(
    code=LATE,
    name="部门未按时报告上一年度法治政府建设情况",
    domain="年度报告",
    citation="《法治政府建设与责任落实督察工作规定》第二十五条",
)
def department_report_late(scope):
    findings = []
    late = yield from _overdue_duties(scope, DutyKind.SUBMIT)
    for unit, duties in late.items():
        detail = "；".join(
            f"报送{d.recipient}：截止 {d.due_date:%Y-%m-%d}，{_done(d)}" for d in duties
        )
        findings.append(
            Finding(
                unit=unit,
                message=f"{unit}{duties[0].report.year}年度法治政府建设情况报告未按时报送（{detail}）",
                records=[duties[0].report],
                figures={
                    "截止日期": f"{duties[0].due_date:%Y-%m-%d}",
                    "报送日期": _done(duties[0]),
                },
            )
        )
    return findings


@compliance_check(
    code=UNPUBLISHED,
    name="部门未按时公开上一年度法治政府建设情况报告",
    domain="年度报告",
    citation="《法治政府建设与责任落实督察工作规定》第二十四条",
)
def department_report_unpublished(scope):
    findings = []
    late = yield from _overdue_duties(scope, DutyKind.PUBLISH)
    for unit, duties in late.items():
        duty = duties[0]
        findings.append(
            Finding(
                unit=unit,
                message=f"{unit}{duty.report.year}年度法治政府建设情况报告未按时向社会公开"
                f"（截止 {duty.due_date:%Y-%m-%d}，{_done(duty)}）",
                records=[duty.report],
                figures={"截止日期": f"{duty.due_date:%Y-%m-%d}", "公开日期": _done(duty)},
            )
        )
    return findings
