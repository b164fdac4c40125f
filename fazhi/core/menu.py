"""Sidebar entries of this app (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry("今日待办", "工作台", "dashboard", reverse_lazy("admin:index"), order=10)
menu_entry(
    "系统管理",
    "用户",
    "person",
    reverse_lazy("admin:core_user_changelist"),
    permission="fazhi.core.admin.can_manage_users",
    order=10,
)
menu_entry(
    "系统管理",
    "单位",
    "apartment",
    reverse_lazy("admin:core_unit_changelist"),
    permission="fazhi.core.admin.can_view_structure",
    order=20,
)
menu_entry(
    "系统管理",
    "行政区划",
    "map",
    reverse_lazy("admin:core_division_changelist"),
    permission="fazhi.core.admin.can_view_structure",
    order=30,
)
menu_entry(
    "系统管理",
    "访问审计日志",
    "policy",
    reverse_lazy("admin:core_accessevent_changelist"),
    permission="fazhi.core.admin.can_read_audit",
    order=40,
)
