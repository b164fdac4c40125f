"""The steps of a legal aid case (docs/rules.md §11), each with the article it applies.

received ─request_correction─▶ incomplete ─complete─▶ received      (补正: the review clock stops)
    │                               └─deem_withdrawn─▶ withdrawn
    ├─grant──▶ granted ─assign─▶ assigned ─close─▶ closed
    │                                  └─terminate─▶ terminated
    └─refuse─▶ refused ─object─▶ objection ─uphold─▶ refused
                                          └─correct─▶ granted
A criminal notification is registered as granted (法援法 第三十六条: no review).
"""

from __future__ import annotations

from fazhi.core.models import Role
from fazhi.core.workflow import ALLOW, Transition, Verdict, Workflow, refuse
from fazhi.legal_aid import deadlines as rules
from fazhi.legal_aid.conf import urgent_window_days
from fazhi.legal_aid.models import (
    AidCase,
    CaseEvent,
    CaseResult,
    CaseState,
    MeansTest,
    ProviderKind,
    TerminationGround,
)

ART_REVIEW = "《法律援助法》第四十三条第一款"
ART_CORRECTION = "《法律援助法》第四十三条第二款"
ART_NOTIFICATION = "《法律援助法》第三十六条"
ART_MEANS = "《法律援助法》第四十一条、第四十二条"
ART_URGENT = "《法律援助法》第四十四条"
ART_TERMINATION = "《法律援助法》第四十八条"
ART_OBJECTION = "《法律援助法》第四十九条"
ART_CLOSING = "《法律援助法》第五十条"

GRANTABLE_MEANS = (MeansTest.PASSED, MeansTest.EXEMPT, MeansTest.NOT_REQUIRED)


def _handles(user, case) -> Verdict:
    if user is None or user.is_superuser or user.has_role(Role.OFFICE_STAFF):
        return ALLOW
    if user.unit_id == case.unit_id:
        return ALLOW
    return refuse("只有受理该案件的法律援助机构可以办理。")


def _not_before(on, earlier, what: str) -> Verdict:
    if on is not None and earlier is not None and on < earlier:
        return refuse(f"办理日期不能早于{what}（{earlier:%Y-%m-%d}）。")
    return ALLOW


def may_request_correction(user, case, *, on=None, items=None, **_) -> Verdict:
    """一次性告知 (第四十三条第二款): once, listing every missing item."""
    if case.correction_requested_on is not None:
        return refuse(
            f"补正材料只能一次性告知（{ART_CORRECTION}），本案已于"
            f"{case.correction_requested_on:%Y年%m月%d日}告知，不能再次要求补正。"
        )
    if items is not None and not str(items).strip():
        return refuse(f"请一次性列明需要补正的全部材料（{ART_CORRECTION}）。")
    return _handles(user, case) and _not_before(on, case.received_on, "收到申请日期")


def may_complete(user, case, *, on=None, **_) -> Verdict:
    return _handles(user, case) and _not_before(on, case.correction_requested_on, "告知补正日期")


def may_grant(user, case, *, on=None, **_) -> Verdict:
    if case.means_test not in GRANTABLE_MEANS:
        return refuse(
            f"申请人的经济困难状况尚未核查或不符合标准，不能决定给予法律援助（{ART_MEANS}）。"
        )
    return _handles(user, case) and _not_before(on, case.received_on, "收到申请日期")


def may_refuse(user, case, *, on=None, reason=None, **_) -> Verdict:
    if reason is not None and not str(reason).strip():
        return refuse(f"决定不予法律援助的，应当书面说明理由（{ART_REVIEW}）。")
    return _handles(user, case) and _not_before(on, case.received_on, "收到申请日期")


def may_object(user, case, *, on=None, text=None, **_) -> Verdict:
    if text is not None and not str(text).strip():
        return refuse("请填写异议的内容和理由。")
    return _handles(user, case) and _not_before(on, case.decided_on, "不予法律援助决定日期")


def may_decide_objection(user, case, *, on=None, **_) -> Verdict:
    return _handles(user, case) and _not_before(on, case.objection_on, "提出异议日期")


def may_assign(user, case, *, on=None, provider_kind=None, provider_name=None, **_) -> Verdict:
    if provider_kind is not None and provider_kind not in ProviderKind.values:
        return refuse("请选择承办人类别（律师、律师事务所、基层法律服务工作者等）。")
    if provider_name is not None and not str(provider_name).strip():
        return refuse("请填写承办人姓名。")
    return _handles(user, case) and _not_before(on, case.granted_on, "给予法律援助决定日期")


def may_give_urgent_aid(user, case, *, on=None, **_) -> Verdict:
    """先行提供法律援助 (第四十四条): only when a limitation or filing deadline is near."""
    day = on or case.received_on
    due = case.limitation_due_on
    if due is None or (due - day).days >= urgent_window_days():
        return refuse(
            f"距离法定时效或者期限届满不足{urgent_window_days()}日等紧急情形，方可在审查前"
            f"先行提供法律援助（{ART_URGENT}）。"
        )
    if case.urgent_aid_on is not None:
        return refuse("本案已先行提供法律援助。")
    return _handles(user, case) and _not_before(on, case.received_on, "收到申请日期")


def may_close(user, case, *, on=None, report=None, documents_submitted=None, result=None, **_):
    """结案 (第五十条): the closing report and copies of the documents."""
    if report is not None and not str(report).strip():
        return refuse(f"结案须提交结案报告（{ART_CLOSING}）。")
    if documents_submitted is False:
        return refuse(f"结案须提交有关法律文书的副本或者复印件（{ART_CLOSING}）。")
    if result is not None and result not in CaseResult.values:
        return refuse("请选择办理结果。")
    return _handles(user, case) and _not_before(on, case.assigned_on, "指派日期")


def may_terminate(user, case, *, on=None, ground=None, **_) -> Verdict:
    if ground is not None and ground not in TerminationGround.values:
        return refuse(f"终止法律援助须有法定情形（{ART_TERMINATION}）。")
    return _handles(user, case) and _not_before(on, case.assigned_on, "指派日期")


def _timeline(case, *, verb, text, on, actor, citation):
    CaseEvent.objects.create(
        case=case, kind=verb, text=text, on=on, actor=actor, citation=citation[:100]
    )


WORKFLOW = Workflow(
    [
        Transition(
            "request_correction",
            "一次性告知补正",
            (CaseState.RECEIVED,),
            CaseState.INCOMPLETE,
            may_request_correction,
            ART_CORRECTION,
            sets={"correction_requested_on": "on", "correction_items": "items"},
            pauses=(rules.REVIEW,),
            timeline="{on:%Y年%m月%d日}一次性告知申请人补正材料，审查期限中止",
            wrong_state=f"只有审查中的申请可以要求补正（{ART_CORRECTION}）。",
        ),
        Transition(
            "complete",
            "补正完成",
            (CaseState.INCOMPLETE,),
            CaseState.RECEIVED,
            may_complete,
            ART_CORRECTION,
            sets={"correction_completed_on": "on"},
            resumes=(rules.REVIEW,),
            timeline="{on:%Y年%m月%d日}申请人补齐材料，审查期限继续计算",
        ),
        Transition(
            "deem_withdrawn",
            "逾期未补正，视为撤回",
            (CaseState.INCOMPLETE,),
            CaseState.WITHDRAWN,
            may_complete,
            ART_CORRECTION,
            stops=(rules.REVIEW,),
            timeline="{on:%Y年%m月%d日}申请人未按要求补正，视为撤回申请",
        ),
        Transition(
            "grant",
            "决定给予法律援助",
            (CaseState.RECEIVED,),
            CaseState.GRANTED,
            may_grant,
            ART_REVIEW,
            sets={"decided_on": "on", "granted_on": "on"},
            stops=(rules.REVIEW,),
            starts=(rules.ASSIGNMENT,),
            timeline="{on:%Y年%m月%d日}决定给予法律援助，三日内指派",
        ),
        Transition(
            "refuse",
            "决定不予法律援助",
            (CaseState.RECEIVED,),
            CaseState.REFUSED,
            may_refuse,
            ART_REVIEW,
            sets={"decided_on": "on", "refusal_reason": "reason"},
            stops=(rules.REVIEW,),
            timeline="{on:%Y年%m月%d日}决定不予法律援助，书面告知理由及异议途径",
        ),
        Transition(
            "object",
            "受理异议",
            (CaseState.REFUSED,),
            CaseState.OBJECTION,
            may_object,
            ART_OBJECTION,
            sets={"objection_on": "on", "objection_text": "text"},
            starts=(rules.OBJECTION,),
            timeline="{on:%Y年%m月%d日}申请人对不予法律援助决定提出异议，五日内审查决定",
        ),
        Transition(
            "uphold",
            "异议审查：维持",
            (CaseState.OBJECTION,),
            CaseState.REFUSED,
            may_decide_objection,
            ART_OBJECTION,
            sets={"objection_decided_on": "on"},
            stops=(rules.OBJECTION,),
            timeline="{on:%Y年%m月%d日}异议审查决定维持不予法律援助决定",
        ),
        Transition(
            "correct",
            "异议审查：责令改正",
            (CaseState.OBJECTION,),
            CaseState.GRANTED,
            may_decide_objection,
            ART_OBJECTION,
            sets={"objection_decided_on": "on", "granted_on": "on", "decided_on": "on"},
            stops=(rules.OBJECTION,),
            starts=(rules.ASSIGNMENT,),
            timeline="{on:%Y年%m月%d日}异议成立，责令改正，决定给予法律援助",
        ),
        Transition(
            "assign",
            "指派承办人",
            (CaseState.GRANTED,),
            CaseState.ASSIGNED,
            may_assign,
            ART_REVIEW,
            sets={
                "assigned_on": "on",
                "provider_kind": "provider_kind",
                "provider_name": "provider_name",
                "provider_org": "provider_org",
            },
            stops=(rules.ASSIGNMENT, rules.NOTIFICATION_ASSIGNMENT),
            timeline="{on:%Y年%m月%d日}指派{provider_name}承办",
            wrong_state=(
                f"尚未作出给予法律援助的决定，或已指派，不能指派承办人（{ART_REVIEW}：决定给予"
                "法律援助后方可指派；办案机关通知的案件见第三十六条）。"
            ),
        ),
        Transition(
            "urgent_aid",
            "先行提供法律援助",
            (CaseState.RECEIVED, CaseState.INCOMPLETE),
            None,
            may_give_urgent_aid,
            ART_URGENT,
            sets={"urgent_aid_on": "on"},
            timeline="{on:%Y年%m月%d日}因时效即将届满，先行提供法律援助",
        ),
        Transition(
            "close",
            "结案",
            (CaseState.ASSIGNED,),
            CaseState.CLOSED,
            may_close,
            ART_CLOSING,
            sets={
                "closed_on": "on",
                "result": "result",
                "closing_report": "report",
                "documents_submitted": "documents_submitted",
            },
            timeline="{on:%Y年%m月%d日}承办人提交结案报告，结案",
        ),
        Transition(
            "terminate",
            "终止法律援助",
            (CaseState.ASSIGNED,),
            CaseState.TERMINATED,
            may_terminate,
            ART_TERMINATION,
            sets={"terminated_on": "on", "termination_ground": "ground"},
            timeline="{on:%Y年%m月%d日}终止法律援助",
        ),
    ],
    model=AidCase,
    timeline=_timeline,
)
