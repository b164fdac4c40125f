"""Writes of the major-decision register: catalogs (D2-D4) and the statutory steps (D5-D18)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from fazhi.deadlines.services import compute_due
from fazhi.decisions import conf
from fazhi.decisions.models import (
    CatalogItem,
    CatalogState,
    DecisionCatalog,
    DecisionState,
    DecisionStep,
    MajorDecision,
    StepKind,
)
from fazhi.decisions.workflow import (
    WORKFLOW,
    formation_verdict,
    may_edit,
    meeting_verdict,
    scope_verdict,
)
from fazhi.meetings.models import ADOPTED_OUTCOMES, AgendaItemKind
from fazhi.meetings.services import agenda_item_add
from fazhi.review.models import MaterialKind, SubjectType
from fazhi.review.services import review_submit


def _require(verdict) -> None:
    if not verdict:
        raise ValidationError(verdict.reason, code="transition_refused")


def _may_keep_catalog(actor, unit) -> None:
    if actor.is_superuser or actor.has_role("office_staff"):
        return
    if actor.unit_id != unit.pk:
        raise ValidationError("只能编制本单位的决策事项目录。")


# ---- catalogs ---------------------------------------------------------------------------------


@transaction.atomic
def catalog_create(
    *, actor, unit, year: int, title: str = "", solicitation_started_on: date | None = None
) -> DecisionCatalog:
    _may_keep_catalog(actor, unit)
    catalog = DecisionCatalog(
        unit=unit,
        year=year,
        title=title.strip() or f"{unit.name}{year}年度重大行政决策事项目录",
        solicitation_started_on=solicitation_started_on,
    )
    catalog.full_clean()
    catalog.save()
    return catalog


@transaction.atomic
def catalog_item_add(
    *,
    actor,
    catalog: DecisionCatalog,
    title: str,
    category: str,
    lead_unit,
    planned_date: date,
    cooperating_units: str = "",
    note: str = "",
    order: int | None = None,
) -> CatalogItem:
    """Add an item; the lead unit (承办单位, D4, 决策条例第十一条) is required."""
    _may_keep_catalog(actor, catalog.unit)
    if catalog.state != CatalogState.DRAFTING:
        raise ValidationError("目录已报党委同意或已公布，调整事项须重新履行程序。")
    errors = {}
    if lead_unit is None:
        errors["lead_unit"] = "决策事项须明确承办单位（《重大行政决策程序暂行条例》第十一条，D4）。"
    if planned_date is None:
        errors["planned_date"] = "请填写计划完成时间。"
    if errors:
        raise ValidationError(errors)
    if order is None:
        order = (catalog.items.aggregate(Max("order"))["order__max"] or 0) + 1
    item = CatalogItem(
        unit=catalog.unit,
        catalog=catalog,
        order=order,
        title=title.strip(),
        category=category,
        lead_unit=lead_unit,
        planned_date=planned_date,
        cooperating_units=cooperating_units,
        note=note,
    )
    _require(scope_verdict(item))
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def catalog_record_party_agreement(
    *, actor, catalog: DecisionCatalog, on: date, reference: str
) -> DecisionCatalog:
    """同级党委同意 (D2)."""
    _may_keep_catalog(actor, catalog.unit)
    if catalog.state != CatalogState.DRAFTING:
        raise ValidationError("该目录已经党委同意。")
    if not catalog.items.exists():
        raise ValidationError("目录中尚无决策事项。")
    if not reference.strip():
        raise ValidationError({"party_agreement_ref": "请填写党委同意的文件或会议。"})
    catalog.party_agreed_on = on
    catalog.party_agreement_ref = reference.strip()
    catalog.state = CatalogState.PARTY_AGREED
    catalog.full_clean()
    catalog.save()
    return catalog


@transaction.atomic
def catalog_publish(
    *, actor, catalog: DecisionCatalog, on: date, url: str = "", on_portal: bool = False
) -> DecisionCatalog:
    """Publish the catalog, only after the Party committee agreed (决策条例第三条第三款, D2)."""
    _may_keep_catalog(actor, catalog.unit)
    if catalog.state == CatalogState.PUBLISHED:
        raise ValidationError("该目录已公布。")
    if catalog.state != CatalogState.PARTY_AGREED or catalog.party_agreed_on is None:
        raise ValidationError(
            "决策事项目录须经同级党委同意后向社会公布（《重大行政决策程序暂行条例》第三条第三款，D2）。"
        )
    if on < catalog.party_agreed_on:
        raise ValidationError(
            {
                "published_on": "公布日期不能早于党委同意日期（《重大行政决策程序暂行条例》第三条第三款）。"
            }
        )
    if not url and not on_portal:
        raise ValidationError({"publication_url": "请填写公布网址，或选择在本平台公开栏目公布。"})
    catalog.published_on = on
    catalog.publication_url = url
    catalog.on_portal = on_portal
    catalog.state = CatalogState.PUBLISHED
    catalog.full_clean()
    catalog.save()
    return catalog


# ---- decisions --------------------------------------------------------------------------------


@transaction.atomic
def decision_initiate(
    *,
    actor,
    title: str,
    category: str,
    lead_unit,
    year: int,
    unit=None,
    catalog_item: CatalogItem | None = None,
    description: str = "",
    public_participation_required: bool = True,
    hearing_required: bool = False,
    is_technical: bool = False,
    affects_stability: bool = False,
    affects_market: bool = False,
) -> MajorDecision:
    if lead_unit is None:
        raise ValidationError(
            {"lead_unit": "决策事项须明确承办单位（《重大行政决策程序暂行条例》第十一条，D4）。"}
        )
    decision = MajorDecision(
        unit=unit or actor.unit,
        title=title.strip(),
        year=year,
        category=category,
        lead_unit=lead_unit,
        catalog_item=catalog_item,
        description=description,
        public_participation_required=public_participation_required,
        hearing_required=hearing_required,
        is_technical=is_technical,
        affects_stability=affects_stability,
        affects_market=affects_market,
    )
    _require(may_edit(actor, decision))
    _require(scope_verdict(decision))
    decision.full_clean()
    decision.save()
    return decision


def _step_errors(decision: MajorDecision, step: DecisionStep) -> dict:
    """The statutory conditions of each step (D5, D6, D8, D9, D17)."""
    errors: dict[str, str] = {}
    if step.kind == StepKind.PUBLIC_PARTICIPATION:
        if step.started_on is None:
            errors["started_on"] = "请填写征求意见开始日期。"
        elif not step.shortened_reason.strip():
            latest = max(
                (compute_due(rule, step.started_on) for rule in conf.public_comment_rules()),
                key=lambda due: due.due_date,
            )
            if step.completed_on < latest.due_date:
                errors["completed_on"] = (
                    f"公开征求意见期不足：{latest.explanation}。缩短期限的须说明理由"
                    "（《重大行政决策程序暂行条例》第十五条，D5、D7）。"
                )
    elif step.kind == StepKind.HEARING:
        if step.materials_sent_on is None:
            errors["materials_sent_on"] = (
                "请填写听证材料送达日期（《重大行政决策程序暂行条例》第十六条第三款）。"
            )
        else:
            due = compute_due("decisions.hearing_notice", step.materials_sent_on)
            hearing_day = step.started_on or step.completed_on
            if hearing_day < due.due_date:
                errors["materials_sent_on"] = (
                    f"听证会材料应当于召开听证会7日前送达听证参加人：{due.explanation}"
                    "（《重大行政决策程序暂行条例》第十六条第三款）。"
                )
    elif step.kind == StepKind.EXPERT_REVIEW:
        if not step.participants.strip():
            errors["participants"] = "请填写参加论证的专家。"
        if not step.conflict_declared:
            errors["conflict_declared"] = (
                "参加论证的专家应当与决策事项无直接利害关系，须有声明（决策条例第二十条，D8）。"
            )
    elif step.kind == StepKind.RISK_ASSESSMENT and step.risk_controllable is None:
        errors["risk_controllable"] = "风险评估报告须明确风险是否可控（决策条例第二十三条，D9）。"
    elif step.kind == StepKind.POST_EVALUATION and step.evaluator_did_pre_assessment:
        errors["evaluator_did_pre_assessment"] = (
            "承担决策前主要评估工作的单位不得作为后评估的第三方（决策条例第三十六条，D17）。"
        )
    return errors


SYSTEM_STEPS = (StepKind.LEGALITY_REVIEW, StepKind.COLLECTIVE_DISCUSSION)
AFTER_DECISION_STEPS = (StepKind.IMPLEMENTATION_REPORT, StepKind.POST_EVALUATION)


@transaction.atomic
def decision_record_step(
    *,
    actor,
    decision: MajorDecision,
    kind: str,
    completed_on: date,
    evidence: str,
    started_on: date | None = None,
    evidence_file=None,
    evidence_url: str = "",
    shortened_reason: str = "",
    materials_sent_on: date | None = None,
    participants: str = "",
    conflict_declared: bool = False,
    risk_controllable: bool | None = None,
    evaluator_did_pre_assessment: bool = False,
) -> DecisionStep:
    """Record a step with its evidence. Legality review and collective discussion are recorded
    by their own registers; party report and publication by their transitions."""
    _require(may_edit(actor, decision))
    if kind in SYSTEM_STEPS + (StepKind.PARTY_REPORT, StepKind.PUBLICATION):
        raise ValidationError(f"“{StepKind(kind).label}”环节由对应的办理功能自动记录。")
    if kind in AFTER_DECISION_STEPS and decision.state not in (
        DecisionState.PUBLISHED,
        DecisionState.SUSPENDED,
    ):
        raise ValidationError(
            "执行情况报告和后评估须在决策公布执行后进行（决策条例第三十四条至第三十六条）。"
        )
    if not evidence.strip():
        raise ValidationError({"evidence": "请填写佐证说明。"})
    step = DecisionStep(
        unit=decision.unit,
        decision=decision,
        kind=kind,
        started_on=started_on,
        completed_on=completed_on,
        evidence=evidence.strip(),
        evidence_file=evidence_file or "",
        evidence_url=evidence_url,
        shortened_reason=shortened_reason,
        materials_sent_on=materials_sent_on,
        participants=participants,
        conflict_declared=conflict_declared,
        risk_controllable=risk_controllable,
        evaluator_did_pre_assessment=evaluator_did_pre_assessment,
    )
    step.full_clean()
    errors = _step_errors(decision, step)
    if errors:
        raise ValidationError(errors)
    step.save()
    return step


@transaction.atomic
def decision_submit_for_review(
    *,
    actor,
    decision: MajorDecision,
    submitted_on: date,
    draft: str,
    legal_basis: str,
    procedure_statement: str,
):
    """Send the draft to legality review with the L2 materials (决策条例第二十六条), once the
    steps forming it are done (第二十七条第二项; setting `steps_before_legality_review`)."""
    WORKFLOW.require("submit_for_review", actor, decision)
    _require(formation_verdict(decision, submitted_on))
    WORKFLOW.apply("submit_for_review", actor, decision)
    decision.save(update_fields=["state"])
    materials = [
        {"kind": MaterialKind.DRAFT, "title": f"{decision.title}（草案）", "note": draft},
        {"kind": MaterialKind.LEGAL_BASIS, "title": "法律依据", "note": legal_basis},
        {
            "kind": MaterialKind.PROCEDURE_STATEMENT,
            "title": "履行决策程序情况说明",
            "note": procedure_statement,
        },
    ]
    return review_submit(
        actor=actor,
        unit=decision.lead_unit,
        subject_type=SubjectType.MAJOR_DECISION,
        title=decision.title,
        submitted_on=submitted_on,
        materials=[m for m in materials if m["note"].strip()],
        subject=decision,
    )


def on_review_decided(review) -> None:
    decision = MajorDecision.objects.filter(pk=review.subject_id).first()
    if decision is None:
        return
    if review.passed:
        DecisionStep.objects.create(
            unit=decision.unit,
            decision=decision,
            kind=StepKind.LEGALITY_REVIEW,
            completed_on=review.opinion_issued_on,
            evidence=f"{review.number}：{review.get_outcome_display()}。{review.conclusion}",
            review=review,
        )
    if decision.state == DecisionState.LEGALITY_REVIEW:
        WORKFLOW.apply("review_passed" if review.passed else "review_failed", None, decision)
        decision.save(update_fields=["state"])


@transaction.atomic
def decision_discuss(
    *,
    actor,
    decision: MajorDecision,
    meeting,
    outcome: str,
    dissent: str = "",
    head_decision: str = "",
    departs_from_majority_reason: str = "",
):
    """Collective discussion at the executive or plenary meeting (D12), behind the L1 gate."""
    WORKFLOW.require("discuss", actor, decision)
    _require(meeting_verdict(decision, meeting))
    return agenda_item_add(
        actor=actor,
        meeting=meeting,
        kind=AgendaItemKind.MAJOR_DECISION,
        title=decision.title,
        outcome=outcome,
        presenting_unit=decision.lead_unit,
        subject=decision,
        dissent=dissent,
        head_decision=head_decision,
        departs_from_majority_reason=departs_from_majority_reason,
    )


def on_discussion_requested(decision: MajorDecision, actor, meeting=None) -> None:
    """A meeting recorder linking the decision directly is held to the same gate (L1, D11, D12)."""
    verdict = WORKFLOW.check("discuss", actor, decision)
    if verdict and meeting is not None:
        verdict = meeting_verdict(decision, meeting)
    if not verdict:
        raise ValidationError(verdict.reason, code="transition_refused")


def on_discussion_recorded(decision: MajorDecision, item) -> None:
    adopted = item.outcome in ADOPTED_OUTCOMES
    decision.state = DecisionState.DECIDED if adopted else DecisionState.NOT_ADOPTED
    decision.discussed_on = item.meeting.held_on
    decision.save(update_fields=["state", "discussed_on"])
    DecisionStep.objects.create(
        unit=decision.unit,
        decision=decision,
        kind=StepKind.COLLECTIVE_DISCUSSION,
        completed_on=item.meeting.held_on,
        evidence=f"{item.meeting}第{item.order}项议题：{item.get_outcome_display()}",
        agenda_item=item,
    )


@transaction.atomic
def decision_report_to_party(
    *, actor, decision: MajorDecision, on: date, reference: str
) -> MajorDecision:
    """向同级党委请示报告 (D13, 决策条例第三十一条)."""
    if not reference.strip():
        raise ValidationError({"evidence": "请填写请示报告的文号或会议。"})
    if decision.discussed_on and on < decision.discussed_on:
        raise ValidationError({"completed_on": "请示报告日期不能早于集体讨论日期。"})
    WORKFLOW.apply("report_to_party", actor, decision)
    decision.save(update_fields=["state"])
    DecisionStep.objects.create(
        unit=decision.unit,
        decision=decision,
        kind=StepKind.PARTY_REPORT,
        completed_on=on,
        evidence=reference.strip(),
    )
    return decision


@transaction.atomic
def decision_publish(
    *, actor, decision: MajorDecision, on: date, url: str = "", not_published_basis: str = ""
) -> MajorDecision:
    """公布 (D14, 决策条例第三十二条); a decision not published by law records the basis."""
    if not url and not not_published_basis.strip():
        raise ValidationError(
            {
                "evidence_url": "请填写公布网址；依法不予公开的，请填写不公开依据（《重大行政决策程序暂行条例》第三十二条）。"
            }
        )
    WORKFLOW.apply("publish", actor, decision)
    decision.not_published_basis = not_published_basis.strip()
    decision.save(update_fields=["state", "not_published_basis"])
    DecisionStep.objects.create(
        unit=decision.unit,
        decision=decision,
        kind=StepKind.PUBLICATION,
        completed_on=on,
        evidence=f"依法不予公开：{not_published_basis}" if not url else "已公布",
        evidence_url=url,
    )
    return decision


@transaction.atomic
def decision_suspend(*, actor, decision: MajorDecision, on: date, reason: str) -> MajorDecision:
    """中止执行 (D18, 决策条例第三十七条)."""
    if not reason.strip():
        raise ValidationError({"evidence": "请写明中止执行的理由。"})
    WORKFLOW.apply("suspend", actor, decision)
    decision.save(update_fields=["state"])
    return decision
