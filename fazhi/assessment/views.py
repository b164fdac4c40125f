"""Pages of the 示范创建 assessment (the office's): frameworks and assessments, one
assessment's tree with scores and evidence, the 申报表 export, evidence downloads."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from fazhi.assessment import documents, imports, selectors, services
from fazhi.assessment.models import EvidenceFile, Framework, Item, Score
from fazhi.assessment.sample import SAMPLE_NAME, SAMPLE_NOTE, sample_workbook
from fazhi.core.access import get_for_user_or_404, office_covers
from fazhi.core.admin import site
from fazhi.core.audit import record_access_event
from fazhi.core.imports import run_import
from fazhi.core.models import AccessEventKind
from fazhi.core.xlsx import ImportProblems

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def can_open_assessment(request) -> bool:
    user = getattr(request, "user", request)
    return bool(user.is_authenticated and user.unit_id and office_covers(user, user.unit))


def _require_office(request) -> None:
    if not can_open_assessment(request):
        raise PermissionDenied("示范创建评估供依法治区办使用。")


def _errors(request, exc) -> None:
    if isinstance(exc, ImportProblems):
        for error in exc.errors:
            messages.error(request, str(error))
    elif isinstance(exc, PermissionDenied):
        messages.error(request, str(exc))
    else:
        for message in exc.messages:
            messages.error(request, message)


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def index_view(request):
    _require_office(request)
    user = request.user
    if request.method == "POST":
        try:
            return _index_action(request)
        except (ValidationError, PermissionDenied, ImportProblems) as exc:
            _errors(request, exc)
    context = {
        **site.each_context(request),
        "title": "法治政府建设示范创建评估",
        "frameworks": selectors.framework_list(user=user),
        "assessments": selectors.assessment_list(user=user),
        "this_year": timezone.localdate().year,
    }
    return render(request, "assessment/index.html", context)


def _index_action(request):
    action = request.POST.get("action")
    user = request.user
    if action == "load_sample":
        result = run_import(
            imports.framework_spec(
                name=SAMPLE_NAME, note=SAMPLE_NOTE, is_sample=True, source_file="示例指标体系.xlsx"
            ),
            sample_workbook(),
            actor=user,
            request=request,
        )
        messages.success(
            request, f"已载入示例指标体系（三级指标 {result.created} 项），请按正式文件核对。"
        )
    elif action == "upload":
        upload = request.FILES.get("file")
        if upload is None:
            raise ValidationError("请选择指标体系 Excel 文件。")
        result = run_import(
            imports.framework_spec(
                name=request.POST.get("name", ""),
                note=request.POST.get("note", ""),
                source_file=upload.name,
            ),
            upload.read(),
            actor=user,
            request=request,
        )
        messages.success(request, f"已导入指标体系（三级指标 {result.created} 项）。")
    elif action == "create":
        framework = get_for_user_or_404(Framework, user, pk=_int(request.POST.get("framework")))
        assessment = services.assessment_create(
            actor=user, framework=framework, year=_int(request.POST.get("year"))
        )
        return redirect("assessment:detail", pk=assessment.pk)
    else:
        raise Http404("未知操作。")
    return redirect("assessment:index")


def _int(raw) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError) as exc:
        raise ValidationError("请选择或填写有效的数字。") from exc


def sample_view(request):
    _require_office(request)
    return _xlsx(sample_workbook(), "市县法治政府建设示范指标体系（示例，须核对）.xlsx")


def detail_view(request, pk: int):
    _require_office(request)
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            anchor = _detail_action(request, assessment)
            return redirect(request.path + anchor)
        except (ValidationError, PermissionDenied) as exc:
            _errors(request, exc)
    tree = selectors.assessment_tree(assessment=assessment, user=request.user)
    context = {
        **site.each_context(request),
        "title": str(assessment),
        "assessment": assessment,
        "tree": tree,
    }
    return render(request, "assessment/detail.html", context)


detail_view.scoped_model = "assessment.Assessment"


def _detail_action(request, assessment) -> str:
    action, post, user = request.POST.get("action"), request.POST, request.user
    if action in ("self", "review"):
        score = get_for_user_or_404(
            Score.objects.select_related("item"),
            user,
            pk=_int(post.get("score")),
            assessment=assessment,
        )
        if action == "self":
            services.score_self(
                actor=user, score=score, value=post.get("value"), note=post.get("note", "")
            )
        else:
            services.score_review(
                actor=user,
                score=score,
                value=post.get("value"),
                note=post.get("note", ""),
                gap=post.get("gap", ""),
            )
        messages.success(request, f"已保存：{score.item.number} {score.item.name}")
        return f"#item-{score.item_id}"
    if action == "upload":
        item = get_for_user_or_404(
            Item, user, pk=_int(post.get("item")), framework=assessment.framework
        )
        services.evidence_upload(
            actor=user,
            assessment=assessment,
            item=item,
            upload=request.FILES.get("file"),
            name=post.get("name", ""),
        )
        messages.success(request, "佐证材料已上传。")
        return f"#item-{item.pk}"
    raise Http404("未知操作。")


def export_view(request, pk: int):
    _require_office(request)
    assessment = selectors.assessment_get(user=request.user, pk=pk)
    tree = selectors.assessment_tree(assessment=assessment, user=request.user)
    record_access_event(request, AccessEventKind.EXPORT, obj=assessment)
    return _xlsx(documents.declaration_workbook(tree), f"示范创建申报表-{assessment.year}.xlsx")


export_view.scoped_model = "assessment.Assessment"


def file_view(request, pk: int):
    _require_office(request)
    upload = get_for_user_or_404(EvidenceFile, request.user, pk=pk)
    record_access_event(request, AccessEventKind.EXPORT, obj=upload)
    return FileResponse(
        upload.file.open("rb"), as_attachment=True, filename=upload.file.name.rsplit("/", 1)[-1]
    )


file_view.scoped_model = "assessment.EvidenceFile"
