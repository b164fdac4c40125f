"""Writes of the normative-document register (legal-rules.md §3): drafting, consultation,
legality review, collective discussion, 三统一 publication, filing, end of validity, cleanup
campaigns and incidental review. Periods come from `fazhi.deadlines`, never computed here."""

from __future__ import annotations

from datetime import date

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from fazhi.deadlines.selectors import clock_for
from fazhi.deadlines.services import clock_close, clock_start, compute_due
from fazhi.meetings.models import AgendaItemKind, AgendaOutcome
from fazhi.meetings.services import agenda_item_add
from fazhi.normdocs import conf
from fazhi.normdocs.models import (
    CleanupCampaign,
    CleanupItem,
    CleanupKind,
    CleanupOutcome,
    CleanupState,
    DocState,
    IncidentalOutcome,
    IncidentalReview,
    IncidentalSource,
    NormativeDocument,
)
from fazhi.normdocs.workflow import WORKFLOW, issuer_verdict, may_edit
from fazhi.review.models import MaterialKind, SubjectType
from fazhi.review.services import review_submit

FILING_RULE = "normdocs.filing"
ENTRY_INTO_FORCE_RULE = "normdocs.entry_into_force"
CONSULTATION_RULE = "normdocs.public_consultation"
INCIDENTAL_RULE = "normdocs.incidental_review"


def _require(verdict) -> None:
    if not verdict:
        raise ValidationError(verdict.reason, code="transition_refused")


def _fresh(doc: NormativeDocument) -> NormativeDocument:
    """The current row, locked for the transition (the caller's copy may be stale)."""
    return NormativeDocument.objects.select_for_update().get(pk=doc.pk)


def _save(doc: NormativeDocument) -> NormativeDocument:
    doc.full_clean()
    doc.save()
    return doc


@transaction.atomic
def normdoc_draft(
    *,
    actor,
    title: str,
    body: str,
    issuer_kind: str,
    unit=None,
    document_number: str = "",
    is_provisional: bool = False,
    needs_government_consent: bool = False,
    government_consent_ref: str = "",
) -> NormativeDocument:
    doc = NormativeDocument(
        unit=unit or actor.unit,
        title=title.strip(),
        body=body,
        issuer_kind=issuer_kind,
        document_number=document_number.strip(),
        is_provisional=is_provisional,
        needs_government_consent=needs_government_consent,
        government_consent_ref=government_consent_ref.strip(),
        state=DocState.DRAFTING,
    )
    _require(may_edit(actor, doc))
    _require(issuer_verdict(doc))
    return _save(doc)


@transaction.atomic
def normdoc_update_draft(*, actor, document: NormativeDocument, **fields) -> NormativeDocument:
    """Edit a draft; only while drafting or under consultation."""
    document = _fresh(document)
    _require(may_edit(actor, document))
    if document.state not in (DocState.DRAFTING, DocState.CONSULTATION):
        raise ValidationError("送审后不能再修改草案内容；如需修改，请在审核退回后修改。")
    allowed = {
        "title",
        "body",
        "issuer_kind",
        "document_number",
        "is_provisional",
        "needs_government_consent",
        "government_consent_ref",
    }
    for name, value in fields.items():
        if name not in allowed:
            raise ValidationError(f"字段“{name}”不能在草案阶段修改。")
        setattr(document, name, value)
    _require(issuer_verdict(document))
    return _save(document)


@transaction.atomic
def normdoc_open_consultation(
    *, actor, document: NormativeDocument, start: date
) -> NormativeDocument:
    """Open public consultation on the draft (N13)."""
    document = _fresh(document)
    WORKFLOW.apply("open_consultation", actor, document)
    document.consultation_start = start
    return _save(document)


def consultation_errors(document: NormativeDocument) -> dict:
    """N13 (国办发〔2018〕37号, U): consultation generally ≥ 30 days unless the shortening is
    explained; a document not put to public consultation states why."""
    if document.consultation_start is None:
        if document.consultation_exempt_reason.strip():
            return {}
        return {
            "consultation_exempt_reason": "未公开征求意见的，须说明理由（国办发〔2018〕37号，N13）。"
        }
    if document.consultation_end is None:
        return {"consultation_end": "请填写征求意见截止日。"}
    if document.consultation_end < document.consultation_start:
        return {"consultation_end": "征求意见截止日不能早于开始日。"}
    due = compute_due(CONSULTATION_RULE, document.consultation_start)
    if (
        document.consultation_end < due.due_date
        and not document.consultation_shortened_reason.strip()
    ):
        return {
            "consultation_shortened_reason": (
                f"征求意见期不足：{due.explanation}。缩短期限的须说明理由。"
            )
        }
    return {}


@transaction.atomic
def normdoc_submit_for_review(
    *,
    actor,
    document: NormativeDocument,
    submitted_on: date,
    drafting_note: str,
    legal_basis: str,
    consultation_end: date | None = None,
    consultation_summary: str = "",
    consultation_shortened_reason: str = "",
    consultation_exempt_reason: str = "",
    fair_competition_note: str = "",
):
    """Send the draft to the justice bureau for legality review (国办发〔2018〕115号; L2)."""
    document = _fresh(document)
    if consultation_end is not None:
        document.consultation_end = consultation_end
    document.consultation_summary = consultation_summary or document.consultation_summary
    document.consultation_shortened_reason = (
        consultation_shortened_reason or document.consultation_shortened_reason
    )
    document.consultation_exempt_reason = (
        consultation_exempt_reason or document.consultation_exempt_reason
    )
    errors = consultation_errors(document)
    if document.consultation_end and submitted_on < document.consultation_end:
        errors["submitted_on"] = "征求意见期届满后方可送审。"
    if errors:
        raise ValidationError(errors)
    WORKFLOW.apply("submit_for_review", actor, document)
    _save(document)
    materials = [
        {"kind": MaterialKind.DRAFT, "title": f"{document.title}（送审稿）", "note": document.body},
        {"kind": MaterialKind.DRAFTING_NOTE, "title": "起草说明", "note": drafting_note},
        {"kind": MaterialKind.LEGAL_BASIS, "title": "制定依据", "note": legal_basis},
    ]
    if document.consultation_start:
        materials.append(
            {
                "kind": MaterialKind.CONSULTATION,
                "title": "征求意见及采纳情况",
                "note": document.consultation_summary,
            }
        )
    if fair_competition_note.strip():
        materials.append(
            {
                "kind": MaterialKind.FAIR_COMPETITION,
                "title": "公平竞争审查意见",
                "note": fair_competition_note,
            }
        )
    materials = [m for m in materials if (m.get("note") or "").strip()]
    return review_submit(
        actor=actor,
        unit=document.unit,
        subject_type=SubjectType.NORMATIVE_DOCUMENT,
        title=document.title,
        submitted_on=submitted_on,
        materials=materials,
        subject=document,
    )


def on_review_decided(review) -> None:
    """Receiver of `review_decided`: a passed review moves the draft on, a failed one back."""
    document = NormativeDocument.objects.filter(pk=review.subject_id).first()
    if document is None or document.state != DocState.LEGALITY_REVIEW:
        return
    verb = "review_passed" if review.passed else "review_failed"
    WORKFLOW.apply(verb, None, document)
    document.save(update_fields=["state"])


@transaction.atomic
def normdoc_discuss(
    *,
    actor,
    document: NormativeDocument,
    meeting,
    outcome: str = AgendaOutcome.APPROVED,
    dissent: str = "",
    head_decision: str = "",
):
    """Put the document to the collective discussion of the issuing body (refused before a
    passed legality review: 国办发〔2018〕115号, L1)."""
    document = _fresh(document)
    WORKFLOW.require("discuss", actor, document)
    return agenda_item_add(
        actor=actor,
        meeting=meeting,
        kind=AgendaItemKind.NORMATIVE_DOCUMENT,
        title=f"审议《{document.title}》",
        outcome=outcome,
        presenting_unit=document.unit,
        subject=document,
        dissent=dissent,
        head_decision=head_decision,
    )


def on_discussion_requested(document: NormativeDocument) -> None:
    if document.state != DocState.REVIEW_PASSED:
        raise ValidationError(
            f"规范性文件“{document.title}”当前状态为“{document.get_state_display()}”，"
            "须合法性审核通过后方可提交集体审议（国办发〔2018〕115号）。"
        )


def on_discussion_recorded(document: NormativeDocument, item) -> None:
    if item.outcome in (AgendaOutcome.APPROVED, AgendaOutcome.APPROVED_IN_PRINCIPLE):
        WORKFLOW.apply("discuss", None, document)
        document.save(update_fields=["state"])


def suggest_registration_number(year: int) -> str:
    """The next 统一登记号 of `year` under the configured format (N5)."""
    pattern = conf.registration_pattern()
    serials = [0]
    for number in NormativeDocument.objects.exclude(registration_number="").values_list(
        "registration_number", flat=True
    ):
        match = pattern.match(number)
        if match and int(match.groupdict().get("year") or 0) == year:
            serials.append(int(match.group("serial")))
    return conf.format_registration_number(year, max(serials) + 1)


def registration_errors(document: NormativeDocument, number: str) -> dict:
    """N5: the number follows the configured pattern; N4: it is unique."""
    match = conf.registration_pattern().match(number)
    if not number:
        return {
            "registration_number": "统一登记号不能为空：未经统一登记的文件不得公布（三统一，N4）。"
        }
    if match is None:
        example = conf.format_registration_number(2024, 1)
        return {"registration_number": f"统一登记号“{number}”不符合规定格式（如 {example}，N5）。"}
    year = match.groupdict().get("year")
    if year and document.published_on and int(year) != document.published_on.year:
        return {"registration_number": f"统一登记号中的年份{year}与公布年份不一致。"}
    clash = NormativeDocument.objects.filter(registration_number=number).exclude(pk=document.pk)
    if clash.exists():
        return {
            "registration_number": f"统一登记号“{number}”已被其他文件使用，不能重复（《湖南省规范性文件管理办法》“三统一”规定）。"
        }
    return {}


def entry_into_force_errors(document: NormativeDocument) -> dict:
    """N6: in force no earlier than 30 days after publication, unless the reason is recorded."""
    if document.effective_on is None:
        return {"effective_on": "请填写施行日期。"}
    if document.effective_on < document.published_on:
        return {
            "effective_on": "施行日期不能早于公布日期（《湖南省规范性文件管理办法》第二十条）。"
        }
    if document.immediate_effect_reason.strip():
        return {}
    due = compute_due(ENTRY_INTO_FORCE_RULE, document.published_on)
    if document.effective_on < due.due_date:
        return {
            "effective_on": (
                f"施行日期早于法定最早施行日：{due.explanation}。确需公布后立即施行的，"
                "须载明理由（《湖南省规范性文件管理办法》第二十条）。"
            )
        }
    return {}


@transaction.atomic
def normdoc_publish(
    *,
    actor,
    document: NormativeDocument,
    registration_number: str,
    published_on: date,
    effective_on: date,
    valid_until: date,
    publication_channel: str = "政府门户网站",
    publication_url: str = "",
    immediate_effect_reason: str = "",
    document_number: str = "",
    registered_on: date | None = None,
):
    """三统一 (N4): register, number and publish; starts the 15-day filing clock (N7).

    Refused before a passed legality review and a collective discussion (N4, L1).
    """
    document = _fresh(document)
    WORKFLOW.require("publish", actor, document)
    document.registration_number = registration_number.strip()
    document.registered_on = registered_on or published_on
    document.published_on = published_on
    document.effective_on = effective_on
    document.valid_until = valid_until
    document.publication_channel = publication_channel
    document.publication_url = publication_url
    document.immediate_effect_reason = immediate_effect_reason.strip()
    if document_number:
        document.document_number = document_number.strip()
    errors = {}
    errors.update(registration_errors(document, document.registration_number))
    errors.update(entry_into_force_errors(document))
    if document.registered_on > published_on:
        errors["registered_on"] = (
            "须先统一登记、编号，再统一公布（《湖南省规范性文件管理办法》“三统一”规定）。"
        )
    if valid_until is None:
        errors["valid_until"] = "规范性文件须载明有效期（《湖南省规范性文件管理办法》有效期制度）。"
    elif effective_on and valid_until <= effective_on:
        errors["valid_until"] = (
            "有效期届满日须晚于施行日期（《湖南省规范性文件管理办法》有效期制度）。"
        )
    if errors:
        raise ValidationError(errors)
    WORKFLOW.apply("publish", actor, document)
    _save(document)
    clock_start(
        rule_code=FILING_RULE,
        trigger_date=published_on,
        subject=document,
        unit=document.unit,
        owner=actor if actor and actor.pk else None,
        label=f"规范性文件报备：{document.title}",
    )
    return document


@transaction.atomic
def normdoc_file(
    *,
    actor,
    document: NormativeDocument,
    filed_on: date,
    filed_with: str = "",
    filing_reference: str = "",
) -> NormativeDocument:
    """Record the filing (备案, N7); closes the filing clock as met or missed."""
    document = _fresh(document)
    WORKFLOW.require("file", actor, document)
    if document.filed_on is not None:
        raise ValidationError("该文件已报备。")
    if filed_on < document.published_on:
        raise ValidationError(
            {"filed_on": "报备日期不能早于公布日期（《湖南省规范性文件管理办法》第二十二条）。"}
        )
    document.filed_on = filed_on
    document.filed_with = filed_with or conf.filing_recipient(document.is_government_document)
    document.filing_reference = filing_reference
    _save(document)
    clock = clock_for(document, FILING_RULE)
    if clock is not None and clock.is_open:
        clock_close(clock=clock, on=filed_on)
    return document


def filed_on_time(document: NormativeDocument) -> bool | None:
    """Filed by the due date of its filing clock (《湖南省规范性文件管理办法》第二十二条), read as
    the indicator `normdocs.filed_on_time` reads it: without a filing clock, on time."""
    if document.filed_on is None or document.published_on is None:
        return None
    clock = clock_for(document, FILING_RULE)
    return clock is None or document.filed_on <= clock.due_date


END_VERBS = {
    DocState.REPEALED: "repeal",
    DocState.DECLARED_INVALID: "declare_invalid",
    DocState.EXPIRED: "expire",
    DocState.AMENDED: "amend",
}


@transaction.atomic
def normdoc_end(
    *, actor, document: NormativeDocument, state: str, on: date, reason: str
) -> NormativeDocument:
    """Repeal, declare invalid, mark expired, or mark superseded (N8, N9)."""
    document = _fresh(document)
    if state not in END_VERBS:
        raise ValidationError("失效方式无效。")
    if not reason.strip():
        raise ValidationError({"end_reason": "请写明失效或废止的理由。"})
    if document.published_on and on < document.published_on:
        raise ValidationError({"ended_on": "失效日期不能早于公布日期。"})
    if state == DocState.EXPIRED and (document.valid_until is None or on <= document.valid_until):
        raise ValidationError(
            {
                "ended_on": "有效期尚未届满，不能标记为有效期届满失效（《湖南省规范性文件管理办法》有效期制度）。"
            }
        )
    WORKFLOW.apply(END_VERBS[state], actor, document)
    document.ended_on = on
    document.end_reason = reason.strip()
    return _save(document)


@transaction.atomic
def normdoc_abandon(*, actor, document: NormativeDocument, reason: str) -> NormativeDocument:
    document = _fresh(document)
    if not reason.strip():
        raise ValidationError({"end_reason": "请写明终止制定的理由。"})
    WORKFLOW.apply("abandon", actor, document)
    document.end_reason = reason.strip()
    return _save(document)


# ---- cleanup campaigns (N9) ----------------------------------------------------------------


@transaction.atomic
def cleanup_start(
    *,
    actor,
    kind: str,
    year: int,
    title: str,
    started_on: date,
    cutoff_on: date,
    unit=None,
    basis: str = "",
    documents=None,
) -> CleanupCampaign:
    """Open a campaign. Without `documents`, the scope is every document in force on the cutoff
    date issued by the organiser's unit or units under it (N9: all documents are cleaned up)."""
    unit = unit or actor.unit
    if kind not in CleanupKind.values:
        raise ValidationError({"kind": "清理类型无效。"})
    if cutoff_on > started_on:
        raise ValidationError({"cutoff_on": "清理截止日不能晚于开始日期。"})
    campaign = CleanupCampaign(
        unit=unit,
        kind=kind,
        year=year,
        title=title.strip(),
        basis=basis,
        started_on=started_on,
        cutoff_on=cutoff_on,
    )
    campaign.full_clean()
    campaign.save()
    if documents is None:
        documents = NormativeDocument.objects.in_force_on(cutoff_on).filter(
            Q(unit=unit) | Q(unit__parent=unit)
        )
    for document in documents:
        cleanup_add_document(actor=actor, campaign=campaign, document=document)
    return campaign


@transaction.atomic
def cleanup_add_document(
    *, actor, campaign: CleanupCampaign, document: NormativeDocument
) -> CleanupItem:
    if campaign.state != CleanupState.OPEN:
        raise ValidationError("清理已完成，不能再调整范围。")
    if document.state != DocState.PUBLISHED:
        raise ValidationError(f"“{document.title}”不是现行文件，不纳入清理。")
    if document.published_on is None or document.published_on > campaign.cutoff_on:
        raise ValidationError(f"“{document.title}”在清理截止日后公布，不在本次清理范围内。")
    item = CleanupItem(unit=document.unit, campaign=campaign, document=document)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def cleanup_set_outcome(*, actor, item: CleanupItem, outcome: str, reason: str = "") -> CleanupItem:
    if item.campaign.state != CleanupState.OPEN:
        raise ValidationError("清理已完成，不能再修改清理结论。")
    if outcome not in CleanupOutcome.values:
        raise ValidationError({"outcome": "清理结论无效。"})
    if outcome != CleanupOutcome.REMAINS_VALID and not reason.strip():
        raise ValidationError({"reason": "清理结论为修改、宣布失效或废止的，须写明理由。"})
    item.outcome = outcome
    item.reason = reason.strip()
    item.full_clean()
    item.save(update_fields=["outcome", "reason"])
    return item


@transaction.atomic
def cleanup_complete(*, actor, campaign: CleanupCampaign, on: date) -> CleanupCampaign:
    """Every document in scope needs an outcome (N9: those not continued stop applying)."""
    if campaign.state != CleanupState.OPEN:
        raise ValidationError("该清理已完成。")
    undecided = campaign.items.filter(outcome="")
    if undecided.exists():
        titles = "、".join(f"“{i.document.title}”" for i in undecided[:5])
        raise ValidationError(f"尚有{undecided.count()}件文件未作出清理结论：{titles}。")
    campaign.completed_on = on
    campaign.state = CleanupState.COMPLETED
    campaign.full_clean()
    campaign.save()
    return campaign


OUTCOME_STATES = {
    CleanupOutcome.DECLARE_INVALID: DocState.DECLARED_INVALID,
    CleanupOutcome.REPEAL: DocState.REPEALED,
}


@transaction.atomic
def cleanup_publish(
    *, actor, campaign: CleanupCampaign, on: date, url: str = ""
) -> CleanupCampaign:
    """Publish the result lists (N9) and apply each outcome to its document's status."""
    if campaign.state != CleanupState.COMPLETED:
        raise ValidationError("清理完成后方可公布清理结果。")
    campaign.published_on = on
    campaign.publication_url = url
    campaign.state = CleanupState.PUBLISHED
    campaign.full_clean()
    campaign.save()
    for item in campaign.items.select_related("document").filter(applied=False):
        document = item.document
        if item.outcome in OUTCOME_STATES and document.state == DocState.PUBLISHED:
            document.state = OUTCOME_STATES[item.outcome]
            document.ended_on = on
            document.end_reason = f"{campaign.title}：{item.get_outcome_display()}。{item.reason}"
            _save(document)
        elif item.outcome == CleanupOutcome.AMEND:
            document.pending_amendment = True
            _save(document)
        item.applied = True
        item.save(update_fields=["applied"])
    return campaign


# ---- incidental review (N11) ------------------------------------------------------------------

FORWARDING_RULE = "normdocs.incidental_forwarding"
ISSUER_NOTICE_RULE = "normdocs.issuer_notice"
ISSUER_REPLY_RULE = "normdocs.issuer_reply"
FORWARDED_REPLY_RULE = "normdocs.forwarded_reply"
JUDICIAL_SUGGESTION_RULE = "normdocs.judicial_suggestion_reply"
NORMDOC_REVIEW_SUSPENSION = "normdoc_review"  # 复议法第三十九条第一款第九项, by value


def _main_rule(review: IncidentalReview) -> str:
    """The period of the handling organ's main act, by the way the review reached it."""
    if review.source == IncidentalSource.LITIGATION:
        return JUDICIAL_SUGGESTION_RULE  # 行诉解释第一百四十九条第四款: reply within 60 days
    if review.source == IncidentalSource.FORWARDED:
        return FORWARDED_REPLY_RULE  # 复议法第六十条: reply within 60 days of the forwarding
    return INCIDENTAL_RULE if review.competent else FORWARDING_RULE  # 复议法第五十六、五十七条


def _start(review: IncidentalReview, rule: str, trigger: date):
    return clock_start(
        rule_code=rule,
        trigger_date=trigger,
        subject=review,
        unit=review.unit,
        label=f"规范性文件附带审查：{review.document.title}",
    )


def _close_clock(review: IncidentalReview, rule: str, on: date) -> None:
    clock = clock_for(review, rule)
    if clock is not None and clock.is_open:
        clock_close(clock=clock, on=on)


@transaction.atomic
def incidental_review_open(
    *,
    actor,
    document: NormativeDocument,
    source: str,
    case_number: str,
    received_on: date,
    unit=None,
    competent: bool = True,
    suspended_on: date | None = None,
) -> IncidentalReview:
    """Register an incidental review of the document and start its periods (N11, F20).

    - From a reconsideration (复议法第十三条、第五十六条、第五十七条): the 复议机关 competent to
      handle it does so within 30 days, and its 复议机构 notifies the issuing body within 3
      working days of the 中止 (第五十八条); one not competent forwards it within 7 working days.
    - Forwarded by a 复议机关 (第六十条): the receiving organ answers within 60 days.
    - A court's 司法建议 after reviewing it in litigation (行诉解释第一百四十九条第四款): the
      issuing body answers in writing within 60 days.

    A reconsideration case number is matched against the reconsideration register (the case the
    user may see) and linked; a litigation case number stays as text (the court's case)."""
    if source not in IncidentalSource.values:
        raise ValidationError({"source": "附带审查来源无效。"})
    review = IncidentalReview(
        unit=unit or actor.unit,
        document=document,
        source=source,
        case_number=case_number.strip(),
        received_on=received_on,
        competent=competent if source == IncidentalSource.RECONSIDERATION else True,
        reconsideration_case=_reconsideration_case(actor, source, case_number.strip()),
    )
    if review.source == IncidentalSource.RECONSIDERATION and review.competent:
        review.suspended_on = suspended_on or _suspension_date(review.reconsideration_case)
    if review.suspended_on and review.suspended_on < received_on:
        raise ValidationError({"suspended_on": "行政复议中止日期不能早于收到附带审查申请日期。"})
    review.full_clean()
    review.save()
    _start(review, _main_rule(review), received_on)
    if review.suspended_on:
        _start(review, ISSUER_NOTICE_RULE, review.suspended_on)
    return review


def _suspension_date(case) -> date | None:
    """The 中止 of the linked case on the ground of 复议法第三十九条第一款第九项, if recorded."""
    if case is None:
        return None
    suspension = (
        case.suspensions.filter(ground=NORMDOC_REVIEW_SUSPENSION).order_by("started_on").first()
    )
    return suspension.started_on if suspension else None


def _reconsideration_case(actor, source: str, case_number: str):
    """The register's case, by number, looked up by app label (normdocs imports no register)."""
    if source != IncidentalSource.RECONSIDERATION or not case_number:
        return None
    try:
        model = apps.get_model("reconsideration", "ReconsiderationCase")
    except LookupError:
        return None
    return model.objects.for_user(actor).filter(case_number=case_number).first()


def _competent_reconsideration(review: IncidentalReview) -> None:
    if review.source != IncidentalSource.RECONSIDERATION or not review.competent:
        raise ValidationError(
            "书面通知制定机关答复，适用于行政复议机关有权处理的附带审查（《行政复议法》第五十八条）。"
        )


@transaction.atomic
def incidental_review_notify_issuer(
    *, actor, review: IncidentalReview, sent_on: date, received_on: date | None = None
) -> IncidentalReview:
    """复议法第五十八条: the written notice to the issuing body (within 3 working days of the
    中止); from its receipt the issuing body has 10 working days to reply."""
    review = IncidentalReview.objects.select_for_update().get(pk=review.pk)
    _competent_reconsideration(review)
    if review.issuer_notified_on is not None:
        raise ValidationError("已登记书面通知制定机关。")
    if sent_on < review.received_on:
        raise ValidationError({"issuer_notified_on": "通知日期不能早于收到附带审查申请日期。"})
    if received_on is not None and received_on < sent_on:
        raise ValidationError({"issuer_notice_received_on": "收到通知日期不能早于发出日期。"})
    review.issuer_notified_on = sent_on
    review.issuer_notice_received_on = received_on
    review.full_clean()
    review.save()
    _close_clock(review, ISSUER_NOTICE_RULE, sent_on)
    if received_on is not None:
        _start(review, ISSUER_REPLY_RULE, received_on)
    return review


@transaction.atomic
def incidental_review_record_issuer_reply(
    *, actor, review: IncidentalReview, on: date
) -> IncidentalReview:
    """复议法第五十八条: the issuing body's written reply and materials."""
    review = IncidentalReview.objects.select_for_update().get(pk=review.pk)
    _competent_reconsideration(review)
    if review.issuer_notice_received_on is None:
        raise ValidationError("请先登记制定机关收到书面通知的日期（《行政复议法》第五十八条）。")
    if on < review.issuer_notice_received_on:
        raise ValidationError({"issuer_replied_on": "答复日期不能早于收到通知日期。"})
    review.issuer_replied_on = on
    review.full_clean()
    review.save()
    _close_clock(review, ISSUER_REPLY_RULE, on)
    return review


@transaction.atomic
def incidental_review_decide(
    *, actor, review: IncidentalReview, outcome: str, decided_on: date, note: str = ""
) -> IncidentalReview:
    """Record the outcome (N11); an unlawful document stops being applied (复议法第五十九条).

    A 复议机关 without the power to handle the document forwards it (第五十六条、第五十七条);
    one with the power handles it itself."""
    review = IncidentalReview.objects.select_for_update().get(pk=review.pk)
    if review.outcome:
        raise ValidationError("该附带审查已处理。")
    if outcome not in IncidentalOutcome.values:
        raise ValidationError({"outcome": "处理结果无效。"})
    if decided_on < review.received_on:
        raise ValidationError({"decided_on": "处理日期不能早于收到审查请求日期。"})
    forwarding = review.source == IncidentalSource.RECONSIDERATION and not review.competent
    if forwarding and outcome != IncidentalOutcome.FORWARDED:
        raise ValidationError(
            {
                "outcome": "本机关无权处理的，应当转送有权处理的行政机关、国家机关依法处理"
                "（《行政复议法》第五十六条、第五十七条）。"
            }
        )
    if not forwarding and outcome == IncidentalOutcome.FORWARDED:
        raise ValidationError(
            {
                "outcome": "本机关有权处理的，应当依法处理，不能转送"
                "（《行政复议法》第五十六条、第五十七条、第五十九条）。"
            }
        )
    review.outcome = outcome
    review.decided_on = decided_on
    review.note = note
    review.full_clean()
    review.save()
    if outcome == IncidentalOutcome.STOP_AND_CORRECT:
        document = review.document
        document.suspended = True
        document.pending_amendment = True
        _save(document)
    _close_clock(review, _main_rule(review), decided_on)
    return review
