"""Sidebar entries of the enforcement register (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

REGISTER = "fazhi.enforcement.access.can_open_register"
SUPERVISION = "fazhi.enforcement.access.can_supervise"

for title, icon, model, permission, order in (
    ("执法人员", "badge", "officer", REGISTER, 10),
    ("行政执法证", "id_card", "certificate", REGISTER, 20),
    ("执法证申领批次", "outbox", "certificatebatch", SUPERVISION, 30),
    ("执法资格考试", "quiz", "examsitting", SUPERVISION, 40),
    ("考试报名及成绩", "how_to_reg", "examregistration", REGISTER, 50),
    ("执法人员清理", "person_remove", "removalcampaign", SUPERVISION, 60),
    ("执法培训", "school", "trainingsession", REGISTER, 70),
    ("执法案件台账", "gavel", "enforcementcase", REGISTER, 80),
    ("案卷评查", "fact_check", "reviewcampaign", REGISTER, 90),
    ("案卷评查表", "grading", "scoresheet", REGISTER, 100),
    ("整改通知", "assignment_late", "rectificationnotice", REGISTER, 110),
    ("案卷评查标准", "rule", "scoringtemplate", SUPERVISION, 120),
):
    menu_entry(
        "行政执法",
        title,
        icon,
        reverse_lazy(f"admin:enforcement_{model}_changelist"),
        permission=permission,
        order=order,
    )
