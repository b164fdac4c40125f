"""Sidebar entries of this app (fazhi.core.plugins)."""

from django.urls import reverse_lazy

from fazhi.core.plugins import menu_entry

menu_entry(
    "依法决策",
    "合法性审查",
    "fact_check",
    reverse_lazy("admin:review_reviewrequest_changelist"),
    permission="fazhi.advisors.access.can_open_assigned",
    order=40,
)
menu_entry(
    "依法决策",
    "法律顾问意见",
    "rate_review",
    reverse_lazy("admin:review_advisoropinion_changelist"),
    permission="fazhi.advisors.access.can_open_assigned",
    order=50,
)
menu_entry(
    "依法决策",
    "辅助审查规则",
    "rule",
    reverse_lazy("admin:review_flagrule_changelist"),
    permission="fazhi.review.workflow.can_open_assist_rules",
    order=52,
)
menu_entry(
    "依法决策",
    "已废止法律法规清单",
    "block",
    reverse_lazy("admin:review_repealedlaw_changelist"),
    permission="fazhi.review.workflow.can_open_assist_rules",
    order=53,
)
menu_entry(
    "依法决策",
    "辅助审查统计",
    "query_stats",
    reverse_lazy("admin:review_assist_statistics"),
    permission="fazhi.review.workflow.can_open_assist_rules",
    order=54,
)
