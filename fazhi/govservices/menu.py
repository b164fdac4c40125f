"""Sidebar entries of government services (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

for _order, (_title, _icon, _model) in enumerate(
    [
        ("政务服务事项清单", "list_alt", "serviceitem"),
        ("“一件事”事项", "hub", "onethingpackage"),
        ("政务服务办件", "assignment_turned_in", "serviceapplication"),
        ("办件导入记录", "upload_file", "importbatch"),
        ("政务大厅日统计", "query_stats", "halltally"),
        ("政务中心窗口设置", "storefront", "windowcount"),
        ("进驻部门及企业", "apartment", "stationedunit"),
    ]
):
    menu_entry(
        "政务服务与公开",
        _title,
        _icon,
        reverse_lazy(f"admin:govservices_{_model}_changelist"),
        permission="fazhi.core.admin.can_work_on_records",
        order=10 + _order,
    )
