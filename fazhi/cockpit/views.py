"""The office's cockpit pages: the unit status matrix, one unit's detail, the Excel export."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from fazhi.cockpit import selectors, services
from fazhi.cockpit.models import RevisionRequest, RevisionState
from fazhi.core.access import get_for_user_or_404, office_covers
from fazhi.core.admin import site
from fazhi.core.audit import record_access_event
from fazhi.core.models import AccessEventKind, Unit, UnitKind
from fazhi.core.xlsx import build_workbook
from fazhi.indicators.models import UnitReturn

NO_REPORT_KINDS = (UnitKind.VILLAGE, UnitKind.COMMUNITY, UnitKind.OTHER)
SORTS = {
    "behind": lambda r: (-r.behind, r.unit.name),
    "overdue": lambda r: (-r.overdue, r.unit.name),
    "due_soon": lambda r: (-r.due_soon, r.unit.name),
    "name": lambda r: r.unit.name,
}


def can_open_cockpit(request) -> bool:
    user = request.user
    return bool(user.is_authenticated and user.unit_id and office_covers(user, user.unit))


def _require_office(request) -> None:
    if not can_open_cockpit(request):
        raise PermissionDenied("督察看板供依法治区办使用。")


def _year(request) -> int:
    raw = request.GET.get("year") or ""
    if not raw:
        return timezone.localdate().year - 1
    if not raw.isdigit() or not 2000 <= int(raw) <= 2100:
        raise Http404("年度应为 2000 至 2100 之间的四位数字。")
    return int(raw)


def _kind(request) -> str:
    kind = request.GET.get("kind") or ""
    if kind and kind not in UnitKind.values:
        raise Http404("单位类型无效。")
    return kind


def _sorted(matrix, request):
    key = request.GET.get("sort") or "behind"
    if key not in SORTS:
        raise Http404("排序方式无效。")
    matrix.rows.sort(key=SORTS[key])
    return key


def matrix_view(request):
    _require_office(request)
    year, kind = _year(request), _kind(request)
    matrix = selectors.status_matrix(user=request.user, year=year, kind=kind)
    sort = _sorted(matrix, request)
    context = {
        **site.each_context(request),
        "title": "督察看板：各单位工作状态",
        "matrix": matrix,
        "year": year,
        "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
        "kind": kind,
        "sort": sort,
        "kinds": selectors.UNIT_KIND_CHOICES,
        "return_columns": selectors.RETURN_COLUMNS,
        "no_report_kinds": NO_REPORT_KINDS,
    }
    return render(request, "cockpit/matrix.html", context)


def matrix_export_view(request):
    _require_office(request)
    year, kind = _year(request), _kind(request)
    matrix = selectors.status_matrix(user=request.user, year=year, kind=kind)
    headers = [
        "单位",
        "单位类型",
        "逾期期限",
        "即将到期",
        *[label for _key, label in selectors.RETURN_COLUMNS],
        *[name for _code, name in matrix.checks],
        "年度报告",
    ]
    rows = [
        [
            r.unit.name,
            r.unit.get_kind_display(),
            r.overdue,
            r.due_soon,
            *[r.returns[key] for key, _label in selectors.RETURN_COLUMNS],
            *[r.findings[code] for code, _name in matrix.checks],
            "—" if r.unit.kind in NO_REPORT_KINDS else r.report_label,
        ]
        for r in matrix.rows
    ]
    record_access_event(
        request,
        AccessEventKind.EXPORT,
        detail={"ledger": "督察看板", "year": year, "rows": len(rows)},
    )
    response = HttpResponse(
        build_workbook(headers, rows, title=f"{year}年度各单位工作状态"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="cockpit-{year}.xlsx"'
    return response


def unit_view(request, pk: int):
    """What lies behind one row of the matrix: the unit's deadlines, returns, findings, report."""
    _require_office(request)
    year = _year(request)
    unit = _unit_in_view(request.user, pk)
    detail = selectors.unit_detail(user=request.user, unit=unit, year=year)
    context = {
        **site.each_context(request),
        "title": f"{unit.name}：{year}年度工作状态",
        "unit": unit,
        "year": year,
        "detail": detail,
        "back": reverse("cockpit:matrix") + f"?year={year}",
    }
    return render(request, "cockpit/unit.html", context)


unit_view.scoped_model = "core.Unit"


def _unit_in_view(user, pk: int) -> Unit:
    unit = selectors.matrix_units(user=user).filter(pk=pk).first()
    if unit is None:
        raise Http404("没有找到该单位。")
    return unit


def findings_view(request):
    """The findings of one compliance check across the office's units (evidence of the 示范
    创建 assessment and of the matrix's columns); each unit opens its cockpit page."""
    _require_office(request)
    year = _year(request)
    names = selectors.check_names()
    code = request.GET.get("check") or ""
    if code not in names:
        raise Http404("没有该核查项目。")
    findings = selectors.check_findings(user=request.user, check=code, year=year)
    context = {
        **site.each_context(request),
        "title": f"{names[code]}（{year}年度）",
        "year": year,
        "findings": findings,
        "back": reverse("cockpit:matrix") + f"?year={year}",
    }
    return render(request, "cockpit/findings.html", context)


def charts_view(request):
    """Charts of the office's division, each with its table and a PNG download."""
    _require_office(request)
    year = _year(request)
    today = timezone.localdate()
    options = selectors.chart_indicators()
    code = request.GET.get("indicator") or (options[0][0] if options else "")
    if code and code not in dict(options):
        raise Http404("没有该指标。")
    charts = [
        selectors.deadlines_by_week(user=request.user, today=today),
        selectors.returns_progress(user=request.user, year=year, today=today),
    ]
    if code:
        years = list(range(year - 4, year + 1))
        charts.append(selectors.indicator_trend(user=request.user, code=code, years=years))
        charts.append(selectors.indicator_comparison(user=request.user, code=code, year=year))
    context = {
        **site.each_context(request),
        "title": "督察看板：图表",
        "year": year,
        "years": range(today.year, today.year - 6, -1),
        "charts": [
            {"id": f"chart-{i}", "data_id": f"chart-{i}-data", "chart": c, "data": _chart_data(c)}
            for i, c in enumerate(charts)
        ],
        "indicator_options": options,
        "indicator": code,
    }
    return render(request, "cockpit/charts.html", context)


def _chart_data(chart) -> dict:
    return {
        "title": chart.title,
        "categories": chart.categories,
        "series": chart.series,
        "measure": chart.measure,
        "kind": chart.kind,
    }


# --- 申请修订 of a locked statistical return ------------------------------------------------


def _messages(exc) -> list[str]:
    if isinstance(exc, PermissionDenied):
        return [str(exc)]
    return exc.messages


def revision_apply_view(request, pk: int):
    """The unit head applies (from the return's page) to reopen an accepted return."""
    unit_return = get_for_user_or_404(
        UnitReturn.objects.select_related("request", "unit"), request.user, pk=pk
    )
    if request.method == "POST":
        try:
            services.revision_request_create(
                actor=request.user, unit_return=unit_return, reason=request.POST.get("reason", "")
            )
            messages.success(request, "已向依法治区办申请修订，处理结果将显示在工作台。")
        except (ValidationError, PermissionDenied) as exc:
            for message in _messages(exc):
                messages.error(request, message)
    return redirect("indicators:return_detail", pk=unit_return.pk)


revision_apply_view.scoped_model = UnitReturn


def revision_view(request, pk: int):
    """One revision request: the office grants or refuses it; the unit reads the outcome."""
    revision = get_for_user_or_404(
        RevisionRequest.objects.select_related(
            "unit", "unit_return__request", "requested_by", "decided_by"
        ),
        request.user,
        pk=pk,
    )
    may_decide = revision.state == RevisionState.PENDING and office_covers(
        request.user, revision.unit
    )
    if request.method == "POST" and may_decide:
        action = request.POST.get("action")
        try:
            if action == "grant":
                services.revision_request_grant(actor=request.user, revision_request=revision)
                messages.success(request, "已同意修订：该单位可修改后重新报送。")
                return redirect("indicators:return_detail", pk=revision.unit_return_id)
            if action == "refuse":
                services.revision_request_refuse(
                    actor=request.user, revision_request=revision, note=request.POST.get("note", "")
                )
                messages.success(request, "已答复不同意修订。")
                return redirect("cockpit:revision", pk=revision.pk)
            raise Http404("未知操作。")
        except (ValidationError, PermissionDenied) as exc:
            for message in _messages(exc):
                messages.error(request, message)
    context = {
        **site.each_context(request),
        "title": f"统计报表修订申请：{revision.unit.name}",
        "revision": revision,
        "may_decide": may_decide,
    }
    return render(request, "cockpit/revision.html", context)


revision_view.scoped_model = RevisionRequest
