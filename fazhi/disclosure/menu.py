"""Sidebar entries of government information disclosure."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

for _order, (_title, _icon, _model) in enumerate(
    [
        ("主动公开信息", "public", "proactiveitem"),
        ("政策解读", "campaign", "interpretation"),
        ("群众来信", "mail", "letter"),
        ("依申请公开", "contact_mail", "disclosurerequest"),
        ("公开文书模板", "description", "documenttemplate"),
    ]
):
    menu_entry(
        "政务服务与公开",
        _title,
        _icon,
        reverse_lazy(f"admin:disclosure_{_model}_changelist"),
        permission="fazhi.core.admin.can_work_on_records",
        order=30 + _order,
    )
