"""The lawsuit's steps as a table of transitions, each with its guard and article (Y1-Y7)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fazhi.core.models import Role
from fazhi.litigation.models import (
    APPEAL_ONLY,
    Appearance,
    HeadRank,
    Instance,
    JudgmentType,
    Lawsuit,
    LawsuitStatus,
)
from fazhi.reconsideration.workflow import ALLOW, TransitionRefused, Verdict, refuse

S = LawsuitStatus
ACTING_ROLES = (Role.RECONSIDERATION_OFFICER, Role.CLERK, Role.UNIT_HEAD, Role.OFFICE_STAFF)


@dataclass(frozen=True)
class Transition:
    verb: str
    label: str
    sources: tuple[str, ...]
    target: str | None
    citation: str


def _acts(user, lawsuit: Lawsuit) -> Verdict:
    if user is None or user.is_superuser:
        return ALLOW
    if user.unit_id == lawsuit.unit_id and user.has_role(*ACTING_ROLES):
        return ALLOW
    return refuse("只有登记本案的单位的工作人员可以办理本案的应诉事项。")


def may_update(user, lawsuit, **_):
    return _acts(user, lawsuit)


def may_record_complaint_received(user, lawsuit, *, on: date, **_):
    if not (v := _acts(user, lawsuit)):
        return v
    if lawsuit.complaint_received_on is not None:
        return refuse("已登记收到起诉状副本。")
    if on < lawsuit.filed_on:
        return refuse("收到起诉状副本的日期不能早于立案日期。")
    return ALLOW


def may_record_defence(user, lawsuit, *, on: date, **_):
    if not (v := _acts(user, lawsuit)):
        return v
    if lawsuit.complaint_received_on is None:
        return refuse("请先登记收到起诉状副本的日期（《行政诉讼法》第六十七条）。")
    if on < lawsuit.complaint_received_on:
        return refuse("答辩日期不能早于收到起诉状副本的日期。")
    if lawsuit.defence_submitted_on is not None:
        return refuse("已登记答辩。")
    return ALLOW


def may_record_hearing(
    user,
    lawsuit,
    *,
    held_on: date,
    appearance: str,
    head_name: str = "",
    head_rank: str = "",
    head_title: str = "",
    staff_name: str = "",
    staff_position: str = "",
    authorization_submitted: bool = False,
    lawyer_names: str = "",
    absence_reason: str = "",
    **_,
):
    if not (v := _acts(user, lawsuit)):
        return v
    if held_on < lawsuit.filed_on:
        return refuse("开庭日期不能早于立案日期。")
    if appearance not in Appearance.values:
        return refuse("请选择出庭情况。")
    if appearance == Appearance.HEAD:
        if not head_name.strip() or head_rank not in HeadRank.values or not head_title.strip():
            return refuse(
                "负责人出庭须登记姓名、职务及负责人类别（正职、副职或其他参与分管的负责人），"
                "并向法院提交职务证明材料（《行政诉讼法》第三条第三款，行诉解释第一百二十八条、第一百三十一条第一款）。"
            )
        lawyers = {
            n.strip() for n in lawyer_names.replace("，", "、").replace(",", "、").split("、")
        }
        if head_name.strip() in lawyers:
            return refuse(
                "律师不是行政机关负责人，不能作为负责人出庭登记（行诉解释第一百二十八条）。"
            )
    else:
        if not absence_reason.strip():
            return refuse(
                "负责人不能出庭的，应当说明理由，并提交加盖印章或主要负责人签字认可的情况说明（行诉解释第一百二十九条第三款）。"
            )
    if appearance == Appearance.STAFF and not (
        staff_name.strip() and staff_position.strip() and authorization_submitted
    ):
        return refuse(
            "委托相应的工作人员出庭的，应当提交加盖印章的授权委托书，载明工作人员的姓名、职务和代理权限（行诉解释第一百三十一条第二款）。"
        )
    return ALLOW


def may_record_judgment(user, lawsuit, *, judgment_type: str, judgment_on: date, **_):
    if not (v := _acts(user, lawsuit)):
        return v
    if judgment_type not in JudgmentType.values:
        return refuse(
            "裁判结果不在《行政诉讼法》第六十条、第六十二条、第六十九条至第七十八条、第八十九条规定的清单内。"
        )
    if lawsuit.instance == Instance.FIRST and judgment_type in APPEAL_ONLY:
        return refuse("一审案件不能登记二审的裁判方式（《行政诉讼法》第八十九条）。")
    if lawsuit.instance == Instance.APPEAL and judgment_type not in (
        *APPEAL_ONLY,
        JudgmentType.WITHDRAWN,
        JudgmentType.MEDIATED,
        JudgmentType.SUIT_DISMISSED,
    ):
        return refuse(
            "二审案件应登记驳回上诉维持原判、改判、发回重审、撤诉或驳回起诉（《行政诉讼法》第八十九条）。"
        )
    if judgment_on < lawsuit.filed_on:
        return refuse("裁判日期不能早于立案日期。")
    return ALLOW


def may_record_service(user, lawsuit, *, on: date, **_):
    if not (v := _acts(user, lawsuit)):
        return v
    if on < lawsuit.judgment_on:
        return refuse("送达日期不能早于裁判日期。")
    return ALLOW


def may_close(user, lawsuit, *, on: date, **_):
    if not (v := _acts(user, lawsuit)):
        return v
    if lawsuit.appealed and lawsuit.instance == Instance.FIRST:
        return refuse("一审裁判已被上诉，待二审裁判后生效（《行政诉讼法》第八十五条）。")
    if lawsuit.appeal_due_on and on <= lawsuit.appeal_due_on and lawsuit.instance == Instance.FIRST:
        return refuse(
            f"上诉期限至 {lawsuit.appeal_due_on:%Y年%m月%d日} 届满，届满前一审裁判尚未发生法律效力（《行政诉讼法》第八十五条）。"
        )
    return ALLOW


def may_appeal(user, lawsuit, *, filed_on: date, **_):
    if not (v := _acts(user, lawsuit)):
        return v
    if lawsuit.instance != Instance.FIRST:
        return refuse("只能对一审裁判提起上诉（《行政诉讼法》第八十五条）。")
    if lawsuit.judgment_served_on is None:
        return refuse("一审裁判文书送达后方可上诉。")
    return ALLOW


TRANSITIONS = {
    t.verb: t
    for t in [
        Transition("update", "修改案件信息", (S.PENDING, S.JUDGED, S.CLOSED), None, ""),
        Transition(
            "record_complaint_received",
            "登记收到起诉状副本",
            (S.PENDING,),
            None,
            "《行政诉讼法》第六十七条",
        ),
        Transition(
            "record_defence", "登记答辩举证", (S.PENDING,), None, "《行政诉讼法》第六十七条"
        ),
        Transition(
            "record_hearing", "登记开庭及出庭情况", (S.PENDING,), None, "《行政诉讼法》第三条第三款"
        ),
        Transition(
            "record_judgment",
            "登记裁判结果",
            (S.PENDING,),
            S.JUDGED,
            "《行政诉讼法》第六十九条至第七十八条",
        ),
        Transition(
            "record_service", "登记裁判文书送达", (S.JUDGED,), None, "《行政诉讼法》第八十五条"
        ),
        Transition("appeal", "登记上诉", (S.JUDGED,), None, "《行政诉讼法》第八十五条"),
        Transition("close", "结案（裁判生效）", (S.JUDGED,), S.CLOSED, "《行政诉讼法》第八十五条"),
    ]
}
GUARDS = {verb: globals()[f"may_{verb}"] for verb in TRANSITIONS}


def available(user, lawsuit: Lawsuit) -> list[Transition]:
    if not _acts(user, lawsuit):
        return []
    return [t for t in TRANSITIONS.values() if lawsuit.status in t.sources and t.verb != "update"]


def check(verb: str, user, lawsuit: Lawsuit, **facts) -> Transition:
    transition = TRANSITIONS[verb]
    if lawsuit.status not in transition.sources:
        raise TransitionRefused(
            f"案件当前状态为“{lawsuit.get_status_display()}”，不能{transition.label}。"
        )
    result = GUARDS[verb](user, lawsuit, **facts)
    if not result:
        raise TransitionRefused(result.reason)
    return transition
