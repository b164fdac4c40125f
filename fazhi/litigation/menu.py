"""Sidebar entries of this app (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry(
    "复议应诉",
    "行政诉讼案件",
    "balance",
    reverse_lazy("admin:litigation_lawsuit_changelist"),
    permission="fazhi.reconsideration.admin.can_open_register",
    order=30,
)
