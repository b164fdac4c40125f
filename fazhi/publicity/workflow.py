"""Who records publicity work, and the step table of a 普法责任 duty (planned → done).

谁执法谁普法: each unit answers for the publicity of the laws it enforces; the justice bureau
and the office oversee. Villages' titles and 法律明白人 belong to the village (community).
"""

from __future__ import annotations

from datetime import date

from fazhi.core.models import Role
from fazhi.core.workflow import ALLOW, Transition, Verdict, Workflow, refuse
from fazhi.publicity.models import VILLAGE_KINDS, DutyState, PublicityDuty

DUTY_RULE = "《关于实行国家机关“谁执法谁普法”普法责任制的意见》"


def oversees(user, unit) -> bool:
    """Office staff oversee every unit of their division's subtree (core.access). Checked on the
    account's unit, not on `is_active`, so that scripts (the synthetic city) may act for it."""
    division = getattr(getattr(user, "unit", None), "division", None)
    return division is not None and unit.division.path.startswith(division.path)


def may_record_for(user, unit) -> Verdict:
    """A unit records its own publicity work; the office (and its division) any unit it oversees."""
    if user is None or not user.is_authenticated:
        return refuse("请先登录。")
    if user.is_superuser:
        return ALLOW
    if user.has_role(Role.OFFICE_STAFF):
        if oversees(user, unit):
            return ALLOW
        return refuse("该单位不在本账号管辖范围内。")
    if not user.has_role(Role.CLERK, Role.UNIT_HEAD):
        return refuse("当前账号无权登记普法信息。")
    if user.unit_id != unit.pk:
        return refuse("只能登记本单位的普法信息。")
    return ALLOW


def village_refusal(unit) -> Verdict:
    if unit.kind not in VILLAGE_KINDS:
        return refuse(f"{unit.name}不是村（社区），不能登记民主法治示范村称号或法律明白人。")
    return ALLOW


def may_complete(user, duty: PublicityDuty, *, on=None, **facts) -> Verdict:
    verdict = may_record_for(user, duty.unit)
    if not verdict:
        return verdict
    if on is not None and on < date(duty.year, 1, 1):
        return refuse(f"完成日期不能早于{duty.year}年。")
    return ALLOW


DUTY_WORKFLOW = Workflow(
    [
        Transition(
            "complete",
            "登记完成",
            (DutyState.PLANNED,),
            DutyState.DONE,
            guard=may_complete,
            rule=DUTY_RULE,
            sets={"completed_on": "on", "completion_note": "note"},
            wrong_state="该普法责任事项已登记完成。",
        ),
    ],
    model=PublicityDuty,
)
