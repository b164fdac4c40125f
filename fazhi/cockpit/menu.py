"""Sidebar entries of this app (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry(
    "今日待办",
    "督察看板",
    "grid_view",
    reverse_lazy("cockpit:matrix"),
    permission="fazhi.cockpit.views.can_open_cockpit",
    order=15,
)
menu_entry(
    "统计与报告",
    "图表",
    "bar_chart",
    reverse_lazy("cockpit:charts"),
    permission="fazhi.cockpit.views.can_open_cockpit",
    order=15,
)
