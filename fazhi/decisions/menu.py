"""Sidebar entries of this app (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry(
    "依法决策",
    "重大行政决策",
    "account_tree",
    reverse_lazy("admin:decisions_majordecision_changelist"),
    permission="fazhi.advisors.access.can_open_assigned",
    order=90,
)
menu_entry(
    "依法决策",
    "决策事项目录",
    "checklist",
    reverse_lazy("admin:decisions_decisioncatalog_changelist"),
    permission="fazhi.advisors.access.can_open_chain",
    order=100,
)
