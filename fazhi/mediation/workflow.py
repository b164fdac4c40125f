"""The steps of a dispute before a people's mediation committee (docs/rules.md §12).

registered ─start─▶ mediating ─agree_written─▶ agreed ─apply_confirmation (30 days, 第三十三条)
    │                   ├─agree_oral──▶ agreed
    │                   ├─fail────────▶ failed     (notice of other routes, 第二十六条)
    │                   └─withdraw────▶ withdrawn
    └─decline (a party refuses, 第十七条) ─▶ declined
"""

from __future__ import annotations

from fazhi.core.models import Role
from fazhi.core.workflow import ALLOW, Transition, Verdict, Workflow, refuse
from fazhi.mediation import deadlines as rules
from fazhi.mediation.models import AgreementKind, Consent, Dispute, DisputeState, DisputeTimeline

ART_CONSENT = "《人民调解法》第十七条"
ART_FAILED = "《人民调解法》第二十六条"
ART_AGREEMENT = "《人民调解法》第二十八条、第二十九条、第三十条"
ART_FOLLOW_UP = "《人民调解法》第三十一条第二款"
ART_CONFIRMATION = "《人民调解法》第三十三条"


def _handles(user, dispute) -> Verdict:
    if user is None or user.is_superuser or user.has_role(Role.OFFICE_STAFF):
        return ALLOW
    if user.unit_id == dispute.unit_id:
        return ALLOW
    return refuse("只有受理该纠纷的调解委员会可以办理。")


def _not_before(on, earlier, what: str) -> Verdict:
    if on is not None and earlier is not None and on < earlier:
        return refuse(f"办理日期不能早于{what}（{earlier:%Y-%m-%d}）。")
    return ALLOW


def consent_verdict(dispute) -> Verdict:
    """M1: mediation needs every party's consent; one express refusal means no mediation."""
    parties = list(dispute.parties.all())
    refusing = [p.name for p in parties if p.consent == Consent.REFUSED]
    if refusing:
        return refuse(
            f"当事人{'、'.join(refusing)}明确拒绝调解，不得调解（{ART_CONSENT}：当事人一方明确拒绝调解的，不得调解）。"
        )
    if len(parties) < 2:
        return refuse("纠纷须登记至少两方当事人。")
    pending = [p.name for p in parties if p.consent != Consent.CONSENTED]
    if pending:
        return refuse(f"当事人{'、'.join(pending)}尚未表示同意调解（{ART_CONSENT}）。")
    return ALLOW


def may_start(user, dispute, *, on=None, **_) -> Verdict:
    return (
        _handles(user, dispute)
        and consent_verdict(dispute)
        and _not_before(on, dispute.received_on, "受理日期")
    )


def may_decline(user, dispute, *, on=None, **_) -> Verdict:
    if not dispute.parties.filter(consent=Consent.REFUSED).exists():
        return refuse("没有当事人明确拒绝调解，不能以此终止。")
    return _handles(user, dispute) and _not_before(on, dispute.received_on, "受理日期")


def may_conclude(user, dispute, *, on=None, **_) -> Verdict:
    return _handles(user, dispute) and _not_before(on, dispute.started_on, "开始调解日期")


def agreement_problems(facts: dict, written: bool) -> list[str]:
    """M4 (第二十九条): the content of a written agreement and its signatures and seal."""
    missing = [
        label
        for key, label in (
            ("facts_and_responsibility", "纠纷的主要事实、争议事项以及各方当事人的责任"),
            ("agreed_terms", "当事人达成调解协议的内容"),
            ("performance_method", "履行方式"),
        )
        if not str(facts.get(key) or "").strip()
    ]
    if facts.get("performance_due_on") is None and "performance_due_on" in facts:
        missing.append("履行期限")
    if written:
        missing += [
            label
            for key, label in (
                ("parties_signed_on", "各方当事人签名、盖章或者按指印"),
                ("mediator_signed_on", "人民调解员签名"),
                ("committee_sealed_on", "人民调解委员会印章"),
            )
            if facts.get(key) is None and key in facts
        ]
    return missing


def may_agree(user, dispute, *, on=None, **facts) -> Verdict:
    written = facts.get("agreement_kind", AgreementKind.WRITTEN) == AgreementKind.WRITTEN
    missing = agreement_problems(facts, written) if facts else []
    if missing:
        return refuse(f"调解协议缺少：{'、'.join(missing)}（{ART_AGREEMENT}）。")
    return may_conclude(user, dispute, on=on)


def may_fail(user, dispute, *, on=None, notice=None, **_) -> Verdict:
    if notice is not None and not str(notice).strip():
        return refuse(
            f"调解不成的，应当告知当事人依法通过仲裁、行政、司法等途径维护自己的权利（{ART_FAILED}）。"
        )
    return may_conclude(user, dispute, on=on)


def may_apply_confirmation(user, dispute, *, on=None, due=None, **_) -> Verdict:
    if dispute.agreement_kind != AgreementKind.WRITTEN:
        return refuse(f"只有书面调解协议可以申请司法确认（{ART_CONFIRMATION}）。")
    if dispute.confirmation_applied_on is not None:
        return refuse("已申请司法确认。")
    if on is not None and due is not None and on > due:
        return refuse(
            f"申请司法确认应自调解协议生效之日起三十日内提出（{ART_CONFIRMATION}），期限已于{due:%Y年%m月%d日}届满。"
        )
    return _handles(user, dispute) and _not_before(on, dispute.effective_on, "协议生效日期")


def _timeline(dispute, *, verb, text, on, actor, citation):
    DisputeTimeline.objects.create(
        dispute=dispute, kind=verb, text=text, on=on, actor=actor, citation=citation[:100]
    )


AGREEMENT_FIELDS = {
    "concluded_on": "on",
    "effective_on": "on",
    "agreement_kind": "agreement_kind",
    "facts_and_responsibility": "facts_and_responsibility",
    "agreed_terms": "agreed_terms",
    "performance_method": "performance_method",
    "performance_due_on": "performance_due_on",
    "agreed_amount": "agreed_amount",
}

WORKFLOW = Workflow(
    [
        Transition(
            "start",
            "开始调解",
            (DisputeState.REGISTERED,),
            DisputeState.MEDIATING,
            may_start,
            ART_CONSENT,
            sets={"started_on": "on"},
            timeline="{on:%Y年%m月%d日}各方当事人同意，开始调解",
        ),
        Transition(
            "decline",
            "当事人拒绝调解，不予调解",
            (DisputeState.REGISTERED,),
            DisputeState.DECLINED,
            may_decline,
            ART_CONSENT,
            sets={"concluded_on": "on"},
            stops=(rules.CONCLUSION,),
            timeline="{on:%Y年%m月%d日}当事人明确拒绝调解，不予调解",
        ),
        Transition(
            "agree_written",
            "达成书面调解协议",
            (DisputeState.MEDIATING,),
            DisputeState.AGREED,
            may_agree,
            ART_AGREEMENT,
            sets={
                **AGREEMENT_FIELDS,
                "parties_signed_on": "parties_signed_on",
                "mediator_signed_on": "mediator_signed_on",
                "committee_sealed_on": "committee_sealed_on",
            },
            stops=(rules.CONCLUSION,),
            starts=(rules.CONFIRMATION,),
            timeline="{on:%Y年%m月%d日}调解协议经各方签名盖章生效，可在三十日内申请司法确认",
        ),
        Transition(
            "agree_oral",
            "达成口头调解协议",
            (DisputeState.MEDIATING,),
            DisputeState.AGREED,
            may_agree,
            "《人民调解法》第三十条",
            sets=AGREEMENT_FIELDS,
            stops=(rules.CONCLUSION,),
            timeline="{on:%Y年%m月%d日}达成口头调解协议，自达成之日起生效",
        ),
        Transition(
            "fail",
            "调解不成，终止调解",
            (DisputeState.MEDIATING,),
            DisputeState.FAILED,
            may_fail,
            ART_FAILED,
            sets={"concluded_on": "on", "routes_notice": "notice"},
            stops=(rules.CONCLUSION,),
            timeline="{on:%Y年%m月%d日}调解不成，已告知当事人其他解决途径",
        ),
        Transition(
            "withdraw",
            "撤回/终止调解",
            (DisputeState.REGISTERED, DisputeState.MEDIATING),
            DisputeState.WITHDRAWN,
            may_conclude,
            "《人民调解法》第二十三条",
            sets={"concluded_on": "on"},
            stops=(rules.CONCLUSION,),
            timeline="{on:%Y年%m月%d日}当事人要求终止调解",
        ),
        Transition(
            "apply_confirmation",
            "申请司法确认",
            (DisputeState.AGREED,),
            None,
            may_apply_confirmation,
            ART_CONFIRMATION,
            sets={"confirmation_applied_on": "on", "confirmation_court": "court"},
            stops=(rules.CONFIRMATION,),
            timeline="{on:%Y年%m月%d日}双方共同向{court}申请司法确认",
        ),
    ],
    model=Dispute,
    timeline=_timeline,
)
