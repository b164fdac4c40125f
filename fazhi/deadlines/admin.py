"""Back office of the deadline engine: clocks (read-only), calendar versions and import, rules."""

from django.contrib import admin
from unfold.admin import ModelAdmin, TabularInline

from fazhi.core.admin import UnitScopedAdmin, site
from fazhi.deadlines.models import Clock, ClockExtension, ClockPause


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


@admin.register(Clock, site=site)
class ClockAdmin(UnitScopedAdmin):
    """Clocks are started and moved by the registers' services; here they are only read."""

    list_display = [
        "label",
        "unit",
        "owner",
        "trigger_date",
        "due_date",
        "state",
        "provisional",
    ]
    list_filter = ["state", "provisional", "rule_code"]
    search_fields = ["label", "rule_code"]
    date_hierarchy = "due_date"
    inlines = [ClockPauseInline, ClockExtensionInline]
    fields = [
        "label",
        "rule_code",
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

    @admin.display(description="已过天数（自然日 / 扣除中止）")
    def elapsed(self, obj):
        return f"{obj.raw_elapsed_days} / {obj.net_elapsed_days}"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "owner")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


__all__ = ["ClockAdmin", "ModelAdmin"]
