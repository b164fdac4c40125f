"""Sidebar entries of this app (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry(
    "依法决策",
    "法律顾问",
    "support_agent",
    reverse_lazy("admin:advisors_legaladvisor_changelist"),
    permission="fazhi.advisors.access.can_open_chain",
    order=110,
)
menu_entry(
    "依法决策",
    "法律顾问合同",
    "handshake",
    reverse_lazy("admin:advisors_advisorcontract_changelist"),
    permission="fazhi.advisors.access.can_open_assigned",
    order=120,
)
menu_entry(
    "依法决策",
    "法律顾问服务记录",
    "history_edu",
    reverse_lazy("admin:advisors_servicelog_changelist"),
    permission="fazhi.advisors.access.can_open_assigned",
    order=130,
)
menu_entry(
    "依法决策",
    "法律顾问覆盖情况",
    "map",
    reverse_lazy("admin:advisors_advisorcontract_coverage"),
    permission="fazhi.advisors.access.can_open_supervision",
    order=140,
)
