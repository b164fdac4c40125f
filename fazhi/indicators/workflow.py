"""States and transitions of a unit's statistical return (统计报表), with their guards.

draft (填报中) --submit--> submitted (已报送) --accept--> accepted (已接收, locked)
                                      \\--send_back (reason)--> returned (已退回) --submit--> …
accepted --correct (reason)--> a new revision in draft; the accepted values stay in force until
the correction is accepted in turn.

No statute governs these internal returns: the rule each guard enforces is the platform's
return procedure (统计填报规程, docs/indicators.md): clerks fill, the unit head submits, the
office of the same or a higher division decides; an accepted return is reopened by the office
(the unit applies for 修订, fazhi.cockpit).
"""

from fazhi.core.access import office_covers
from fazhi.core.models import Role
from fazhi.core.workflow import ALLOW, Transition, Verdict, Workflow, refuse
from fazhi.indicators.models import ReturnState

RULE = "统计填报规程（docs/indicators.md）"
EDITABLE = (ReturnState.DRAFT, ReturnState.RETURNED)


def _own_unit(user, unit_return) -> bool:
    return user.is_active and user.unit_id == unit_return.unit_id


def _office_over(user, unit_return) -> bool:
    return office_covers(user, unit_return.unit)


def may_open(user) -> bool:
    return user.is_active and user.unit_id is not None and user.has_role(Role.OFFICE_STAFF)


def may_add_indicator(user) -> bool:
    return may_open(user)


def may_view(user, unit_return) -> bool:
    return _own_unit(user, unit_return) or _office_over(user, unit_return)


def may_fill(user, unit_return) -> Verdict:
    if _own_unit(user, unit_return) and user.has_role(Role.CLERK, Role.UNIT_HEAD):
        return ALLOW
    return refuse(f"只有本单位填报员或负责人可以填报。依据：{RULE}")


def may_submit(user, unit_return) -> Verdict:
    if _own_unit(user, unit_return) and user.has_role(Role.UNIT_HEAD):
        return ALLOW
    return refuse(f"只有本单位负责人可以报送统计报表。依据：{RULE}")


def may_accept(user, unit_return) -> Verdict:
    if _office_over(user, unit_return):
        return ALLOW
    return refuse(f"只有本级或上级依法治区办工作人员可以审核统计报表。依据：{RULE}")


def may_correct(user, unit_return) -> Verdict:
    """An accepted return is locked: the office reopens it (the unit applies for 修订 to it)."""
    if _office_over(user, unit_return):
        return ALLOW
    return refuse(f"已接收的统计报表已锁定，请向依法治区办申请修订。依据：{RULE}")


WORKFLOW = Workflow(
    [
        Transition("fill", "填报", EDITABLE, None, may_fill, RULE),
        Transition("submit", "报送", EDITABLE, ReturnState.SUBMITTED, may_submit, RULE),
        Transition(
            "accept", "接收", (ReturnState.SUBMITTED,), ReturnState.ACCEPTED, may_accept, RULE
        ),
        Transition(
            "send_back", "退回", (ReturnState.SUBMITTED,), ReturnState.RETURNED, may_accept, RULE
        ),
        Transition(
            "correct",
            "提出更正（已接收的数据已锁定）",
            (ReturnState.ACCEPTED,),
            ReturnState.DRAFT,
            may_correct,
            RULE,
        ),
    ]
)
