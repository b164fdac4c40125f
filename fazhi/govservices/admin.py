"""Back office of government services: the item catalog (Excel import), 一件事 packages,
applications (read-only; loaded by the bulk import page), import batches, the hall."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse

from fazhi.core.admin import UnitScopedAdmin, site
from fazhi.core.admin_actions import ActionForm, ExcelImportMixin
from fazhi.core.audit import record_access_event
from fazhi.core.models import AccessEventKind
from fazhi.core.xlsx import Column, ImportProblems
from fazhi.govservices import bulk, imports
from fazhi.govservices.models import (
    ApplicationSource,
    HallTally,
    ImportBatch,
    OneThingPackage,
    ServiceApplication,
    ServiceItem,
    StationedUnit,
    WindowCount,
)
from fazhi.govservices.selectors import application_deadline


@admin.register(ServiceItem, site=site)
class ServiceItemAdmin(ExcelImportMixin, UnitScopedAdmin):
    list_display = ["code", "name", "department", "item_type", "promised_days", "online",
                    "onsite", "platform_claimed_on", "platform_configured_on", "active"]  # fmt: skip
    list_filter = ["item_type", "online", "onsite", "active"]
    search_fields = ["code", "name", "department__name"]
    import_spec = imports.ITEM_IMPORT
    import_title = "导入政务服务事项清单"


@admin.register(OneThingPackage, site=site)
class OneThingPackageAdmin(UnitScopedAdmin):
    list_display = ["name", "launched_on", "active", "inactive_reason"]
    list_filter = ["active"]
    filter_horizontal = ["items"]


class ApplicationImportForm(ActionForm):
    file = forms.FileField(label="办件文件（.csv 或 .xlsx）")
    source = forms.ModelChoiceField(
        label="数据来源（列名对照）",
        queryset=ApplicationSource.objects.none(),
        required=False,
        help_text="留空则按省政务服务平台的导出格式。",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = ApplicationSource.objects.for_user(user)


@admin.register(ServiceApplication, site=site)
class ServiceApplicationAdmin(UnitScopedAdmin):
    list_display = ["number", "item", "channel", "received_at", "completed_at", "result",
                    "due_date", "on_time", "package", "via_platform"]  # fmt: skip
    list_filter = ["channel", "result", "on_time", "via_platform"]
    search_fields = ["number", "item__code", "item__name"]
    date_hierarchy = "received_on"
    readonly_fields = ["deadline_explanation"]
    list_before_template = "core/import_link.html"
    show_full_result_count = False

    def deadline_explanation(self, obj):
        return application_deadline(obj).explanation

    deadline_explanation.short_description = "承诺期限计算"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="govservices_serviceapplication_import",
            ),
            path(
                "import/template/",
                self.admin_site.admin_view(self.template_view),
                name="govservices_serviceapplication_import_template",
            ),
        ] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = dict(extra_context or {})
        extra_context["import_url"] = reverse("admin:govservices_serviceapplication_import")
        return super().changelist_view(request, extra_context)

    def template_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        content = bulk.write_csv([], bulk.DEFAULT_HEADERS.values())
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="applications_template.csv"'
        return response

    def import_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        problems: list[str] = []
        form = ApplicationImportForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                if upload.size and upload.size > bulk.MAX_BULK_BYTES:
                    raise ValidationError("文件过大，请分批导入。")
                result = bulk.import_applications(
                    upload.read(bulk.MAX_BULK_BYTES + 1),
                    actor=request.user,
                    source=form.cleaned_data.get("source"),
                    file_name=upload.name,
                    request=request,
                )
            except ImportProblems as exc:
                problems = [str(e) for e in exc.errors]
                total = getattr(exc, "total", len(problems))
                if total > len(problems):
                    problems.append(f"另有 {total - len(problems)} 处错误未列出。")
            except ValidationError as exc:
                problems = exc.messages
            else:
                messages.success(request, result.message)
                return HttpResponseRedirect(
                    reverse("admin:govservices_serviceapplication_changelist")
                )
            record_access_event(
                request,
                AccessEventKind.IMPORT,
                success=False,
                detail={"ledger": "govservices.ServiceApplication", "problems": problems[:20]},
            )
        columns = [
            Column(header, field, required=field in bulk.REQUIRED)
            for field, header in bulk.DEFAULT_HEADERS.items()
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "导入政务服务办件",
            "form": form,
            "opts": self.model._meta,
            "problems": problems,
            "columns": columns,
            "template_url": reverse("admin:govservices_serviceapplication_import_template"),
            "changelist_url": reverse("admin:govservices_serviceapplication_changelist"),
        }
        return TemplateResponse(request, "core/import_form.html", context)


@admin.register(ImportBatch, site=site)
class ImportBatchAdmin(UnitScopedAdmin):
    list_display = ["imported_at", "file_name", "file_format", "encoding", "rows", "created",
                    "completed", "skipped", "imported_by"]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApplicationSource, site=site)
class ApplicationSourceAdmin(UnitScopedAdmin):
    list_display = ["name", "note"]


@admin.register(WindowCount, site=site)
class WindowCountAdmin(UnitScopedAdmin):
    list_display = ["on", "windows", "note"]


@admin.register(StationedUnit, site=site)
class StationedUnitAdmin(UnitScopedAdmin):
    list_display = ["name", "kind", "stationed_on", "left_on"]
    list_filter = ["kind"]


@admin.register(HallTally, site=site)
class HallTallyAdmin(ExcelImportMixin, UnitScopedAdmin):
    list_display = ["on", "kind", "count"]
    list_filter = ["kind"]
    date_hierarchy = "on"
    import_spec = imports.TALLY_IMPORT
    import_title = "导入政务大厅日统计"
