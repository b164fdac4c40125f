"""Sidebar entries of this app (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry(
    "复议应诉",
    "行政复议案件",
    "gavel",
    reverse_lazy("admin:reconsideration_reconsiderationcase_changelist"),
    permission="fazhi.reconsideration.admin.can_open_register",
    order=10,
)
menu_entry(
    "复议应诉",
    "复议意见书跟踪",
    "mark_email_read",
    reverse_lazy("admin:reconsideration_opinionletter_changelist"),
    permission="fazhi.reconsideration.admin.is_recon_officer",
    order=20,
)
menu_entry(
    "复议应诉",
    "复议应诉统计",
    "monitoring",
    reverse_lazy("admin:reconsideration_statistics"),
    permission="fazhi.reconsideration.admin.can_read_statistics",
    order=40,
)
menu_entry(
    "复议应诉",
    "文书模板",
    "description",
    reverse_lazy("admin:reconsideration_documenttemplate_changelist"),
    permission="fazhi.reconsideration.admin.is_recon_officer",
    order=50,
)
menu_entry(
    "复议应诉",
    "台账导入",
    "upload_file",
    reverse_lazy("admin:reconsideration_ledger_import"),
    permission="fazhi.reconsideration.admin.is_recon_officer",
    order=60,
)
menu_entry(
    "复议应诉",
    "复议案号格式",
    "tag",
    reverse_lazy("admin:reconsideration_casenumbercounter_changelist"),
    permission="fazhi.reconsideration.admin.is_recon_officer",
    order=70,
)
