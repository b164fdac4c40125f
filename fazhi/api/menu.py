"""Sidebar entry of the API: its tokens, for the system admin."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry(
    "系统管理",
    "接口令牌",
    "key",
    reverse_lazy("admin:api_apitoken_changelist"),
    permission="fazhi.core.admin.can_manage_users",
    order=15,
)
