"""Sidebar entries of this app (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry(
    "统计与报告",
    "年度报告",
    "description",
    reverse_lazy("reports:index"),
    permission="fazhi.reports.views.can_use_reports",
    order=40,
)
