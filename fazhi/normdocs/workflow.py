"""Lifecycle of a normative document (legal-rules.md §3).

drafting ─open_consultation─▶ consultation ─submit_for_review─▶ legality_review
drafting ─submit_for_review (exempt from consultation)─▶ legality_review
legality_review ─review passed─▶ review_passed ─discussed─▶ discussed ─publish (三统一)─▶ published
legality_review ─review failed─▶ drafting
published ─repeal / declare_invalid / expire / amend─▶ repealed / declared_invalid / expired / amended
"""

from fazhi.core.models import Role
from fazhi.core.workflow import ALLOW, Transition, Verdict, Workflow, first_refusal, refuse
from fazhi.normdocs.models import FORBIDDEN_ISSUERS, DocState, IssuerKind
from fazhi.review.gates import discussion_verdict
from fazhi.review.selectors import passed_review_for

DRAFT_STATES = (DocState.DRAFTING, DocState.CONSULTATION)
BEFORE_PUBLICATION = (
    DocState.DRAFTING,
    DocState.CONSULTATION,
    DocState.LEGALITY_REVIEW,
    DocState.REVIEW_PASSED,
    DocState.DISCUSSED,
)


def _is_office(user) -> bool:
    return user.is_superuser or user.has_role(Role.OFFICE_STAFF)


def may_edit(user, doc) -> Verdict:
    """The issuing unit (制定机关) drafts and publishes its own documents."""
    if _is_office(user) or (user.unit_id is not None and user.unit_id == doc.unit_id):
        return ALLOW
    return refuse("只有制定机关可以办理本文件。")


def issuer_verdict(doc) -> Verdict:
    """N2 (《湖南省规范性文件管理办法》第五条)."""
    if doc.issuer_kind in FORBIDDEN_ISSUERS:
        return refuse(
            f"{IssuerKind(doc.issuer_kind).label}不得制定规范性文件"
            "（《湖南省规范性文件管理办法》第五条，N2）。"
        )
    if (
        doc.issuer_kind == IssuerKind.DEPARTMENT
        and doc.needs_government_consent
        and not doc.government_consent_ref.strip()
    ):
        return refuse(
            "部门制定涉及群众切身利益、社会关注度高或涉外事项的规范性文件，须事先经本级政府同意，"
            "请填写本级政府同意文件（《湖南省规范性文件管理办法》第五条，N2）。"
        )
    return ALLOW


def may_submit_for_review(user, doc) -> Verdict:
    return first_refusal(may_edit(user, doc), issuer_verdict(doc))


def may_discuss(user, doc) -> Verdict:
    """No collective discussion before a passed legality review (国办发〔2018〕115号; L1)."""
    return discussion_verdict(doc)


def publish_verdict(doc) -> Verdict:
    """三统一 (N4): no publication without a passed legality review and a collective discussion."""
    if passed_review_for(doc) is None:
        return refuse(
            "未经合法性审核或者审核未通过的规范性文件不得公布（三统一，N4；国办发〔2018〕115号；L1）。"
        )
    if doc.state != DocState.DISCUSSED:
        return refuse(
            "规范性文件须经制定机关集体审议通过后方可统一登记、统一编号、统一公布（《湖南省规范性文件管理办法》“三统一”规定）。"
        )
    return ALLOW


def may_publish(user, doc) -> Verdict:
    return first_refusal(may_edit(user, doc), publish_verdict(doc))


def may_end(user, doc) -> Verdict:
    return may_edit(user, doc)


WORKFLOW = Workflow(
    [
        Transition(
            "open_consultation",
            "公开征求意见",
            (DocState.DRAFTING,),
            DocState.CONSULTATION,
            may_edit,
            "国办发〔2018〕37号",
        ),
        Transition(
            "submit_for_review",
            "送合法性审核",
            DRAFT_STATES,
            DocState.LEGALITY_REVIEW,
            may_submit_for_review,
            "国办发〔2018〕115号",
        ),
        Transition(
            "review_passed",
            "登记审核通过",
            (DocState.LEGALITY_REVIEW,),
            DocState.REVIEW_PASSED,
        ),
        Transition(
            "review_failed",
            "退回修改",
            (DocState.LEGALITY_REVIEW,),
            DocState.DRAFTING,
        ),
        Transition(
            "discuss",
            "提交集体审议",
            DRAFT_STATES + (DocState.LEGALITY_REVIEW, DocState.REVIEW_PASSED),
            DocState.DISCUSSED,
            lambda user, doc: may_discuss(user, doc),
            "国办发〔2018〕115号；《重大行政决策程序暂行条例》第二十五条",
        ),
        Transition(
            "publish",
            "统一登记、编号、公布",
            (DocState.DISCUSSED, DocState.REVIEW_PASSED, DocState.LEGALITY_REVIEW) + DRAFT_STATES,
            DocState.PUBLISHED,
            may_publish,
            "《湖南省规范性文件管理办法》“三统一”规定",
        ),
        Transition("file", "报送备案", (DocState.PUBLISHED,), None, may_edit, "N7"),
        Transition("repeal", "废止", (DocState.PUBLISHED,), DocState.REPEALED, may_end),
        Transition(
            "declare_invalid", "宣布失效", (DocState.PUBLISHED,), DocState.DECLARED_INVALID, may_end
        ),
        Transition("expire", "有效期届满失效", (DocState.PUBLISHED,), DocState.EXPIRED, may_end),
        Transition("amend", "被新文件替代", (DocState.PUBLISHED,), DocState.AMENDED, may_end),
        Transition(
            "abandon",
            "终止制定",
            DRAFT_STATES + (DocState.REVIEW_PASSED, DocState.DISCUSSED),
            DocState.ABANDONED,
            may_edit,
        ),
    ]
)
