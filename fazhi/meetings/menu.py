"""Sidebar entries of this app (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry(
    "依法决策",
    "政府常务会议",
    "groups",
    reverse_lazy("admin:meetings_meeting_changelist"),
    permission="fazhi.advisors.access.can_open_meetings",
    order=10,
)
menu_entry(
    "依法决策",
    "会议议题",
    "list_alt",
    reverse_lazy("admin:meetings_agendaitem_changelist"),
    permission="fazhi.advisors.access.can_open_meetings",
    order=20,
)
menu_entry(
    "依法决策",
    "会议纪要",
    "summarize",
    reverse_lazy("admin:meetings_minutes_changelist"),
    permission="fazhi.advisors.access.can_open_meetings",
    order=30,
)
