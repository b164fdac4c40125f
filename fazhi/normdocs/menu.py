"""Sidebar entries of this app (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry(
    "依法决策",
    "行政规范性文件",
    "article",
    reverse_lazy("admin:normdocs_normativedocument_changelist"),
    permission="fazhi.advisors.access.can_open_chain",
    order=60,
)
menu_entry(
    "依法决策",
    "规范性文件清理",
    "cleaning_services",
    reverse_lazy("admin:normdocs_cleanupcampaign_changelist"),
    permission="fazhi.advisors.access.can_open_chain",
    order=70,
)
menu_entry(
    "依法决策",
    "附带审查",
    "plagiarism",
    reverse_lazy("admin:normdocs_incidentalreview_changelist"),
    permission="fazhi.advisors.access.can_open_incidental_review",
    order=80,
)
