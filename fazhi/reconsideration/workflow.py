"""The reconsideration procedure as a table of transitions, each with its guard and article.

`WORKFLOW` (the core step table, `fazhi.core.workflow`) says from which states a step may be
taken and where it leads (`None`: the state does not change, the step only records an act).
`may_<verb>(user, case, **facts)` returns a `Verdict`; a refusal names the article of
《行政复议法》 it applies. Services move a case only through `WORKFLOW.step(...)`, so a step the
law forbids never reaches the database.
"""

from __future__ import annotations

from datetime import date

from fazhi.core.models import Role
from fazhi.core.workflow import ALLOW, Transition, TransitionRefused, Verdict, Workflow, refuse
from fazhi.deadlines.services import compute_due
from fazhi.reconsideration import deadlines as rules
from fazhi.reconsideration.models import (
    DEFAULT_DECISION_OUTCOMES,
    MERITS_OUTCOMES,
    OPEN_ACCEPTED_STATES,
    TERMINATION_SUSPENSION_GROUNDS,
    AcceptanceCondition,
    ActType,
    ApprovalKind,
    CaseEvent,
    CaseStatus,
    HearingKind,
    Outcome,
    Procedure,
    ReconsiderationCase,
    SuspensionGround,
    TerminationGround,
    UnlawfulGround,
)

__all__ = ["WORKFLOW", "TransitionRefused", "available", "may_update"]

LAW = "《行政复议法》"
S = CaseStatus


def _due(rule_code: str, trigger: date, **kwargs) -> date:
    return compute_due(rule_code, trigger, **kwargs).due_date


# --- who ----------------------------------------------------------------------------------


def _handles(user, case: ReconsiderationCase) -> Verdict:
    """Only the office's reconsideration officers act on its cases (复议法 36(1))."""
    if user is None:  # system steps (deemed acceptance) pass their own checks
        return ALLOW
    if user.is_superuser:
        return ALLOW
    if user.has_role(Role.RECONSIDERATION_OFFICER) and user.unit_id == case.unit_id:
        return ALLOW
    return refuse(
        "只有本行政复议机构的行政复议人员可以办理本案（《行政复议法》第三十六条第一款）。"
    )


def is_office_head(user, case: ReconsiderationCase) -> bool:
    """The 行政复议机构的负责人: a unit head of the office that handles the case."""
    return bool(
        user is not None
        and user.is_active
        and user.unit_id == case.unit_id
        and user.has_role(Role.UNIT_HEAD)
    )


# --- guards -------------------------------------------------------------------------------


def may_update(user, case, **_):
    return _handles(user, case)


def may_request_correction(user, case, *, on: date, items: str = "", **_):
    if not (v := _handles(user, case)):
        return v
    if case.correction_requested_on is not None:
        return refuse(
            "补正通知应当一次性载明需要补正的事项，本案已通知过补正，不能再次通知（《行政复议法》第三十一条第一款）。"
        )
    if not items.strip():
        return refuse("补正通知应当载明需要补正的事项（《行政复议法》第三十一条第一款）。")
    latest = _due(rules.CORRECTION_NOTICE, case.received_on)
    if on > latest:
        return refuse(
            f"应当自收到申请之日起五日内书面通知补正，最迟 {latest:%Y年%m月%d日}"
            "（《行政复议法》第三十一条第一款、第八十八条第二款）。"
        )
    if on < case.received_on:
        return refuse("补正通知日期不能早于收到申请日期。")
    return ALLOW


def may_record_correction_notice_received(user, case, *, on: date, **_):
    if not (v := _handles(user, case)):
        return v
    if on < case.correction_requested_on:
        return refuse("申请人收到补正通知的日期不能早于发出通知的日期。")
    return ALLOW


def may_extend_correction(user, case, *, reason: str = "", **_):
    if not (v := _handles(user, case)):
        return v
    if case.correction_notice_received_on is None:
        return refuse("申请人收到补正通知后才开始计算补正期限，尚不能延长。")
    if not reason.strip():
        return refuse("延长补正期限须有正当理由（《行政复议法》第三十一条第二款）。")
    return ALLOW


def may_receive_correction(user, case, *, on: date, **_):
    if not (v := _handles(user, case)):
        return v
    if on < case.correction_requested_on:
        return refuse("收到补正材料的日期不能早于补正通知日期。")
    return ALLOW


def may_deem_abandoned(user, case, *, on: date, **_):
    if not (v := _handles(user, case)):
        return v
    if case.correction_due_on is None or on <= case.correction_due_on:
        due = f"（{case.correction_due_on:%Y年%m月%d日}）" if case.correction_due_on else ""
        return refuse(f"补正期限{due}尚未届满，不能视为放弃（《行政复议法》第三十一条第二款）。")
    return ALLOW


def _review_period_open(case, on: date) -> Verdict:
    if case.acceptance_due_on is not None and on > case.acceptance_due_on:
        return refuse(
            f"受理审查期限已于 {case.acceptance_due_on:%Y年%m月%d日} 届满，自届满之日起视为受理"
            "（《行政复议法》第三十条第三款）；受理后发现不符合受理条件的，应当决定驳回申请（第三十三条）。"
        )
    if on < case.received_on:
        return refuse("审查结论的日期不能早于收到申请日期。")
    return ALLOW


def may_accept(
    user,
    case,
    *,
    on: date,
    conditions=(),
    procedure: str = Procedure.NORMAL,
    simple_ground: str = "",
    **_,
):
    if not (v := _handles(user, case)):
        return v
    if not (v := _review_period_open(case, on)):
        return v
    if case.absolutely_barred:
        return refuse(
            f"自行政行为作出之日起已超过最长申请期限（届满日 {case.absolute_bar_on:%Y年%m月%d日}），"
            "应当不予受理（《行政复议法》第二十一条）。"
        )
    if case.application_late:
        return refuse(
            f"申请超过法定申请期限（届满日 {case.application_deadline:%Y年%m月%d日}），不符合受理条件"
            "（《行政复议法》第二十条、第三十条第一款第四项）；如有不可抗力或其他正当理由耽误期限，请登记障碍期间后重新审查。"
        )
    missing = [c for c in AcceptanceCondition.values if c not in set(conditions)]
    if missing:
        labels = "；".join(AcceptanceCondition(c).label for c in missing)
        return refuse(f"以下受理条件尚未审查确认：{labels}（《行政复议法》第三十条第一款）。")
    if procedure == Procedure.SIMPLE:
        grounds = case.simple_procedure_grounds
        if not grounds:
            return refuse(
                "本案不符合适用简易程序的情形（《行政复议法》第五十三条）：非当场作出、非警告或通报批评、"
                "款额超过三千元、非政府信息公开，且当事人各方未同意适用简易程序。"
            )
        if simple_ground and simple_ground not in grounds:
            return refuse("所选简易程序情形与案件事实不符（《行政复议法》第五十三条）。")
    return ALLOW


def may_deem_accepted(user, case, *, on: date, **_):
    if case.acceptance_due_on is None or on <= case.acceptance_due_on:
        return refuse("受理审查期限尚未届满，不能视为受理（《行政复议法》第三十条第三款）。")
    return ALLOW


def may_reject(
    user, case, *, on: date, unmet_conditions=(), reason: str = "", competent_organ="", **_
):
    if not (v := _handles(user, case)):
        return v
    if not (v := _review_period_open(case, on)):
        return v
    if not unmet_conditions:
        return refuse("不予受理须指明不符合的受理条件（《行政复议法》第三十条第一款）。")
    if not reason.strip():
        return refuse("不予受理决定应当说明理由（《行政复议法》第三十条第二款）。")
    if AcceptanceCondition.JURISDICTION in unmet_conditions and not competent_organ.strip():
        return refuse(
            "不属于本机关管辖的，应当在不予受理决定中告知申请人有管辖权的行政复议机关（《行政复议法》第三十条第二款）。"
        )
    return ALLOW


def may_forward(user, case, *, on: date, forwarded_to: str = "", **_):
    if not (v := _handles(user, case)):
        return v
    if not forwarded_to.strip():
        return refuse("请填写转送的机关。")
    if on < case.received_on:
        return refuse("转送日期不能早于收到申请日期。")
    return ALLOW


def may_send_copy(user, case, *, sent_on: date, **_):
    if not (v := _handles(user, case)):
        return v
    if case.copy_sent_on is not None:
        return refuse("申请书副本已发送。")
    if sent_on < case.accepted_on:
        return refuse("发送副本日期不能早于受理日期（《行政复议法》第四十八条）。")
    return ALLOW


def may_record_copy_received(user, case, *, on: date, **_):
    if not (v := _handles(user, case)):
        return v
    if case.copy_sent_on is None:
        return refuse("尚未发送申请书副本。")
    if on < case.copy_sent_on:
        return refuse("被申请人收到副本的日期不能早于发送日期。")
    return ALLOW


def may_record_reply(user, case, *, on: date, **_):
    if not (v := _handles(user, case)):
        return v
    if case.copy_received_on is None:
        return refuse("请先登记被申请人收到申请书副本的日期（《行政复议法》第四十八条）。")
    if case.reply_received_on is not None:
        return refuse("已登记被申请人的书面答复。")
    if on < case.copy_received_on:
        return refuse("答复日期不能早于被申请人收到副本的日期。")
    return ALLOW


def may_record_hearing(
    user,
    case,
    *,
    kind: str,
    held_on: date,
    notice_sent_on: date | None = None,
    chair: str = "",
    hearing_officers=(),
    clerk: str = "",
    respondent_head_attended: bool = False,
    respondent_head_absence_reason: str = "",
    **_,
):
    if not (v := _handles(user, case)):
        return v
    if held_on < case.accepted_on:
        return refuse("听取意见或听证的日期不能早于受理日期。")
    if kind == HearingKind.HEARING:
        if notice_sent_on is None:
            return refuse(
                "组织听证应当书面通知当事人听证的时间、地点和拟听证事项（《行政复议法》第五十一条第一款）。"
            )
        earliest = _due(rules.HEARING_NOTICE, notice_sent_on)
        if held_on < earliest:
            return refuse(
                f"应当于举行听证的五日前书面通知当事人：{notice_sent_on:%Y年%m月%d日} 通知，"
                f"最早可于 {earliest:%Y年%m月%d日} 举行听证（《行政复议法》第五十一条第一款、第八十八条第二款）。"
            )
        officers = [o for o in hearing_officers if o.strip()]
        if not chair.strip() or len(officers) < 2 or not clerk.strip():
            return refuse(
                "听证由一名行政复议人员任主持人，两名以上行政复议人员任听证员，一名记录员制作听证笔录（《行政复议法》第五十条第三款）。"
            )
        if not respondent_head_attended and not respondent_head_absence_reason.strip():
            return refuse(
                "被申请人的负责人应当参加听证；不能参加的，应当说明理由并委托相应的工作人员参加（《行政复议法》第五十一条第三款）。"
            )
    return ALLOW


def may_record_committee_opinion(user, case, *, opinion: str = "", **_):
    if not (v := _handles(user, case)):
        return v
    if not opinion.strip():
        return refuse("请记录行政复议委员会的咨询意见（《行政复议法》第五十二条第三款）。")
    return ALLOW


def _period_still_running(case, on: date | None, paragraph: str, step: str) -> Verdict:
    """F17 (复议法 62): a step that changes the decision period is approved before it ends."""
    due = case.decision_due_on
    if on is None or due is None or on <= due:
        return ALLOW
    return refuse(
        f"行政复议决定期限已于 {due:%Y年%m月%d日} 届满，{step}须在期限届满前经行政复议机构的负责人"
        f"批准（《行政复议法》第六十二条{paragraph}）；{on:%Y年%m月%d日} 批准的不予登记，本案已逾期。"
    )


def may_convert_to_normal(user, case, *, approver=None, on: date | None = None, **_):
    if not (v := _handles(user, case)):
        return v
    if case.procedure != Procedure.SIMPLE:
        return refuse("本案已适用普通程序。")
    if not (v := _period_still_running(case, on, "第二款、第五十五条", "转为普通程序")):
        return v
    if not is_office_head(approver, case):
        return refuse(
            "简易程序转为普通程序，须经行政复议机构的负责人批准（《行政复议法》第五十五条）。"
        )
    return ALLOW


def may_extend(
    user, case, *, days: int = 0, approver=None, reason: str = "", on: date | None = None, **_
):
    if not (v := _handles(user, case)):
        return v
    if case.procedure == Procedure.SIMPLE:
        return refuse(
            "适用简易程序的案件应当自受理之日起三十日内作出决定，不能延长（《行政复议法》第六十二条第二款）。"
        )
    if case.extension_days:
        return refuse(
            f"本案已于 {case.extension_approved_on:%Y年%m月%d日} 延长 {case.extension_days} 日，"
            "决定期限只能延长一次（《行政复议法》第六十二条第一款）。"
        )
    if not (v := _period_still_running(case, on, "第一款", "延长决定期限")):
        return v
    if days is None or days < 1 or days > 30:
        return refuse(
            f"延长期限最多不得超过三十日（《行政复议法》第六十二条第一款），申请延长 {days} 日。"
        )
    if not is_office_head(approver, case):
        return refuse(
            "延长决定期限须经行政复议机构的负责人批准（《行政复议法》第六十二条第一款）。"
        )
    if not reason.strip():
        return refuse("延长决定期限须说明情况复杂的理由（《行政复议法》第六十二条第一款）。")
    return ALLOW


def may_suspend(user, case, *, on: date, ground: str = "", **_):
    if not (v := _handles(user, case)):
        return v
    if ground not in SuspensionGround.values:
        return refuse("中止须选择《行政复议法》第三十九条第一款规定的情形。")
    if on < case.accepted_on:
        return refuse("中止日期不能早于受理日期。")
    return ALLOW


def may_resume(user, case, *, on: date, **_):
    if not (v := _handles(user, case)):
        return v
    current = case.suspensions.filter(resumed_on__isnull=True).last()
    if current is None:
        return refuse("本案没有正在中止的审理。")
    if on < current.started_on:
        return refuse("恢复审理日期不能早于中止日期。")
    return ALLOW


def may_record_mediation(user, case, *, signed_on=None, sealed_on=None, **_):
    if not (v := _handles(user, case)):
        return v
    if signed_on is None or sealed_on is None:
        return refuse(
            "调解书经各方当事人签字或者签章，并加盖行政复议机关印章，即具有法律效力（《行政复议法》第七十三条第一款）：请登记签字和盖章日期。"
        )
    if sealed_on < signed_on:
        return refuse("调解书应在各方签字后加盖印章。")
    return ALLOW


def may_record_settlement(user, case, *, reached_on=None, withdrawal_approved_on=None, **_):
    if not (v := _handles(user, case)):
        return v
    if reached_on is None:
        return refuse("请登记达成和解的日期（《行政复议法》第七十四条）。")
    if withdrawal_approved_on is not None and withdrawal_approved_on < reached_on:
        return refuse("准予撤回的日期不能早于达成和解的日期。")
    return ALLOW


def _suspension_long_enough(case, on: date) -> Verdict:
    current = case.suspensions.filter(resumed_on__isnull=True).last()
    if current is None or current.ground not in TERMINATION_SUSPENSION_GROUNDS:
        return refuse(
            "依第四十一条第一款第五项终止，须因第三十九条第一款第一、二、四项情形中止（《行政复议法》第四十一条）。"
        )
    full = _due(rules.SUSPENSION_TERMINATION, current.started_on)
    if on < full:
        return refuse(
            f"中止自 {current.started_on:%Y年%m月%d日} 起尚未满六十日（{full:%Y年%m月%d日} 满），不能终止"
            "（《行政复议法》第四十一条第一款第五项）。"
        )
    return ALLOW


def may_propose(
    user,
    case,
    *,
    outcome: str,
    on: date,
    grounds: str = "",
    order_redo: bool = False,
    unlawful_ground: str = "",
    termination_ground: str = "",
    worse_for_applicant: bool = False,
    third_party_requested: bool = False,
    **_,
):
    if not (v := _handles(user, case)):
        return v
    if outcome not in Outcome.values:
        allowed = "、".join(Outcome.labels)
        return refuse(
            f"结案方式“{outcome}”不在法定清单内（《行政复议法》第三十三条、第四十一条、第六十三条至第七十四条）。可选：{allowed}。"
        )
    if on < case.accepted_on:
        return refuse("拟决定日期不能早于受理日期。")
    if case.status == S.SUSPENDED and outcome in MERITS_OUTCOMES:
        return refuse(
            "案件中止审理期间不能作出复议决定，请先恢复审理（《行政复议法》第三十九条第二款）。"
        )
    if outcome in MERITS_OUTCOMES:
        if case.procedure == Procedure.NORMAL and not (
            case.hearings.exists() or case.written_review_reason.strip()
        ):
            return refuse(
                "适用普通程序的案件应当听取当事人的意见并记录在案；因当事人原因不能听取意见的，可以书面审理（《行政复议法》第四十九条）。"
            )
        if case.is_major_complex and not case.hearings.filter(kind=HearingKind.HEARING).exists():
            return refuse(
                "审理重大、疑难、复杂的行政复议案件，应当组织听证（《行政复议法》第五十条第一款）。"
            )
        if case.committee_required and not case.committee_opinion.strip():
            return refuse(
                "本案应当提请行政复议委员会提出咨询意见，尚未记录咨询意见（《行政复议法》第五十二条第二款、第六十一条第三款）。"
            )
        if (
            case.reply_missed
            and not case.third_party_evidence
            and outcome not in DEFAULT_DECISION_OUTCOMES
        ):
            return refuse(
                "被申请人未按期提出书面答复、提交证据依据，视为该行政行为没有证据、依据，应当决定撤销、部分撤销、确认违法、确认无效或者责令履行（《行政复议法》第七十条）。"
            )
        if not grounds.strip():
            return refuse("复议决定须写明理由。")
    if outcome == Outcome.CLAIM_DISMISSED and case.act_type != ActType.NON_PERFORMANCE:
        return refuse(
            "驳回行政复议请求仅适用于申请人认为被申请人不履行法定职责的案件（《行政复议法》第六十九条）。"
        )
    if outcome in (Outcome.AGREEMENT_LIABILITY, Outcome.AGREEMENT_COMPENSATION) and (
        case.act_type != ActType.AGREEMENT
    ):
        return refuse("行政协议类决定仅适用于行政协议案件（《行政复议法》第七十一条）。")
    if unlawful_ground and (
        outcome != Outcome.DECLARED_UNLAWFUL or unlawful_ground not in UnlawfulGround.values
    ):
        return refuse("确认违法的情形只能与确认违法决定一并登记（《行政复议法》第六十五条）。")
    if order_redo and outcome not in (Outcome.REVOKED, Outcome.PARTLY_REVOKED):
        return refuse(
            "责令重新作出行政行为只能与撤销或部分撤销决定一并作出（《行政复议法》第六十四条）。"
        )
    if outcome == Outcome.VARIED and worse_for_applicant and not third_party_requested:
        return refuse(
            "行政复议机关不得作出对申请人更为不利的变更决定，但是第三人提出相反请求的除外（《行政复议法》第六十三条第二款）。"
        )
    if outcome == Outcome.MEDIATED and not (case.mediation_signed_on and case.mediation_sealed_on):
        return refuse(
            "调解书须经各方当事人签字或者签章并加盖行政复议机关印章（《行政复议法》第七十三条第一款）。"
        )
    if outcome == Outcome.SETTLED_WITHDRAWN and not (
        case.settlement_reached_on and case.withdrawal_approved_on
    ):
        return refuse("和解结案须登记和解日期和准予撤回日期（《行政复议法》第七十四条第二款）。")
    if outcome == Outcome.WITHDRAWN and not case.withdrawal_approved_on:
        return refuse(
            "申请人撤回申请须经行政复议机构准予撤回（《行政复议法》第四十一条第一款第一项）。"
        )
    if outcome == Outcome.TERMINATED:
        if termination_ground not in TerminationGround.values:
            return refuse("终止须写明《行政复议法》第四十一条第一款规定的情形。")
        if termination_ground == TerminationGround.LONG_SUSPENSION and not (
            v := _suspension_long_enough(case, on)
        ):
            return v
    if outcome == Outcome.APPLICATION_DISMISSED and not grounds.strip():
        return refuse("驳回申请应当说明理由（《行政复议法》第三十三条）。")
    return ALLOW


def may_approve_withdrawal(user, case, *, on: date, **_):
    if not (v := _handles(user, case)):
        return v
    if on < case.accepted_on:
        return refuse("准予撤回的日期不能早于受理日期。")
    if case.withdrawal_approved_on is not None:
        return refuse("已准予撤回。")
    return ALLOW


def may_withdraw_proposal(user, case, **_):
    return _handles(user, case)


def may_approve(
    user, case, *, kind: str = "", on: date, approver_name="", approver_title="", meeting="", **_
):
    if not (v := _handles(user, case)):
        return v
    if kind == ApprovalKind.HEAD:
        if not approver_name.strip() or not approver_title.strip():
            return refuse(
                "请登记同意本决定的行政复议机关负责人姓名和职务（《行政复议法》第六十一条第一款）。"
            )
    elif kind == ApprovalKind.COLLECTIVE:
        if not meeting.strip():
            return refuse("请登记集体讨论的会议名称及纪要（《行政复议法》第六十一条第一款）。")
    else:
        return refuse(
            "复议决定须经行政复议机关的负责人同意或者集体讨论通过（《行政复议法》第六十一条第一款）。"
        )
    if on < case.proposed_on:
        return refuse("批准日期不能早于拟决定日期。")
    return ALLOW


def may_issue(user, case, *, on: date, **_):
    if not (v := _handles(user, case)):
        return v
    if not case.approval_kind or case.approved_on is None:
        return refuse(
            "未经行政复议机关的负责人同意或者集体讨论通过，不得作出行政复议决定（《行政复议法》第六十一条第一款）。"
        )
    if on < case.approved_on:
        return refuse("出具日期不能早于批准日期。")
    return ALLOW


def may_serve(user, case, *, on: date, **_):
    if not (v := _handles(user, case)):
        return v
    if case.served_on is not None:
        return refuse("已登记送达。")
    if case.status == S.NOT_ACCEPTED:
        if on < case.not_accepted_on:
            return refuse("送达日期不能早于不予受理决定日期（《行政复议法》第三十条第二款）。")
        return ALLOW
    if on < case.closed_on:
        return refuse("送达日期不能早于决定作出日期（《行政复议法》第七十五条）。")
    return ALLOW


def may_record_copy_report(user, case, *, on: date, to: str = "", **_):
    if not (v := _handles(user, case)):
        return v
    if case.served_on is None:
        return refuse(
            "抄告的是发生法律效力的决定书，请先登记送达（《行政复议法》第七十五条第二款、第七十九条第二款）。"
        )
    if not to.strip():
        return refuse("请填写被申请人的上一级主管部门（《行政复议法》第七十九条第二款）。")
    return ALLOW


def may_issue_opinion_letter(user, case, **_):
    return _handles(user, case)


# --- the table ----------------------------------------------------------------------------


def _row(verb: str, label: str, sources, target, article: str = "", wrong_state: str = ""):
    """A row of the table: its guard is `may_<verb>`, its article one of 《行政复议法》; a specific
    wrong-state refusal is given only to a case still open after acceptance."""
    return Transition(
        verb,
        label,
        tuple(sources),
        target,
        guard=globals()[f"may_{verb}"],
        rule=f"{LAW}{article}" if article else "",
        wrong_state=wrong_state,
        wrong_state_in=tuple(OPEN_ACCEPTED_STATES) if wrong_state else (),
    )


ANY_OPEN = (S.RECEIVED, S.CORRECTION_REQUESTED, *OPEN_ACCEPTED_STATES)
NOT_APPROVED = "未经行政复议机关的负责人同意或者集体讨论通过，不得作出行政复议决定（《行政复议法》第六十一条第一款）。"

_ROWS = [
    _row("update", "修改案件信息", (*ANY_OPEN, S.CLOSED), None, ""),
    _row(
        "request_correction",
        "通知补正",
        (S.RECEIVED,),
        S.CORRECTION_REQUESTED,
        "第三十一条第一款",
    ),
    _row(
        "record_correction_notice_received",
        "登记收到补正通知",
        (S.CORRECTION_REQUESTED,),
        None,
        "第三十一条第二款",
    ),
    _row("extend_correction", "延长补正期限", (S.CORRECTION_REQUESTED,), None, "第三十一条第二款"),
    _row(
        "receive_correction",
        "收到补正材料",
        (S.CORRECTION_REQUESTED,),
        S.RECEIVED,
        "第三十一条第三款",
    ),
    _row("deem_abandoned", "视为放弃", (S.CORRECTION_REQUESTED,), S.ABANDONED, "第三十一条第二款"),
    _row("accept", "受理", (S.RECEIVED,), S.IN_REVIEW, "第三十条第一款"),
    _row("deem_accepted", "视为受理", (S.RECEIVED,), S.IN_REVIEW, "第三十条第三款"),
    _row("reject", "不予受理", (S.RECEIVED,), S.NOT_ACCEPTED, "第三十条第二款"),
    _row("forward", "转送", (S.RECEIVED, S.CORRECTION_REQUESTED), S.FORWARDED, ""),
    _row("send_copy", "发送申请书副本", (S.IN_REVIEW, S.SUSPENDED), None, "第四十八条"),
    _row(
        "record_copy_received",
        "登记被申请人收到副本",
        (S.IN_REVIEW, S.SUSPENDED),
        None,
        "第四十八条",
    ),
    _row("record_reply", "登记书面答复", (S.IN_REVIEW, S.SUSPENDED), None, "第四十八条"),
    _row("record_hearing", "记录听取意见/听证", (S.IN_REVIEW,), None, "第四十九条至第五十一条"),
    _row("record_committee_opinion", "记录复议委员会咨询意见", (S.IN_REVIEW,), None, "第五十二条"),
    _row("convert_to_normal", "转为普通程序", (S.IN_REVIEW,), None, "第五十五条"),
    _row("extend", "延长决定期限", (S.IN_REVIEW,), None, "第六十二条第一款"),
    _row(
        "suspend",
        "中止审理",
        (S.IN_REVIEW,),
        S.SUSPENDED,
        "第三十九条",
        wrong_state="只有审理中的案件可以中止（《行政复议法》第三十九条）。",
    ),
    _row("resume", "恢复审理", (S.SUSPENDED,), S.IN_REVIEW, "第三十九条第二款"),
    _row("record_mediation", "登记调解书签收", (S.IN_REVIEW, S.SUSPENDED), None, "第七十三条"),
    _row("record_settlement", "登记和解及撤回", (S.IN_REVIEW, S.SUSPENDED), None, "第七十四条"),
    _row(
        "approve_withdrawal",
        "准予撤回申请",
        (S.IN_REVIEW, S.SUSPENDED),
        None,
        "第四十一条第一款第一项",
    ),
    _row(
        "propose",
        "提出拟决定",
        (S.IN_REVIEW, S.SUSPENDED),
        S.PENDING_APPROVAL,
        "第六十一条第一款",
    ),
    _row(
        "withdraw_proposal",
        "退回重新审理",
        (S.PENDING_APPROVAL, S.APPROVED),
        S.IN_REVIEW,
        "第六十一条第一款",
    ),
    _row(
        "approve",
        "负责人同意/集体讨论通过",
        (S.PENDING_APPROVAL,),
        S.APPROVED,
        "第六十一条第一款",
    ),
    _row(
        "issue",
        "作出决定（结案）",
        (S.APPROVED,),
        S.CLOSED,
        "第六十一条第一款、第七十五条",
        wrong_state=NOT_APPROVED,
    ),
    _row("serve", "登记送达", (S.CLOSED, S.NOT_ACCEPTED), None, "第七十五条第二款、第三十四条"),
    _row("record_copy_report", "登记抄告", (S.CLOSED,), None, "第七十九条第二款"),
    _row(
        "issue_opinion_letter",
        "制发意见书",
        (*OPEN_ACCEPTED_STATES, S.CLOSED),
        None,
        "第七十六条",
    ),
]


# Fields the services set from rows already fetched: not re-queried by `full_clean` on every save.
TRUSTED_FKS = [
    "unit",
    "registered_by",
    "updated_by",
    "handler",
    "oral_recorded_by",
    "conversion_approver",
    "extension_approver",
    "proposed_by",
    "import_batch",
]


def clean_case(case: ReconsiderationCase) -> None:
    """The statutory checks ran in the guards; the field checks and the database constraints
    stay the backstop."""
    case.full_clean(exclude=TRUSTED_FKS, validate_constraints=False)


def _timeline(case, *, verb: str, kind: str = "", **event) -> CaseEvent:
    return CaseEvent.objects.create(case=case, kind=kind or verb, **event)


WORKFLOW = Workflow(
    _ROWS,
    field="status",
    model=ReconsiderationCase,
    timeline=_timeline,
    subject="案件",
    lock_related=("updated_by", "unit", "respondent_unit"),
    before_save=clean_case,
)
TRANSITIONS = WORKFLOW.transitions


def available(user, case: ReconsiderationCase) -> list[Transition]:
    """Steps whose source state matches and whose actor check passes (facts are checked later)."""
    return [
        t
        for t in TRANSITIONS.values()
        if case.status in t.sources and _handles(user, case) and t.verb != "deem_accepted"
    ]
