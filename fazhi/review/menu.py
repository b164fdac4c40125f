"""Sidebar entries of this app (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry(
    "依法决策",
    "合法性审查",
    "fact_check",
    reverse_lazy("admin:review_reviewrequest_changelist"),
    permission="fazhi.advisors.access.can_open_assigned",
    order=40,
)
menu_entry(
    "依法决策",
    "法律顾问意见",
    "rate_review",
    reverse_lazy("admin:review_advisoropinion_changelist"),
    permission="fazhi.advisors.access.can_open_assigned",
    order=50,
)
