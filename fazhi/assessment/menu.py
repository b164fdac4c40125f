"""Sidebar entries of this app (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry(
    "统计与报告",
    "示范创建评估",
    "military_tech",
    reverse_lazy("assessment:index"),
    permission="fazhi.assessment.views.can_open_assessment",
    order=50,
)
