"""Sidebar entries of community corrections: the subjects only for users cleared for them."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry(
    "公共法律服务",
    "社区矫正对象",
    "shield_person",
    reverse_lazy("admin:corrections_subject_changelist"),
    permission="fazhi.corrections.access.can_open_subjects",
    order=60,
)
for order, (title, icon, model) in enumerate(
    [
        ("社区矫正培训班", "school", "trainingclass"),
        ("社区矫正案卷交叉评查", "fact_check", "crossreview"),
        ("社区矫正技能比武", "emoji_events", "competition"),
    ],
    start=61,
):
    menu_entry(
        "公共法律服务",
        title,
        icon,
        reverse_lazy(f"admin:corrections_{model}_changelist"),
        permission="fazhi.core.admin.can_work_on_records",
        order=order,
    )
