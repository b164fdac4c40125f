"""The statutory path of a major decision (docs/rules.md §5).

启动(drafting) → 公众参与 | 专家论证 | 风险评估 (steps) → 合法性审查 (legality_review)
→ 集体讨论决定 (decided, or not_adopted) → 向党委请示报告 (reported) → 公布 (published)
→ 执行情况报告 / 决策后评估 (steps); published ⇄ suspended (D18).
"""

from fazhi.core.models import Role
from fazhi.core.workflow import ALLOW, Transition, Verdict, Workflow, first_refusal, refuse
from fazhi.decisions import conf
from fazhi.decisions.models import (
    EXCLUDED_CATEGORIES,
    DecisionCategory,
    DecisionState,
    StepKind,
)
from fazhi.meetings.models import MeetingKind
from fazhi.review.gates import discussion_verdict


def _is_office(user) -> bool:
    return user.is_superuser or user.has_role(Role.OFFICE_STAFF)


def may_edit(user, decision) -> Verdict:
    """The deciding body and the lead unit (承办单位) run the procedure."""
    if _is_office(user) or (
        user.unit_id is not None and user.unit_id in (decision.unit_id, decision.lead_unit_id)
    ):
        return ALLOW
    return refuse("只有决策机关或承办单位可以办理该决策事项。")


def scope_verdict(decision) -> Verdict:
    """D1 (决策条例第三条第二款): macro-control, legislation and emergency decisions are outside."""
    if decision.category in EXCLUDED_CATEGORIES:
        return refuse(
            f"{DecisionCategory(decision.category).label}：不适用重大行政决策程序"
            "（《重大行政决策程序暂行条例》第三条第二款，D1）。"
        )
    return ALLOW


def required_pre_decision_steps(decision) -> list[tuple[str, str]]:
    """(step kind, article) the discussion materials must show (D11, 决策条例第二十九条)."""
    steps = []
    if decision.public_participation_required:
        steps.append((StepKind.PUBLIC_PARTICIPATION, "第十四条、第十五条"))
    if decision.hearing_required:
        steps.append((StepKind.HEARING, "第十六条、第十七条（D6）"))
    if decision.is_technical:
        steps.append((StepKind.EXPERT_REVIEW, "第十九条"))
    if decision.affects_stability:
        steps.append((StepKind.RISK_ASSESSMENT, "第二十二条"))
    if decision.affects_market:
        steps.append((StepKind.FAIR_COMPETITION, "第二十九条"))
    return steps


def materials_verdict(decision) -> Verdict:
    """D11: the pre-decision steps are done; D9: an uncontrollable risk blocks the decision."""
    done = {
        step.kind: step
        for step in decision.steps.all()
        if step.kind
        in (
            StepKind.PUBLIC_PARTICIPATION,
            StepKind.HEARING,
            StepKind.EXPERT_REVIEW,
            StepKind.RISK_ASSESSMENT,
            StepKind.FAIR_COMPETITION,
        )
    }
    missing = [
        f"{StepKind(kind).label}（决策条例{article}）"
        for kind, article in required_pre_decision_steps(decision)
        if kind not in done
    ]
    if missing:
        return refuse(
            "提交集体讨论的材料不全，尚未完成："
            + "、".join(missing)
            + "（《重大行政决策程序暂行条例》第二十九条，D11）。"
        )
    risk = done.get(StepKind.RISK_ASSESSMENT)
    if risk is not None and risk.risk_controllable is False:
        return refuse(
            "风险评估认为风险不可控，应当调整决策草案、降低风险后再提交讨论"
            "（《重大行政决策程序暂行条例》第二十四条，D9）。"
        )
    return ALLOW


def _recorded_steps(decision) -> dict:
    return {step.kind: step for step in decision.steps.all()}


def formation_verdict(decision, submitted_on) -> Verdict:
    """D10 (决策条例第二十六条第一款、第二十七条第二项): the draft is sent to legality review once
    the steps that form it are done (setting `steps_before_legality_review`); the review checks
    that they were. A public-comment period must have ended (第十五条)."""
    before = set(conf.steps_before_legality_review())
    required = [(k, a) for k, a in required_pre_decision_steps(decision) if k in before]
    done = _recorded_steps(decision)
    missing = [f"{StepKind(k).label}（决策条例{a}）" for k, a in required if k not in done]
    if missing:
        return refuse(
            "决策草案的形成尚未履行："
            + "、".join(missing)
            + "。送请合法性审查应当附履行决策法定程序的说明，审查包括决策草案的形成是否履行相关"
            "法定程序（《重大行政决策程序暂行条例》第二十六条第一款、第二十七条第二项）。"
        )
    comment = done.get(StepKind.PUBLIC_PARTICIPATION)
    if StepKind.PUBLIC_PARTICIPATION in before and comment and comment.completed_on >= submitted_on:
        return refuse(
            f"公开征求意见期至 {comment.completed_on:%Y-%m-%d} 届满，{submitted_on:%Y-%m-%d} "
            "送审时仍在征求意见期内：应当在征求意见期届满、研究采纳社会公众意见后送请合法性审查"
            "（《重大行政决策程序暂行条例》第十五条、第十八条、第二十六条第一款、第二十七条第二项）。"
        )
    late = [
        f"{StepKind(k).label}（{done[k].completed_on:%Y-%m-%d}完成）"
        for k, _a in required
        if k != StepKind.PUBLIC_PARTICIPATION and done[k].completed_on > submitted_on
    ]
    if late:
        return refuse(
            "以下程序晚于送审日期完成："
            + "、".join(late)
            + "，决策草案应当在履行这些程序后送请合法性审查"
            "（《重大行政决策程序暂行条例》第二十六条第一款、第二十七条第二项）。"
        )
    return ALLOW


def meeting_verdict(decision, meeting) -> Verdict:
    """D12 (决策条例第三十条第一款): the deciding body's 常务会议 or 全体会议; D11 (第二十九条):
    at the meeting date every pre-decision step is done and the public comment has ended."""
    if meeting.unit_id != decision.unit_id:
        return refuse(
            "决策草案应当经决策机关的常务会议或者全体会议讨论，请选择决策机关召开的会议"
            "（《重大行政决策程序暂行条例》第三十条第一款）。"
        )
    kinds = conf.discussion_meeting_kinds(decision.unit.kind)
    if meeting.kind not in kinds:
        allowed = "或".join(MeetingKind(k).label for k in kinds)
        return refuse(
            f"决策草案应当经决策机关{allowed}讨论，{meeting.get_kind_display()}不能作为集体讨论决定的会议"
            "（《重大行政决策程序暂行条例》第三十条第一款）。"
        )
    held = meeting.held_on
    done = _recorded_steps(decision)
    comment = done.get(StepKind.PUBLIC_PARTICIPATION)
    if comment is not None and comment.completed_on >= held:
        return refuse(
            f"公开征求意见期至 {comment.completed_on:%Y-%m-%d} 届满，会议日期 {held:%Y-%m-%d} "
            "仍在征求意见期内：提交讨论的材料应当包括社会公众主要意见的研究采纳情况"
            "（《重大行政决策程序暂行条例》第十五条、第二十九条第二项）。"
        )
    late = [
        f"{StepKind(k).label}（{done[k].completed_on:%Y-%m-%d}完成）"
        for k, _a in required_pre_decision_steps(decision)
        if k in done and k != StepKind.PUBLIC_PARTICIPATION and done[k].completed_on > held
    ]
    if late:
        return refuse(
            f"以下程序晚于会议日期 {held:%Y-%m-%d} 完成："
            + "、".join(late)
            + "，不能作为该次讨论的材料（《重大行政决策程序暂行条例》第二十九条）。"
        )
    return ALLOW


def may_discuss(user, decision) -> Verdict:
    """L1 hard gate plus D11 materials."""
    return first_refusal(
        may_edit(user, decision), discussion_verdict(decision), materials_verdict(decision)
    )


def may_publish(user, decision) -> Verdict:
    if decision.state != DecisionState.REPORTED:
        return refuse(
            "重大行政决策出台前应当向同级党委请示报告（《重大行政决策程序暂行条例》第三十一条，D13）。"
        )
    return may_edit(user, decision)


WORKFLOW = Workflow(
    [
        Transition(
            "submit_for_review",
            "送合法性审查",
            (DecisionState.DRAFTING,),
            DecisionState.LEGALITY_REVIEW,
            lambda user, d: first_refusal(may_edit(user, d), scope_verdict(d)),
            "《重大行政决策程序暂行条例》第二十五条",
        ),
        Transition(
            "review_passed",
            "登记审查通过",
            (DecisionState.LEGALITY_REVIEW,),
            DecisionState.REVIEW_PASSED,
        ),
        Transition(
            "review_failed", "退回修改", (DecisionState.LEGALITY_REVIEW,), DecisionState.DRAFTING
        ),
        Transition(
            "discuss",
            "提交集体讨论",
            (
                DecisionState.DRAFTING,
                DecisionState.LEGALITY_REVIEW,
                DecisionState.REVIEW_PASSED,
                DecisionState.NOT_ADOPTED,
            ),
            None,
            may_discuss,
            "《重大行政决策程序暂行条例》第二十五条、第二十九条、第三十条",
        ),
        Transition(
            "report_to_party",
            "向党委请示报告",
            (DecisionState.DECIDED,),
            DecisionState.REPORTED,
            may_edit,
            "《重大行政决策程序暂行条例》第三十一条",
        ),
        Transition(
            "publish",
            "公布决策",
            (DecisionState.DECIDED, DecisionState.REPORTED),
            DecisionState.PUBLISHED,
            may_publish,
            "《重大行政决策程序暂行条例》第三十二条",
        ),
        Transition(
            "suspend",
            "中止执行",
            (DecisionState.PUBLISHED,),
            DecisionState.SUSPENDED,
            may_edit,
            "《重大行政决策程序暂行条例》第三十七条",
        ),
        Transition(
            "resume", "恢复执行", (DecisionState.SUSPENDED,), DecisionState.PUBLISHED, may_edit
        ),
    ]
)
