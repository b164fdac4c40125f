"""Back office: the outline templates (the office edits sections and chosen indicators), the
reports list and the reporting/publication duties. Drafting happens on the staff page."""

from __future__ import annotations

import re

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html
from unfold.admin import TabularInline

from fazhi.core.admin import UnitScopedAdmin, site
from fazhi.indicators.catalog import all_specs
from fazhi.reports import workflow
from fazhi.reports.models import (
    REQUIRED_KINDS,
    Report,
    ReportingDuty,
    ReportTemplate,
    SectionKind,
    TemplateSection,
)
from fazhi.reports.placeholders import validate_text


def _known():
    return all_specs()


class TemplateSectionForm(forms.ModelForm):
    indicators_text = forms.CharField(
        label="本节指标",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="指标代码，逗号、空格或换行分隔，如 reconsideration.received。",
    )

    class Meta:
        model = TemplateSection
        fields = ["order", "key", "level", "kind", "title", "required", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["indicators_text"].initial = "\n".join(self.instance.indicators or [])

    def clean_indicators_text(self):
        codes = [c for c in re.split(r"[\s,，、]+", self.cleaned_data["indicators_text"]) if c]
        known = _known()
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise ValidationError(f"这些指标不存在：{'、'.join(unknown)}。")
        return list(dict.fromkeys(codes))

    def clean(self):
        cleaned = super().clean()
        where = cleaned.get("title") or "本节"
        known = _known()
        for field in ("body", "title"):
            try:
                validate_text(cleaned.get(field) or "", known, where=where)
            except ValidationError as exc:
                self.add_error(field, exc)
        return cleaned

    def save(self, commit=True):
        self.instance.indicators = self.cleaned_data.get("indicators_text", [])
        return super().save(commit)


class OutlineFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        kinds = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            if form.cleaned_data.get("kind"):
                kinds.add(form.cleaned_data["kind"])
        missing = [SectionKind(k).label for k in REQUIRED_KINDS if k not in kinds]
        if missing:
            raise ValidationError(
                f"提纲须保留年度报告的必备内容（督察工作规定，R3）：缺少{'、'.join(missing)}。"
            )


class TemplateSectionInline(TabularInline):
    model = TemplateSection
    form = TemplateSectionForm
    formset = OutlineFormSet
    extra = 1
    fields = ["order", "key", "level", "kind", "title", "required", "indicators_text", "body"]


@admin.register(ReportTemplate, site=site)
class ReportTemplateAdmin(UnitScopedAdmin):
    list_display = ["name", "body_kind", "is_default", "unit"]
    inlines = [TemplateSectionInline]
    export_fields = ("name", "body_kind", "is_default", "unit", "created_at")

    def _may_edit(self, request) -> bool:
        return request.user.is_active and workflow.may_edit_templates(request.user)

    def has_add_permission(self, request):
        return self._may_edit(request)

    def has_change_permission(self, request, obj=None):
        return self._may_edit(request)

    def has_delete_permission(self, request, obj=None):
        return self._may_edit(request) and (obj is None or not obj.reports.exists())


class DutyInline(TabularInline):
    model = ReportingDuty
    extra = 0
    fields = ["kind", "recipient", "due_date", "done_on", "url", "portal_entry"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Report, site=site)
class ReportAdmin(UnitScopedAdmin):
    list_display = ["year", "unit", "source", "open_link"]
    list_filter = ["year", "source"]
    search_fields = ["unit__name"]
    fields = ["unit", "year", "source", "title", "issuing_body", "signed_on", "template"]
    readonly_fields = ["unit", "year", "source"]
    inlines = [DutyInline]
    export_fields = ("unit", "year", "source", "title", "issuing_body", "signed_on")

    @admin.display(description="编辑")
    def open_link(self, obj):
        return format_html('<a href="{}">打开</a>', reverse("reports:detail", args=[obj.pk]))

    def has_add_permission(self, request):
        return False  # reports are opened on the staff page (first draft, duties)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportingDuty, site=site)
class ReportingDutyAdmin(UnitScopedAdmin):
    list_display = ["report", "kind", "recipient", "due_date", "done_on", "status_label"]
    list_filter = ["kind", "due_date"]
    search_fields = ["unit__name", "recipient"]
    readonly_fields = ["report", "kind", "rule_code", "due_date", "due_explanation", "clock"]
    fields = [
        "report",
        "kind",
        "recipient",
        "rule_code",
        "due_date",
        "due_explanation",
        "done_on",
        "url",
        "portal_entry",
    ]
    export_fields = ("unit", "kind", "recipient", "due_date", "done_on", "url", "portal_entry")

    @admin.display(description="状态")
    def status_label(self, obj):
        return obj.status_label

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # recorded through the staff page (services.duty_record closes the clock)
