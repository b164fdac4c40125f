"""Sidebar entries of 学法述法 (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

OPEN = "fazhi.core.admin.can_work_on_records"

for order, (title, icon, name) in enumerate(
    [
        ("学法活动", "menu_book", "admin:study_studysession_changelist"),
        ("各单位学法情况", "leaderboard", "admin:study_studysession_overview"),
        ("应知应会清单", "checklist", "admin:study_requiredlawlist_changelist"),
        ("工作人员", "badge", "admin:study_staffmember_changelist"),
        ("学法考法名单", "quiz", "admin:study_lawexamentry_changelist"),
        ("任前考法", "how_to_reg", "admin:study_appointmentexam_changelist"),
        ("述法", "record_voice_over", "admin:study_dutyreport_changelist"),
        ("第一责任人职责清单", "assignment_ind", "admin:study_responsibilitylist_changelist"),
        ("依法治区委员会会议", "groups", "admin:study_committeemeeting_changelist"),
        ("委员会交办任务", "task", "admin:study_committeetask_changelist"),
    ],
    start=1,
):
    menu_entry("学法述法", title, icon, reverse_lazy(name), permission=OPEN, order=order * 10)
