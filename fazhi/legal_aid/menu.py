"""Sidebar entries of legal aid (公共法律服务)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry(
    "公共法律服务",
    "法律援助案件",
    "gavel",
    reverse_lazy("admin:legal_aid_aidcase_changelist"),
    permission="fazhi.core.admin.can_work_on_records",
    order=20,
)
menu_entry(
    "公共法律服务",
    "法律咨询",
    "support",
    reverse_lazy("admin:legal_aid_consultation_changelist"),
    permission="fazhi.core.admin.can_work_on_records",
    order=21,
)
menu_entry(
    "公共法律服务",
    "法律援助办案补贴标准",
    "payments",
    reverse_lazy("admin:legal_aid_subsidyrate_changelist"),
    permission="fazhi.core.admin.can_work_on_records",
    order=22,
)
menu_entry(
    "公共法律服务",
    "法律援助文书模板",
    "description",
    reverse_lazy("admin:legal_aid_documenttemplate_changelist"),
    permission="fazhi.core.admin.can_work_on_records",
    order=23,
)
