"""Sidebar entries of employment services."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

for _order, (_title, _icon, _model) in enumerate(
    [
        ("招聘会", "work", "jobfair"),
        ("参会企业", "business", "fairemployer"),
        ("招聘岗位", "badge", "fairposition"),
    ]  # fmt: skip
):
    menu_entry(
        "政务服务与公开",
        _title,
        _icon,
        reverse_lazy(f"admin:employment_{_model}_changelist"),
        permission="fazhi.core.admin.can_work_on_records",
        order=60 + _order,
    )
