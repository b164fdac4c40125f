"""Sidebar entries of this app (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry(
    "今日待办",
    "法定期限",
    "timer",
    reverse_lazy("admin:deadlines_clock_changelist"),
    permission="fazhi.core.admin.can_work_on_records",
    order=20,
)
menu_entry(
    "系统管理",
    "放假安排日历",
    "calendar_month",
    reverse_lazy("admin:deadlines_calendarversion_changelist"),
    permission="fazhi.deadlines.admin.can_manage_calendar",
    order=50,
)
menu_entry(
    "系统管理",
    "期限规则调整",
    "rule",
    reverse_lazy("admin:deadlines_ruleoverride_changelist"),
    permission="fazhi.deadlines.admin.can_manage_calendar",
    order=60,
)
