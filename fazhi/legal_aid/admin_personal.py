"""The bulk export of personal data as an admin action (security.md G3), shared by the public
legal services' admins: the user states a reason; the file is watermarked and audited.

The ordinary “导出所选记录” export of these registers carries no personal identifier (its
`export_fields` leave the encrypted columns out)."""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.template.response import TemplateResponse

from fazhi.legal_aid.forms import ReasonForm
from fazhi.legal_aid.personal import personal_export

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@admin.action(description="导出个人信息（须写明用途，留痕）")
def export_personal(modeladmin, request, queryset):
    form = ReasonForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        columns = modeladmin.personal_columns
        try:
            content = personal_export(
                actor=request.user,
                request=request,
                label=str(modeladmin.model._meta.verbose_name),
                headers=[header for header, _ in columns],
                rows=[[value(obj) for _, value in columns] for obj in queryset],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error("reason", exc.messages[0])
        else:
            response = HttpResponse(content, content_type=XLSX)
            name = modeladmin.model._meta.model_name
            response["Content-Disposition"] = f'attachment; filename="{name}_personal.xlsx"'
            return response
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "导出个人信息",
        "form": form,
        "opts": modeladmin.model._meta,
        "selected": [str(pk) for pk in queryset.values_list("pk", flat=True)],
        "count": queryset.count(),
    }
    return TemplateResponse(request, "legal_aid/personal_export.html", context)
