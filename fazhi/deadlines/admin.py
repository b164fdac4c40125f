"""Back office of the deadline engine: clocks (read-only), calendar versions and their import,
rule overrides. Calendar and rules are the office's (and the system admin's) to change."""

import secrets

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from unfold.admin import ModelAdmin, TabularInline

from fazhi.core.admin import NotFoundInsteadOfRedirect, UnitScopedAdmin, site
from fazhi.core.models import Role
from fazhi.deadlines.forms import CalendarImportForm, RuleOverrideForm
from fazhi.deadlines.importer import CalendarDraft
from fazhi.deadlines.models import (
    CalendarDay,
    CalendarVersion,
    Clock,
    ClockExtension,
    ClockPause,
    RuleOverride,
)
from fazhi.deadlines.rules import STATUSES, registered_rules
from fazhi.deadlines.services import calendar_preview, calendar_version_create

SESSION_KEY = "deadlines_calendar_draft"


def can_manage_calendar(request) -> bool:
    """Office staff (依法治区办) and the system admin maintain the calendar and the rules."""
    user = getattr(request, "user", request)
    return user.is_active and (
        user.is_superuser or user.has_role(Role.OFFICE_STAFF, Role.SYSTEM_ADMIN)
    )


class ReadOnlyInline(TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ClockPauseInline(ReadOnlyInline):
    model = ClockPause
    fields = ["start", "end", "reason"]
    readonly_fields = fields


class ClockExtensionInline(ReadOnlyInline):
    model = ClockExtension
    fields = ["days", "approver", "reason", "approved_at"]
    readonly_fields = fields


class RuleFilter(admin.SimpleListFilter):
    """按期限规则: the rules' names, never their codes."""

    title = "期限规则"
    parameter_name = "rule_code"

    def lookups(self, request, model_admin):
        codes = model_admin.get_queryset(request).values_list("rule_code", flat=True).distinct()
        rules = registered_rules()
        return sorted(
            ((c, rules[c].name if c in rules else "（未登记）") for c in codes), key=lambda x: x[1]
        )

    def queryset(self, request, queryset):
        return queryset.filter(rule_code=self.value()) if self.value() else queryset


@admin.register(Clock, site=site)
class ClockAdmin(UnitScopedAdmin):
    """Clocks are started and moved by the registers' services; here they are only read."""

    list_display = ["label", "unit", "owner", "trigger_date", "due_date", "state", "provisional"]
    list_filter = ["state", "provisional", RuleFilter]
    search_fields = ["label", "rule_code"]
    date_hierarchy = "due_date"
    inlines = [ClockPauseInline, ClockExtensionInline]
    fields = [
        "label",
        "rule_name",
        "unit",
        "owner",
        "trigger_date",
        "period_length",
        "period_unit",
        "extension_days",
        "due_date",
        "provisional",
        "state",
        "closed_on",
        "calendar_version",
        "explanation",
        "elapsed",
    ]
    readonly_fields = fields

    @admin.display(description="期限规则")
    def rule_name(self, obj):
        rule = registered_rules().get(obj.rule_code)
        return rule.name if rule else "（未登记）"

    @admin.display(description="已过天数（自然日 / 扣除中止）")
    def elapsed(self, obj):
        return f"{obj.raw_elapsed_days} / {obj.net_elapsed_days}"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "owner")

    def get_exclude(self, request, obj=None):
        return []

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CalendarDayInline(ReadOnlyInline):
    model = CalendarDay
    fields = ["date", "kind", "name"]
    readonly_fields = fields
    per_page = 400


class CalendarAccessMixin(NotFoundInsteadOfRedirect):
    def has_module_permission(self, request):
        return can_manage_calendar(request)

    def has_view_permission(self, request, obj=None):
        return can_manage_calendar(request)


@admin.register(CalendarVersion, site=site)
class CalendarVersionAdmin(CalendarAccessMixin, ModelAdmin):
    """Versions are immutable; a new one comes only from the two-step import."""

    list_display = ["number", "year_list", "note", "created_by", "created_at"]
    fields = ["number", "years", "note", "source", "created_by", "created_at"]
    readonly_fields = fields
    inlines = [CalendarDayInline]

    @admin.display(description="覆盖年份")
    def year_list(self, obj):
        return "、".join(str(y) for y in sorted(obj.years))

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
                name="deadlines_calendarversion_import",
            ),
        ] + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "import_url": "import/"}
        return super().changelist_view(request, extra_context)

    def import_view(self, request):
        """Upload → preview of the diff and of the deadlines that would move → confirm."""
        if not can_manage_calendar(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": "导入放假安排",
            "opts": self.model._meta,
        }
        if request.method == "POST" and request.POST.get("step") == "confirm":
            return self._confirm(request)
        if request.method == "POST":
            form = CalendarImportForm(request.POST, request.FILES)
            if form.is_valid():
                preview = calendar_preview(form.draft)
                if not preview.lines:
                    form.add_error(
                        None,
                        f"导入的 {preview.year} 年放假安排与现行第{preview.base_version}版"
                        "完全相同，无需导入。",
                    )
                else:
                    token = secrets.token_urlsafe(16)
                    request.session[SESSION_KEY] = {
                        "token": token,
                        "draft": form.draft.as_json(),
                        "source": form.cleaned_data.get("source") or "",
                    }
                    context.update(
                        {"preview": preview, "token": token, "draft_days": len(form.draft.days)}
                    )
                    return TemplateResponse(request, "deadlines/calendar_preview.html", context)
        else:
            form = CalendarImportForm()
        context["form"] = form
        return TemplateResponse(request, "deadlines/calendar_import.html", context)

    def _confirm(self, request):
        stored = request.session.get(SESSION_KEY)
        if not stored or stored.get("token") != request.POST.get("token"):
            messages.error(request, "导入预览已失效，请重新上传。")
            return redirect("admin:deadlines_calendarversion_import")
        draft = CalendarDraft.from_json(stored["draft"])
        try:
            version, report = calendar_version_create(
                actor=request.user, draft=draft, source=stored.get("source", "")
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect("admin:deadlines_calendarversion_import")
        del request.session[SESSION_KEY]
        messages.success(
            request,
            f"已生成第{version.number}版日历（{draft.year} 年）：重算未结期限 {report.changed} 项，"
            f"截止日期变动 {report.moved} 项，已通知承办人 {report.notified} 人次。",
        )
        return redirect(reverse("admin:deadlines_calendarversion_changelist"))


@admin.register(RuleOverride, site=site)
class RuleOverrideAdmin(CalendarAccessMixin, ModelAdmin):
    """The office's runtime changes to declared rules (marked U rules are expected to be)."""

    form = RuleOverrideForm
    list_display = ["rule_name", "declared", "effective", "active", "updated_by"]
    list_filter = ["active"]
    readonly_fields = ["updated_by", "updated_at"]

    @admin.display(description="规则名称")
    def rule_name(self, obj):
        rule = registered_rules().get(obj.rule_code)
        return rule.name if rule else "（未登记）"

    @admin.display(description="原定期限")
    def declared(self, obj):
        rule = registered_rules().get(obj.rule_code)
        return f"{rule.period_text}（{rule.citation}，{STATUSES[rule.status]}）" if rule else "—"

    @admin.display(description="调整后期限")
    def effective(self, obj):
        return str(obj).split("→ ")[-1]

    def has_add_permission(self, request):
        return can_manage_calendar(request)

    def has_change_permission(self, request, obj=None):
        return can_manage_calendar(request)

    def has_delete_permission(self, request, obj=None):
        return can_manage_calendar(request)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
