"""Read-only admin lists of returns; filling and deciding happen on the return pages (views.py)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from fazhi.core.admin import UnitScopedAdmin, site
from fazhi.indicators.models import ReturnRequest, UnitReturn


class ReadOnlyScopedAdmin(UnitScopedAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReturnRequest, site=site)
class ReturnRequestAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "year", "granularity", "due_date", "unit", "opened_by", "opened_at"]
    list_filter = ["year", "granularity"]
    search_fields = ["title"]


@admin.register(UnitReturn, site=site)
class UnitReturnAdmin(ReadOnlyScopedAdmin):
    list_display = ["request", "unit", "state", "revision", "open_link"]
    list_filter = ["state", "request__year"]
    search_fields = ["request__title", "unit__name"]

    @admin.display(description="填报页面")
    def open_link(self, obj):
        return format_html(
            '<a href="{}">打开</a>', reverse("indicators:return_detail", args=[obj.pk])
        )
