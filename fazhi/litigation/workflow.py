"""The lawsuit's steps as a table of transitions, each with its guard and article (Y1-Y7).

`WORKFLOW` is the core step table (`fazhi.core.workflow`): services move a lawsuit only through
`WORKFLOW.step(...)` (lock, guard with the step's facts, save, access log)."""

from __future__ import annotations

from datetime import date

from fazhi.core.models import Role
from fazhi.core.workflow import ALLOW, Transition, TransitionRefused, Verdict, Workflow, refuse
from fazhi.litigation.models import (
    APPEAL_ONLY,
    FINAL_ON_SERVICE,
    Appearance,
    HeadRank,
    Instance,
    JudgmentType,
    Lawsuit,
    LawsuitStatus,
    ServiceParty,
)

S = LawsuitStatus
ACTING_ROLES = (Role.RECONSIDERATION_OFFICER, Role.CLERK, Role.UNIT_HEAD, Role.OFFICE_STAFF)


__all__ = ["WORKFLOW", "TransitionRefused", "available", "expected_parties", "may_update"]


def _names(text: str) -> list[str]:
    return [n.strip() for n in text.replace("，", "、").replace(",", "、").split("、") if n.strip()]


def expected_parties(lawsuit: Lawsuit) -> list[tuple[str, str]]:
    """(party, name) of every party to be served: plaintiff, defendant, co-defendant, third parties."""
    parties = [
        (ServiceParty.PLAINTIFF, lawsuit.plaintiff_name),
        (ServiceParty.DEFENDANT, lawsuit.defendant_unit.name),
    ]
    if lawsuit.co_defendant.strip():
        parties.append((ServiceParty.CO_DEFENDANT, lawsuit.co_defendant.strip()))
    parties += [(ServiceParty.THIRD_PARTY, name) for name in _names(lawsuit.third_parties)]
    return parties


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


def _appearance_plan_verdict(
    lawsuit,
    *,
    appearance: str,
    head_name: str = "",
    head_title: str = "",
    absence_reason: str = "",
    absence_statement_sealed: bool = False,
) -> Verdict:
    """行诉解释 129: in the listed cases the head of the sued agency shall appear; a head who has
    a good reason not to appear submits a written statement sealed by the agency or signed by
    its principal head (第三款). A lawyer alone never appears for the agency (第一百二十八条)."""
    if appearance not in Appearance.values or appearance == Appearance.NONE:
        return refuse("请安排出庭人员：负责人或者相应的工作人员（《行政诉讼法》第三条第三款）。")
    if appearance == Appearance.LAWYER_ONLY:
        return refuse(
            "行政机关负责人不能出庭的，应当委托行政机关相应的工作人员出庭，不得仅委托律师出庭"
            "（行诉解释第一百二十八条第二款）。"
        )
    if appearance == Appearance.HEAD:
        if not head_name.strip() or not head_title.strip():
            return refuse("请填写拟出庭负责人的姓名和职务（行诉解释第一百二十八条第一款）。")
        return ALLOW
    if lawsuit.head_appearance_mandatory and not (
        absence_reason.strip() and absence_statement_sealed
    ):
        why = (
            "人民法院书面建议负责人出庭"
            if lawsuit.court_requested_head
            else ("本案涉及重大公共利益、社会高度关注或者可能引发群体性事件")
        )
        return refuse(
            f"{why}，被诉行政机关负责人应当出庭（行诉解释第一百二十九条第一款）；"
            "负责人有正当理由不能出庭的，应当说明理由，并提交加盖行政机关印章或者由主要负责人"
            "签字认可的情况说明（行诉解释第一百二十九条第三款）。"
        )
    return ALLOW


def may_schedule_hearing(user, lawsuit, *, held_on: date, **plan):
    if not (v := _acts(user, lawsuit)):
        return v
    if held_on < lawsuit.filed_on:
        return refuse("开庭日期不能早于立案日期。")
    return _appearance_plan_verdict(lawsuit, **plan)


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


def may_record_service(user, lawsuit, *, on: date, party: str = "", party_name: str = "", **_):
    if not (v := _acts(user, lawsuit)):
        return v
    if on < lawsuit.judgment_on:
        return refuse("送达日期不能早于裁判日期。")
    if party not in ServiceParty.values:
        return refuse("请选择受送达的当事人。")
    if (party, party_name) not in expected_parties(lawsuit):
        return refuse(
            f"本案当事人中没有{ServiceParty(party).label}“{party_name}”，请先在案件信息中登记。"
        )
    if lawsuit.services.filter(party=party, party_name=party_name).exists():
        return refuse(f"已登记向{ServiceParty(party).label}“{party_name}”送达。")
    return ALLOW


def may_close(user, lawsuit, *, on: date, **_):
    if not (v := _acts(user, lawsuit)):
        return v
    if lawsuit.instance != Instance.FIRST or lawsuit.judgment_type in FINAL_ON_SERVICE:
        return ALLOW
    if lawsuit.appealed:
        return refuse("一审裁判已被上诉，待二审裁判后生效（《行政诉讼法》第八十五条）。")
    if lawsuit.all_appeals_due_on is None:
        return refuse(
            "一审裁判尚未发生法律效力：尚未登记向各方当事人的送达，各方当事人的上诉期限均届满且"
            "均未上诉的，一审裁判方发生法律效力（《行政诉讼法》第八十五条）。"
        )
    if on <= lawsuit.all_appeals_due_on:
        return refuse(
            f"各方当事人的上诉期限至 {lawsuit.all_appeals_due_on:%Y年%m月%d日} 方全部届满，"
            "届满前一审裁判尚未发生法律效力（《行政诉讼法》第八十五条）。"
        )
    return ALLOW


def may_appeal(user, lawsuit, *, filed_on: date, **_):
    if not (v := _acts(user, lawsuit)):
        return v
    if lawsuit.instance != Instance.FIRST:
        return refuse("只能对一审裁判提起上诉（《行政诉讼法》第八十五条）。")
    if lawsuit.judgment_type in FINAL_ON_SERVICE:
        return refuse(
            "准许撤诉的裁定和调解书不能上诉：可以上诉的裁定限于不予立案、驳回起诉和管辖异议"
            "（《行政诉讼法》第八十五条，行诉解释第一百零一条第二款）。"
        )
    if lawsuit.judgment_served_on is None and not lawsuit.services.exists():
        return refuse("一审裁判文书送达后方可上诉。")
    return ALLOW


def _row(verb: str, label: str, sources, target, article: str) -> Transition:
    """A row of the table: its guard is `may_<verb>`."""
    return Transition(
        verb, label, tuple(sources), target, guard=globals()[f"may_{verb}"], rule=article
    )


_ROWS = [
    _row("update", "修改案件信息", (S.PENDING, S.JUDGED, S.CLOSED), None, ""),
    _row(
        "record_complaint_received",
        "登记收到起诉状副本",
        (S.PENDING,),
        None,
        "《行政诉讼法》第六十七条",
    ),
    _row("record_defence", "登记答辩举证", (S.PENDING,), None, "《行政诉讼法》第六十七条"),
    _row(
        "schedule_hearing",
        "登记开庭排期及出庭安排",
        (S.PENDING,),
        None,
        "行诉解释第一百二十八条、第一百二十九条",
    ),
    _row("record_hearing", "登记开庭及出庭情况", (S.PENDING,), None, "《行政诉讼法》第三条第三款"),
    _row(
        "record_judgment",
        "登记裁判结果",
        (S.PENDING,),
        S.JUDGED,
        "《行政诉讼法》第六十九条至第七十八条",
    ),
    _row("record_service", "登记裁判文书送达", (S.JUDGED,), None, "《行政诉讼法》第八十五条"),
    _row("appeal", "登记上诉", (S.JUDGED,), None, "《行政诉讼法》第八十五条"),
    _row("close", "结案（裁判生效）", (S.JUDGED,), S.CLOSED, "《行政诉讼法》第八十五条"),
]


WORKFLOW = Workflow(
    _ROWS,
    field="status",
    model=Lawsuit,
    subject="案件",
    lock_related=("updated_by",),
    before_save=lambda lawsuit: lawsuit.full_clean(),
)
TRANSITIONS = WORKFLOW.transitions


def available(user, lawsuit: Lawsuit) -> list[Transition]:
    if not _acts(user, lawsuit):
        return []
    return [t for t in TRANSITIONS.values() if lawsuit.status in t.sources and t.verb != "update"]
