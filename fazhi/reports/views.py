"""Staff pages: pick a body and year, see the draft with its warnings, edit, preview, export.

Every view runs inside the admin site (login, staff, two-factor gate). Views taking a report id
declare `scoped_model` and fetch through `get_for_user_or_404`; the guards in workflow.py decide
what the user may change.
"""

from __future__ import annotations

import difflib
from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from fazhi.core.access import get_for_user_or_404
from fazhi.core.admin import can_work_on_records, site
from fazhi.core.models import Unit
from fazhi.core.params import year_param
from fazhi.reports import selectors, services, workflow
from fazhi.reports.assemble import FigureSource, build
from fazhi.reports.models import (
    DutyKind,
    ProblemState,
    Report,
    ReportExport,
    SectionKind,
)
from fazhi.reports.pdf import soffice_path
from fazhi.reports.placeholders import parse

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "doc": "application/msword",
    "ofd": "application/ofd",
}


def can_use_reports(request) -> bool:
    return can_work_on_records(request)


def _context(request, **extra):
    return {**site.each_context(request), **extra}


def _require(request) -> None:
    if not can_use_reports(request):
        raise PermissionDenied("您的角色不能使用年度报告。")


def _report(request, pk) -> Report:
    _require(request)
    return get_for_user_or_404(
        Report.objects.select_related("unit", "unit__division"), request.user, pk=pk
    )


def _messages_from(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _years() -> list[int]:
    this_year = timezone.localdate().year
    return list(range(this_year, 2019, -1))


def index_view(request):
    _require(request)
    user = request.user
    bodies = selectors.reporting_bodies(user=user)
    if request.method == "POST":
        try:
            unit = bodies.get(pk=int(request.POST.get("unit", "0")))
        except (Unit.DoesNotExist, ValueError):
            messages.error(request, "请选择报告主体。")
            return redirect("reports:index")
        try:
            year = int(request.POST.get("year", ""))
        except ValueError:
            messages.error(request, "请选择报告年度。")
            return redirect("reports:index")
        report = Report.objects.filter(unit=unit, year=year).first()
        if report is None:
            try:
                report = services.report_create(actor=user, unit=unit, year=year)
            except ValidationError as exc:
                _messages_from(request, exc)
                return redirect("reports:index")
            except PermissionDenied as exc:
                messages.error(request, str(exc))
                return redirect("reports:index")
            messages.success(request, f"已生成{unit}{year}年度报告初稿。")
        elif report.source == Report.Source.AWAITED:
            try:
                services.report_draft_here(actor=user, report=report)
            except (ValidationError, PermissionDenied) as exc:
                messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
                return redirect("reports:index")
        return redirect("reports:detail", pk=report.pk)
    return render(
        request,
        "reports/index.html",
        _context(
            request,
            title="法治政府建设年度报告",
            bodies=bodies,
            years=_years(),
            default_year=timezone.localdate().year - 1,
            reports=selectors.report_list(user=user)[:100],
            may_collect=workflow.may_collect(user),
        ),
    )


def detail_view(request, pk):
    report = _report(request, pk)
    if report.source != Report.Source.DRAFTED:
        return redirect(f"{reverse('reports:departments')}?year={report.year}")
    version = report.latest_version()
    rendered = build(report, user=request.user, version=version)
    problems = list(report.problems.all())
    changed = (
        services.pending_changes(report, user=request.user) if version and version.is_frozen else []
    )
    return render(
        request,
        "reports/detail.html",
        _context(
            request,
            title=report.display_title,
            report=report,
            version=version,
            rendered=rendered,
            problems=problems,
            duties=list(report.duties.order_by("kind", "recipient")),
            versions=list(report.versions.select_related("created_by").order_by("-number")[:30]),
            exports=list(
                ReportExport.objects.filter(version__report=report)
                .select_related("version", "created_by")
                .defer("content")[:20]
            ),
            may_edit=workflow.may_edit(request.user, report),
            may_decide=workflow.may_decide_problems(request.user, report),
            pdf_available=soffice_path() is not None,
            today=timezone.localdate(),
            pending=[p for p in problems if p.state == ProblemState.PROPOSED],
            changed=changed,
        ),
    )


detail_view.scoped_model = Report


def section_edit_view(request, pk, key):
    report = _report(request, pk)
    if not workflow.may_edit(request.user, report):
        raise PermissionDenied("无权修改该年度报告。")
    version = report.latest_version()
    section = version.section(key) if version else None
    if section is None:
        raise Http404("报告中没有该章节。")
    title, body = section.get("title", ""), section.get("body", "")
    if request.method == "POST":
        title = request.POST.get("title", title)
        body = request.POST.get("body", "")
        try:
            services.report_section_save(
                actor=request.user,
                report=report,
                key=key,
                body=body,
                title=title,
                note=request.POST.get("note", ""),
            )
        except ValidationError as exc:
            _messages_from(request, exc)
        else:
            messages.success(request, "已保存为新版本。")
            return redirect(f"{reverse('reports:detail', args=[report.pk])}#section-{key}")
    source = FigureSource(report.unit, report.year, user=request.user)
    codes = list(section.get("indicators") or [])
    values = source.values(codes)
    return render(
        request,
        "reports/section_edit.html",
        _context(
            request,
            title=f"编辑：{section.get('title') or SectionKind(section['kind']).label}",
            report=report,
            section=section,
            section_title=title,
            body=body,
            values=[values[c] for c in codes if c in values],
            level=section.get("level", 1),
        ),
    )


section_edit_view.scoped_model = Report


@require_POST
def section_add_view(request, pk):
    report = _report(request, pk)
    try:
        services.report_section_add(
            actor=request.user,
            report=report,
            after=request.POST.get("after", ""),
            title=request.POST.get("title", ""),
            level=int(request.POST.get("level", "1") or 1),
        )
        messages.success(request, "已新增章节。")
    except (ValidationError, ValueError) as exc:
        _messages_from(
            request, exc if isinstance(exc, ValidationError) else ValidationError("层级无效。")
        )
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    return redirect("reports:detail", pk=report.pk)


section_add_view.scoped_model = Report


@require_POST
def section_remove_view(request, pk, key):
    report = _report(request, pk)
    try:
        services.report_section_remove(actor=request.user, report=report, key=key)
        messages.success(request, "已删除章节（旧版本仍可查看）。")
    except ValidationError as exc:
        _messages_from(request, exc)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    return redirect("reports:detail", pk=report.pk)


section_remove_view.scoped_model = Report


def _placeholder(request, code):
    """The placeholder a figure link names (`?p=`), or the plain indicator."""
    found, errors = parse("{{" + (request.GET.get("p") or code) + "}}")
    if errors or len(found) != 1 or found[0].code != code:
        raise Http404("没有该数字。")
    return found[0]


def figure_view(request, pk, code):
    """Where a rendered figure comes from: formula, variants, findings, records or returns; for
    a comparison also the earlier period's records; for a frozen version what was kept then."""
    report = _report(request, pk)
    placeholder = _placeholder(request, code)
    if request.GET.get("version"):
        return _frozen_figure(request, report, placeholder)
    source = FigureSource(report.unit, report.year, user=request.user)
    if not source.known(code):
        raise Http404("没有该指标。")
    figure = source.figure(placeholder)
    if figure.error:
        raise Http404(figure.error)
    value = figure.value
    findings = [f for f in source.consistency([code])]
    previous = figure.comparison.previous if figure.comparison else None
    return render(
        request,
        "reports/figure.html",
        _context(
            request,
            title=f"数字来源：{value.name}",
            report=report,
            figure=figure,
            value=value,
            records=_records(value),
            parts=value.provenance.parts if value.provenance.kind in ("rate", "derived") else [],
            previous=previous,
            previous_records=_records(previous) if previous is not None else [],
            findings=findings,
        ),
    )


def _records(value) -> list:
    return value.provenance.records(limit=50) if value.provenance.kind == "records" else []


def _frozen_figure(request, report, placeholder):
    try:
        number = int(request.GET["version"])
    except ValueError as exc:
        raise Http404("版本无效。") from exc
    version = report.versions.filter(number=number, frozen_at__isnull=False).first()
    record = (version.snapshot.get("figures") or {}).get(placeholder.key) if version else None
    if record is None:
        raise Http404("该版本没有定稿的该数字。")
    return render(
        request,
        "reports/figure_frozen.html",
        _context(
            request,
            title=f"数字来源（第{version.number}版定稿）：{record['label']}",
            report=report,
            version=version,
            record=record,
        ),
    )


figure_view.scoped_model = Report


@require_POST
def redraft_view(request, pk):
    report = _report(request, pk)
    try:
        services.problems_propose(actor=request.user, report=report)
        services.report_redraft(actor=request.user, report=report)
        messages.success(request, "已按提纲和最新数据重新生成初稿（旧版本保留）。")
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    return redirect("reports:detail", pk=report.pk)


redraft_view.scoped_model = Report


@require_POST
def propose_view(request, pk):
    report = _report(request, pk)
    try:
        items = services.problems_propose(actor=request.user, report=report)
        messages.success(request, f"已根据最新核查结果更新问题建议（{len(items)} 条）。")
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    return redirect(f"{reverse('reports:detail', args=[report.pk])}#problems")


propose_view.scoped_model = Report


@require_POST
def problem_decide_view(request, pk, problem_id):
    report = _report(request, pk)
    problem = report.problems.filter(pk=problem_id).first()
    if problem is None:
        raise Http404("没有该问题建议。")
    try:
        services.problem_decide(
            actor=request.user,
            problem=problem,
            decision=request.POST.get("decision", ""),
            text=request.POST.get("text", ""),
        )
        messages.success(request, "已确认。")
    except ValidationError as exc:
        _messages_from(request, exc)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    return redirect(f"{reverse('reports:detail', args=[report.pk])}#problems")


problem_decide_view.scoped_model = Report


@require_POST
def duty_record_view(request, pk, duty_id):
    report = _report(request, pk)
    duty = report.duties.filter(pk=duty_id).first()
    if duty is None:
        raise Http404("没有该义务。")
    try:
        done_on = date.fromisoformat(request.POST.get("done_on", ""))
    except ValueError:
        messages.error(request, "日期格式应为 YYYY-MM-DD。")
    else:
        try:
            services.duty_record(
                actor=request.user,
                duty=duty,
                done_on=done_on,
                url=request.POST.get("url", ""),
                portal_entry=request.POST.get("portal_entry", ""),
            )
            messages.success(request, f"已登记{duty.get_kind_display()}（{duty.recipient}）。")
        except ValidationError as exc:
            _messages_from(request, exc)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
    back = "reports:detail" if report.source == Report.Source.DRAFTED else "reports:departments"
    if back == "reports:departments":
        return redirect(f"{reverse(back)}?year={report.year}")
    return redirect(f"{reverse(back, args=[report.pk])}#duties")


duty_record_view.scoped_model = Report


def _confirm_changes(request, report, exc, action_url, verb):
    """The numbers changed since the version was frozen: list them and ask to confirm."""
    return render(
        request,
        "reports/confirm_changes.html",
        _context(
            request,
            title=f"确认{verb}：数据已变化",
            report=report,
            version=exc.version,
            changes=exc.changes,
            action_url=action_url,
            verb=verb,
        ),
    )


@require_POST
def freeze_view(request, pk):
    """保存定稿: the latest version keeps its numbers (with their provenance)."""
    report = _report(request, pk)
    confirm = request.POST.get("confirm") == "1"
    try:
        version = services.report_freeze(actor=request.user, report=report, confirm=confirm)
    except services.FiguresChanged as exc:
        return _confirm_changes(request, report, exc, reverse("reports:freeze", args=[pk]), "定稿")
    except ValidationError as exc:
        _messages_from(request, exc)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, f"第{version.number}版已定稿：此后新增或更正的记录不改变该版本的数字。"
        )
    return redirect("reports:detail", pk=report.pk)


freeze_view.scoped_model = Report


@require_POST
def export_view(request, pk, fmt):
    report = _report(request, pk)
    if fmt not in ReportExport.Format.values:
        raise Http404("导出格式无效。")
    confirm = request.POST.get("confirm") == "1"
    try:
        export = services.report_export(actor=request.user, report=report, fmt=fmt, confirm=confirm)
    except services.FiguresChanged as exc:
        return _confirm_changes(
            request, report, exc, reverse("reports:export", args=[pk, fmt]), "导出"
        )
    except ValidationError as exc:
        _messages_from(request, exc)
        return redirect("reports:detail", pk=report.pk)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("reports:detail", pk=report.pk)
    return _download(export, report)


export_view.scoped_model = Report


def export_download_view(request, pk, export_id):
    report = _report(request, pk)
    export = ReportExport.objects.filter(pk=export_id, version__report=report).first()
    if export is None:
        raise Http404("没有该导出记录。")
    return _download(export, report)


export_download_view.scoped_model = Report


def _download(export: ReportExport, report: Report) -> HttpResponse:
    response = HttpResponse(bytes(export.content), content_type=CONTENT_TYPES[export.format])
    name = f"annual-report-{report.year}-v{export.version.number}.{export.format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def version_view(request, pk, number):
    """One version: who saved it, what changed, and the changed text beside the previous one."""
    report = _report(request, pk)
    version = report.versions.filter(number=number).select_related("created_by").first()
    if version is None:
        raise Http404("没有该版本。")
    previous = report.versions.filter(number__lt=number).order_by("-number").first()
    changes = []
    for section in version.sections:
        before = previous.section(section["key"]) if previous else None
        old = (before or {}).get("body", "")
        old_title = (before or {}).get("title", "")
        if (
            before is not None
            and old == section.get("body", "")
            and old_title == section.get("title", "")
        ):
            continue
        diff = list(
            difflib.ndiff(
                (old_title + "\n" + old).splitlines(),
                (section.get("title", "") + "\n" + section.get("body", "")).splitlines(),
            )
        )
        changes.append({"section": section, "diff": [d for d in diff if not d.startswith("?")]})
    return render(
        request,
        "reports/version.html",
        _context(
            request,
            title=f"{report.display_title} 第{version.number}版",
            report=report,
            version=version,
            previous=previous,
            changes=changes,
        ),
    )


version_view.scoped_model = Report


def departments_view(request):
    """The departments' own reports on a year: collect, upload, record submission/publication."""
    _require(request)
    user = request.user
    year = year_param(request)
    if request.method == "POST":
        try:
            reports = services.department_reports_collect(actor=user, year=year)
            messages.success(request, f"已向 {len(reports)} 个部门发起{year}年度报告征集。")
        except ValidationError as exc:
            _messages_from(request, exc)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
        return redirect(f"{reverse('reports:departments')}?year={year}")
    reports = list(selectors.department_collection(user=user, year=year))
    return render(
        request,
        "reports/departments.html",
        _context(
            request,
            title=f"{year}年度部门法治政府建设年度报告",
            year=year,
            years=_years(),
            reports=reports,
            may_collect=workflow.may_collect(user),
            today=timezone.localdate(),
            publish=DutyKind.PUBLISH,
        ),
    )


@require_POST
def upload_view(request, pk):
    report = _report(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "请选择要上传的文件。")
    else:
        try:
            services.department_report_upload(
                actor=request.user,
                report=report,
                file_name=upload.name,
                content=upload.read(services.MAX_UPLOAD + 1),
            )
            messages.success(request, f"已上传{report.unit}的年度报告。")
        except ValidationError as exc:
            _messages_from(request, exc)
        except PermissionDenied as exc:
            messages.error(request, str(exc))
    return redirect(f"{reverse('reports:departments')}?year={report.year}")


upload_view.scoped_model = Report


def upload_download_view(request, pk):
    report = _report(request, pk)
    if not report.file_content:
        raise Http404("该报告没有上传文件。")
    suffix = report.file_name.rsplit(".", 1)[-1].lower()
    response = HttpResponse(
        bytes(report.file_content),
        content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"),
    )
    response["Content-Disposition"] = f'attachment; filename="report-{report.pk}.{suffix}"'
    return response


upload_download_view.scoped_model = Report
