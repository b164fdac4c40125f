"""The statutory path of a major decision (legal-rules.md §5).

启动(drafting) → 公众参与 | 专家论证 | 风险评估 (steps) → 合法性审查 (legality_review)
→ 集体讨论决定 (decided, or not_adopted) → 向党委请示报告 (reported) → 公布 (published)
→ 执行情况报告 / 决策后评估 (steps); published ⇄ suspended (D18).
"""

from fazhi.core.models import Role
from fazhi.core.workflow import ALLOW, Transition, Verdict, Workflow, first_refusal, refuse
from fazhi.decisions.models import (
    EXCLUDED_CATEGORIES,
    DecisionCategory,
    DecisionState,
    StepKind,
)
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
        steps.append((StepKind.PUBLIC_PARTICIPATION, "第十四条、第十五条（D5）"))
    if decision.hearing_required:
        steps.append((StepKind.HEARING, "第十六条、第十七条（D6）"))
    if decision.is_technical:
        steps.append((StepKind.EXPERT_REVIEW, "第十九条（D8）"))
    if decision.affects_stability:
        steps.append((StepKind.RISK_ASSESSMENT, "第二十二条（D9）"))
    if decision.affects_market:
        steps.append((StepKind.FAIR_COMPETITION, "第二十九条（D11）"))
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
