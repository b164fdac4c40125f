"""Step tables of the enforcement register: certificates (申领 → 逐级上报 → 发证 → 暂扣/注销),
their batches, the case-file review (抽样 → 评定 → 结束) and rectification notices.

Guards name the article a refused step would break; the supervision steps are for the justice
bureau's supervisors and 依法治区办 staff (`access.may_supervise`).
"""

from __future__ import annotations

from fazhi.core.workflow import ALLOW, Transition, Verdict, Workflow, first_refusal, refuse
from fazhi.enforcement.access import may_supervise
from fazhi.enforcement.models import (
    BatchState,
    CampaignState,
    Certificate,
    CertificateBatch,
    CertificateState,
    CertificateStep,
    DeductionState,
    NoticeState,
    PersonType,
    RectificationNotice,
    ReviewCampaign,
    ScoreSheet,
    SheetState,
)

MANAGEMENT_RULES = "《湖南省行政执法人员和行政执法辅助人员管理办法》"


def supervisor_only(user, obj=None) -> Verdict:
    if may_supervise(user):
        return ALLOW
    return refuse("只有司法局执法监督人员或依法治区办工作人员可以办理此事项。")


def own_unit(user, obj) -> Verdict:
    if may_supervise(user) or (user.unit_id is not None and user.unit_id == obj.unit_id):
        return ALLOW
    return refuse("只有本单位可以办理此事项。")


# --- certificates ------------------------------------------------------------------------


def may_issue(user, cert: Certificate, *, on=None, number: str = "", **facts) -> Verdict:
    """E3/E4: a certificate for a 行政执法人员 who passed the exam, after the batch went up."""
    verdict = supervisor_only(user)
    if not verdict:
        return verdict
    if cert.officer.person_type != PersonType.OFFICER:
        return refuse(f"行政执法辅助人员不得申领行政执法证（{MANAGEMENT_RULES}第二条）。")
    if cert.exam_id is None or not cert.exam.passed:
        return refuse(f"新进人员须经行政执法资格考试合格后方可申领执法证（{MANAGEMENT_RULES}）。")
    if cert.batch_id is None or cert.batch.state == BatchState.DRAFT:
        return refuse("执法证申领须经逐级上报后方可录入证号，请先上报本批次。")
    if on is not None and on < cert.applied_on:
        return refuse("发证日期不能早于申领日期。")
    number = (number or "").strip()
    if number and Certificate.objects.filter(number=number).exclude(pk=cert.pk).exists():
        return refuse(f"执法证号{number}已登记给其他人员，同一证号不得重复发放。")
    return ALLOW


def may_revoke(user, cert: Certificate, *, reason: str = "", **facts) -> Verdict:
    if not (reason or "").strip():
        return refuse("注销执法证须写明原因。")
    return supervisor_only(user)


def _certificate_event(obj, **event):
    CertificateStep.objects.create(certificate=obj, **event)


CERTIFICATE_WORKFLOW = Workflow(
    [
        Transition(
            "issue",
            "录入证号、发证",
            (CertificateState.APPLYING,),
            CertificateState.VALID,
            guard=may_issue,
            rule=MANAGEMENT_RULES,
            sets={"number": "number", "issued_on": "on"},
            timeline="{on:%Y年%m月%d日}发证，证号{number}",
        ),
        Transition(
            "suspend",
            "暂扣",
            (CertificateState.VALID,),
            CertificateState.SUSPENDED,
            guard=lambda user, cert, **facts: supervisor_only(user),
            rule=MANAGEMENT_RULES,
            sets={"suspended_on": "on"},
            timeline="{on:%Y年%m月%d日}暂扣：{reason}",
        ),
        Transition(
            "reinstate",
            "恢复使用",
            (CertificateState.SUSPENDED,),
            CertificateState.VALID,
            guard=lambda user, cert, **facts: supervisor_only(user),
            rule=MANAGEMENT_RULES,
            timeline="{on:%Y年%m月%d日}恢复使用",
        ),
        Transition(
            "revoke",
            "注销",
            (CertificateState.APPLYING, CertificateState.VALID, CertificateState.SUSPENDED),
            CertificateState.REVOKED,
            guard=may_revoke,
            rule=MANAGEMENT_RULES,
            sets={"revoked_on": "on", "revoke_reason": "reason"},
            timeline="{on:%Y年%m月%d日}注销：{reason}",
        ),
    ],
    model=Certificate,
    timeline=_certificate_event,
)


def may_send_batch(user, batch: CertificateBatch, **facts) -> Verdict:
    if not batch.certificates.exists():
        return refuse("本批次没有申领人员，不能上报。")
    return supervisor_only(user)


BATCH_WORKFLOW = Workflow(
    [
        Transition(
            "send",
            "逐级上报",
            (BatchState.DRAFT,),
            BatchState.SENT,
            guard=may_send_batch,
            rule=MANAGEMENT_RULES,
            sets={"sent_on": "on"},
        ),
        Transition(
            "mark_returned",
            "证件已下发",
            (BatchState.SENT,),
            BatchState.RETURNED,
            guard=lambda user, batch, **facts: first_refusal(
                supervisor_only(user),
                ALLOW
                if not batch.certificates.filter(state=CertificateState.APPLYING).exists()
                else refuse("本批次仍有人员未录入证号。"),
            ),
            sets={"returned_on": "on"},
        ),
    ],
    model=CertificateBatch,
)


# --- case-file review --------------------------------------------------------------------


def may_close_campaign(user, campaign: ReviewCampaign, **facts) -> Verdict:
    if campaign.sheets.exclude(state=SheetState.SCORED).exists():
        return refuse("仍有案卷评查表未评定，不能结束评查。")
    return supervisor_only(user)


CAMPAIGN_WORKFLOW = Workflow(
    [
        Transition(
            "draw",
            "随机抽取案卷",
            (CampaignState.DRAFT,),
            CampaignState.REVIEWING,
            guard=lambda user, campaign, **facts: supervisor_only(user),
            rule="湖南省行政执法案卷评查标准（随机抽取当年办结案卷）",
        ),
        Transition(
            "close",
            "结束评查",
            (CampaignState.REVIEWING,),
            CampaignState.CLOSED,
            guard=may_close_campaign,
        ),
    ],
    model=ReviewCampaign,
)


def may_score(user, sheet: ScoreSheet, **facts) -> Verdict:
    if sheet.deductions.filter(state=DeductionState.PROPOSED).exists():
        return refuse("系统预扣的扣分尚未逐项确认或撤销，不能评定。")
    return supervisor_only(user)


SHEET_WORKFLOW = Workflow(
    [
        Transition(
            "score",
            "评定",
            (SheetState.PENDING,),
            SheetState.SCORED,
            guard=may_score,
            rule="湖南省行政执法案卷评查标准",
            sets={"scored_on": "on"},
        ),
    ],
    model=ScoreSheet,
)


NOTICE_WORKFLOW = Workflow(
    [
        Transition(
            "reply",
            "反馈整改情况",
            (NoticeState.ISSUED,),
            NoticeState.REPLIED,
            guard=lambda user, notice, **facts: own_unit(user, notice),
            sets={"replied_on": "on", "reply": "reply"},
        ),
        Transition(
            "close",
            "整改销号",
            (NoticeState.REPLIED,),
            NoticeState.CLOSED,
            guard=lambda user, notice, **facts: supervisor_only(user),
            sets={"closed_on": "on"},
        ),
    ],
    model=RectificationNotice,
)
