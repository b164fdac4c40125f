"""States and transitions of a legality review request (legal-rules.md §4).

 in_review ──decide──▶ decided          (approved / approved with changes / not approved)
     │  ▲
return  resubmit                        (退回补充, L2: the clock pauses while returned)
     ▼  │
 returned ──withdraw──▶ withdrawn ◀──withdraw── in_review
"""

from fazhi.core.models import Role
from fazhi.core.workflow import ALLOW, Transition, Verdict, Workflow, refuse
from fazhi.review.models import ReviewState


def _is_office(user) -> bool:
    return user.is_superuser or user.has_role(Role.OFFICE_STAFF)


def may_submit(user, review) -> Verdict:
    """The requesting unit submits, resubmits and withdraws its own requests."""
    if _is_office(user) or (user.unit_id is not None and user.unit_id == review.unit_id):
        return ALLOW
    return refuse("只有送审单位可以送审、补充或撤回合法性审查申请。")


def may_decide(user, review) -> Verdict:
    """Only the reviewing body (审查机构) returns a request or issues the opinion (L4)."""
    if _is_office(user) or (user.unit_id is not None and user.unit_id == review.reviewer_unit_id):
        return ALLOW
    return refuse("只有审查机构（司法局）可以出具合法性审查意见或退回补充。")


def may_maintain_assist_rules(user) -> Verdict:
    """The legal office (a justice bureau's staff) and the 依法治区办 keep the assisted-review
    rules and the repealed-law list, and read the rules' dismissal statistics."""
    if not user.is_authenticated or not user.is_active or user.is_admin_role:
        return refuse("只有司法局（法制审核机构）和依法治区办可以维护辅助审查规则。")
    unit = getattr(user, "unit", None)
    if _is_office(user) or (unit is not None and unit.is_justice_bureau):
        return ALLOW
    return refuse("只有司法局（法制审核机构）和依法治区办可以维护辅助审查规则。")


WORKFLOW = Workflow(
    [
        Transition(
            "return_for_supplement",
            "退回补充材料",
            (ReviewState.IN_REVIEW,),
            ReviewState.RETURNED,
            may_decide,
            "《重大行政决策程序暂行条例》第二十六条第一款",
        ),
        Transition(
            "resubmit",
            "补充后重新送审",
            (ReviewState.RETURNED,),
            ReviewState.IN_REVIEW,
            may_submit,
        ),
        Transition(
            "decide",
            "出具审查意见",
            (ReviewState.IN_REVIEW,),
            ReviewState.DECIDED,
            may_decide,
            "《重大行政决策程序暂行条例》第二十七条",
        ),
        Transition(
            "withdraw",
            "撤回",
            (ReviewState.IN_REVIEW, ReviewState.RETURNED),
            ReviewState.WITHDRAWN,
            may_submit,
        ),
        Transition(
            "ask_advisor",
            "征求法律顾问意见",
            (ReviewState.IN_REVIEW, ReviewState.RETURNED),
            None,
            may_decide,
            "《重大行政决策程序暂行条例》第二十八条",
        ),
    ]
)


def can_open_assist_rules(request) -> bool:
    """Sidebar: the assisted review's rules and statistics, for the legal office (its clerks and
    heads) and the 依法治区办; a reconsideration officer of the same bureau does not see them."""
    user = getattr(request, "user", request)
    reviewer = user.is_superuser or user.has_role(Role.CLERK, Role.UNIT_HEAD, Role.OFFICE_STAFF)
    return reviewer and bool(may_maintain_assist_rules(user))
