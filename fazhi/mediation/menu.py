"""Sidebar entries of people's mediation (公共法律服务)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

for order, (title, icon, model) in enumerate(
    [
        ("矛盾纠纷调解", "handshake", "dispute"),
        ("人民调解委员会", "groups", "committee"),
        ("人民调解员", "person", "mediator"),
        ("以案定补标准", "payments", "subsidyrate"),
    ]
):
    menu_entry(
        "公共法律服务",
        title,
        icon,
        reverse_lazy(f"admin:mediation_{model}_changelist"),
        permission="fazhi.core.admin.can_work_on_records",
        order=40 + order,
    )
