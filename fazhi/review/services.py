"""Writes of the legality review: submit, return, resubmit, advisors' opinions, decide (L1-L7).

Every write is atomic and validated; the review clock comes from `fazhi.deadlines`.
"""

from __future__ import annotations

import re
import uuid
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from fazhi.advisors.models import ServiceKind
from fazhi.advisors.services import contract_for, service_log_record
from fazhi.core.models import Unit
from fazhi.deadlines.selectors import clock_for
from fazhi.deadlines.services import clock_close, clock_pause, clock_resume, clock_start
from fazhi.review import conf, drafts, selectors
from fazhi.review.documents import opinion_docx
from fazhi.review.flagging import RuleError, compile_rule, flag_draft
from fazhi.review.models import (
    FAIR_COMPETITION_ITEMS,
    AdvisorOpinion,
    FairCompetitionReview,
    FlagKind,
    FlagRule,
    FlagStatus,
    MaterialKind,
    Outcome,
    ReviewDraft,
    ReviewFlag,
    ReviewMaterial,
    ReviewRequest,
    ReviewState,
    SubjectType,
    exploratory_reform_types,
)
from fazhi.review.signals import review_decided
from fazhi.review.workflow import WORKFLOW, may_decide, may_maintain_assist_rules, may_submit


def default_reviewer_unit(unit: Unit) -> Unit:
    """The justice bureau whose division contains the requesting unit (the nearest one)."""
    path = unit.division.path
    candidates = [
        candidate
        for candidate in Unit.objects.filter(is_justice_bureau=True, active=True).select_related(
            "division"
        )
        if path.startswith(candidate.division.path)
    ]
    if not candidates:
        raise ValidationError({"reviewer_unit": "未找到本级司法局作为审查机构，请指定审查机构。"})
    return max(candidates, key=lambda c: len(c.division.path))


def next_serial(reviewer_unit: Unit, year: int) -> int:
    Unit.objects.select_for_update().filter(pk=reviewer_unit.pk).first()
    last = ReviewRequest.objects.filter(reviewer_unit=reviewer_unit, year=year).aggregate(
        Max("serial")
    )["serial__max"]
    return (last or 0) + 1


def missing_materials(subject_type: str, kinds) -> list[str]:
    present = set(kinds)
    return [
        MaterialKind(kind).label
        for kind in conf.required_materials(subject_type)
        if kind not in present
    ]


def _clock(review):
    rule = conf.clock_rule(review.subject_type)
    return clock_for(review, rule) if rule else None


@transaction.atomic
def review_submit(
    *,
    actor,
    subject_type: str,
    title: str,
    submitted_on: date,
    materials: list[dict],
    unit: Unit | None = None,
    subject=None,
    reviewer_unit: Unit | None = None,
    counterparty: str = "",
    amount=None,
) -> ReviewRequest:
    """Submit a draft for legality review with its materials (L2) and start the review clock.

    `materials` are dicts with `kind`, `title` and optionally `file`, `note`. A submission
    lacking a required material (L2, 决策条例第二十六条第一款) is refused.
    """
    unit = unit or actor.unit
    if unit is None:
        raise ValidationError("送审单位不能为空。")
    if subject_type not in SubjectType.values:
        raise ValidationError({"subject_type": "审查对象类型无效。"})
    missing = missing_materials(subject_type, [m.get("kind") for m in materials])
    if missing:
        raise ValidationError(
            {
                "materials": "送审材料不全，缺少："
                + "、".join(missing)
                + "（《重大行政决策程序暂行条例》第二十六条第一款，L2）。"
            }
        )
    reviewer_unit = reviewer_unit or default_reviewer_unit(unit)
    review = ReviewRequest(
        unit=unit,
        reviewer_unit=reviewer_unit,
        year=submitted_on.year,
        serial=next_serial(reviewer_unit, submitted_on.year),
        subject_type=subject_type,
        title=title.strip(),
        submitted_on=submitted_on,
        submitted_by=actor if actor.pk else None,
        counterparty=counterparty,
        amount=amount,
        state=ReviewState.IN_REVIEW,
    )
    if subject is not None:
        review.subject_ct = ContentType.objects.get_for_model(type(subject))
        review.subject_id = subject.pk
    if subject_type == SubjectType.CONTRACT and not counterparty.strip():
        raise ValidationError({"counterparty": "政府合同须填写合同相对方。"})
    review.full_clean()
    review.save()
    for material in materials:
        _add_material(review, **material)
    rule = conf.clock_rule(subject_type)
    if rule:
        clock_start(
            rule_code=rule,
            trigger_date=submitted_on,
            subject=review,
            unit=reviewer_unit,
            label=f"合法性审查：{review.title}",
        )
    return review


def _add_material(review, *, kind, title, file=None, note="") -> ReviewMaterial:
    material = ReviewMaterial(
        unit=review.unit, review=review, kind=kind, title=title, note=note, file=file or ""
    )
    material.full_clean()
    material.save()
    return material


@transaction.atomic
def review_add_material(*, actor, review, kind, title, file=None, note="") -> ReviewMaterial:
    if review.state not in (ReviewState.IN_REVIEW, ReviewState.RETURNED):
        raise ValidationError("已出具意见或已撤回的审查不能再补充材料。")
    verdict = may_submit(actor, review)
    if not verdict:
        raise ValidationError(verdict.reason)
    return _add_material(review, kind=kind, title=title, file=file, note=note)


@transaction.atomic
def review_return(*, actor, review: ReviewRequest, reason: str, on: date) -> ReviewRequest:
    """退回补充 (L2): the clock pauses until the materials come back."""
    if not reason.strip():
        raise ValidationError({"returned_reason": "退回补充须写明需要补充的材料或理由。"})
    if on < review.submitted_on:
        raise ValidationError({"returned_reason": "退回日期不能早于送审日期。"})
    WORKFLOW.apply("return_for_supplement", actor, review)
    review.returned_reason = reason
    review.reviewer = review.reviewer or actor
    review.return_periods = [*review.return_periods, {"returned_on": on.isoformat()}]
    review.save(update_fields=["state", "returned_reason", "reviewer", "return_periods"])
    clock = _clock(review)
    if clock is not None:
        clock_pause(clock=clock, on=on, reason="退回补充材料")
    return review


@transaction.atomic
def review_resubmit(
    *, actor, review: ReviewRequest, on: date, materials: list[dict] = ()
) -> ReviewRequest:
    WORKFLOW.apply("resubmit", actor, review)
    for material in materials:
        _add_material(review, **material)
    missing = missing_materials(
        review.subject_type, review.materials.values_list("kind", flat=True)
    )
    if missing:
        raise ValidationError({"materials": "补充后材料仍不全，缺少：" + "、".join(missing) + "。"})
    periods = list(review.return_periods)
    if periods and "resubmitted_on" not in periods[-1]:
        if on < date.fromisoformat(periods[-1]["returned_on"]):
            raise ValidationError({"materials": "重新送审日期不能早于退回日期。"})
        periods[-1] = {**periods[-1], "resubmitted_on": on.isoformat()}
    review.return_periods = periods
    review.save(update_fields=["state", "return_periods"])
    clock = _clock(review)
    if clock is not None:
        clock_resume(clock=clock, on=on)
    return review


@transaction.atomic
def review_withdraw(*, actor, review: ReviewRequest, on: date) -> ReviewRequest:
    WORKFLOW.apply("withdraw", actor, review)
    review.save(update_fields=["state"])
    clock = _clock(review)
    if clock is not None and clock.is_open:
        clock_close(clock=clock, on=on)
    return review


@transaction.atomic
def review_request_advisor_opinion(
    *, actor, review: ReviewRequest, advisor, requested_on: date
) -> AdvisorOpinion:
    """Ask an advisor for an opinion (L5); the matter becomes visible to the advisor."""
    WORKFLOW.require("ask_advisor", actor, review)
    if requested_on < review.submitted_on:
        raise ValidationError({"requested_on": "征求意见日期不能早于送审日期。"})
    if not advisor.active:
        raise ValidationError({"advisor": "该法律顾问已不在册。"})
    opinion = AdvisorOpinion(
        unit=review.unit, review=review, advisor=advisor, requested_on=requested_on
    )
    opinion.full_clean()
    opinion.save()
    return opinion


@transaction.atomic
def advisor_opinion_record(
    *, actor, opinion: AdvisorOpinion, given_on: date, text: str
) -> AdvisorOpinion:
    """Record the advisor's opinion, by the reviewer or by the advisor; it enters the service log."""
    review = opinion.review
    own = getattr(getattr(actor, "legal_advisor", None), "pk", None) == opinion.advisor_id
    if not own:
        WORKFLOW.require("ask_advisor", actor, review)
    elif review.state not in (ReviewState.IN_REVIEW, ReviewState.RETURNED):
        raise ValidationError("该审查已出具意见，不能再提交法律顾问意见。")
    if not text.strip():
        raise ValidationError({"opinion": "法律顾问意见不能为空。"})
    opinion.given_on = given_on
    opinion.opinion = text.strip()
    opinion.full_clean()
    opinion.save(update_fields=["given_on", "opinion"])
    service_log_record(
        actor=actor,
        advisor=opinion.advisor,
        unit=review.reviewer_unit,
        served_on=given_on,
        kind=ServiceKind.REVIEW,
        summary=f"对“{review.title}”出具合法性审查法律意见",
        contract=contract_for(opinion.advisor, [review.reviewer_unit, review.unit], given_on),
        matter=review,
    )
    return opinion


def _decision_errors(review: ReviewRequest, outcome: str) -> dict:
    errors: dict[str, str] = {}
    parts = [
        ("authority", "主体与权限"),
        ("procedure", "程序"),
        ("content", "内容"),
    ]
    for field, label in parts:
        if (
            getattr(review, f"{field}_ok") is None
            or not getattr(review, f"{field}_opinion").strip()
        ):
            errors[f"{field}_opinion"] = (
                f"审查意见须包括{label}方面的结论和意见（《重大行政决策程序暂行条例》第二十七条，L4）。"
            )
    if outcome in (Outcome.APPROVED, Outcome.APPROVED_WITH_CHANGES) and not (
        review.authority_ok and review.procedure_ok and review.content_ok
    ):
        errors["outcome"] = "主体、程序、内容任一方面不合法的，不能作出同意的结论。"
    if (
        review.subject_type == SubjectType.NORMATIVE_DOCUMENT
        and outcome in (Outcome.APPROVED, Outcome.APPROVED_WITH_CHANGES)
        and not review.n3_confirmed
    ):
        errors["n3_confirmed"] = (
            "规范性文件不得违法设定许可、处罚、强制、收费等事项，审核时须逐项确认"
            "（《湖南省规范性文件管理办法》第六条，N3）。"
        )
    if (
        review.subject_type == SubjectType.ENFORCEMENT_DECISION
        and not review.reviewer_legally_qualified
    ):
        errors["reviewer_legally_qualified"] = (
            "初次从事法制审核的人员须取得法律职业资格（《行政处罚法》第五十八条，L6）。"
        )
    if (
        conf.advisor_opinion_required(review.subject_type)
        and not review.advisor_opinions.given().exists()
    ):
        errors["advisor_opinions"] = (
            "重大行政决策的合法性审查应当组织法律顾问、公职律师提出意见，尚无法律顾问意见"
            "（《重大行政决策程序暂行条例》第二十八条，L5）。"
        )
    if review.exploratory_reform and review.subject_type not in exploratory_reform_types():
        errors["exploratory_reform"] = (
            "明示法律风险后提交讨论，仅适用于国家尚无明确规定的探索性改革重大行政决策事项"
            "（《重大行政决策程序暂行条例》第二十五条第二款）；其他事项经审查不合法的，不得提交讨论、"
            "不得印发或公布。"
        )
    elif review.exploratory_reform and not review.risk_disclosure.strip():
        errors["risk_disclosure"] = (
            "探索性改革事项须明示法律风险（《重大行政决策程序暂行条例》第二十五条第二款）。"
        )
    if outcome == Outcome.APPROVED_WITH_CHANGES and not review.conclusion.strip():
        errors["conclusion"] = "修改后同意的，须写明修改意见。"
    return errors


@transaction.atomic
def review_decide(
    *,
    actor,
    review: ReviewRequest,
    outcome: str,
    on: date,
    authority_ok: bool | None,
    authority_opinion: str,
    procedure_ok: bool | None,
    procedure_opinion: str,
    content_ok: bool | None,
    content_opinion: str,
    conclusion: str = "",
    n3_confirmed: bool = False,
    exploratory_reform: bool = False,
    risk_disclosure: str = "",
    reviewer_legally_qualified: bool = False,
) -> ReviewRequest:
    """Issue the three-part opinion (L4) with its outcome; closes the review clock.

    Outcome `returned` is the 退回补充 path (`review_return`).
    """
    if outcome == Outcome.RETURNED:
        return review_return(actor=actor, review=review, reason=conclusion, on=on)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": "审查结论无效。"})
    if on < review.submitted_on:
        raise ValidationError({"opinion_issued_on": "出具意见日期不能早于送审日期。"})
    WORKFLOW.require("decide", actor, review)
    review.authority_ok, review.authority_opinion = authority_ok, authority_opinion.strip()
    review.procedure_ok, review.procedure_opinion = procedure_ok, procedure_opinion.strip()
    review.content_ok, review.content_opinion = content_ok, content_opinion.strip()
    review.conclusion = conclusion.strip()
    review.n3_confirmed = n3_confirmed
    review.exploratory_reform = exploratory_reform
    review.risk_disclosure = risk_disclosure.strip()
    review.reviewer_legally_qualified = reviewer_legally_qualified
    errors = _decision_errors(review, outcome)
    if errors:
        raise ValidationError(errors)
    WORKFLOW.apply("decide", actor, review)
    review.outcome = outcome
    review.opinion_issued_on = on
    review.reviewer = review.reviewer or actor
    review.full_clean()
    review.save()
    clock = _clock(review)
    if clock is not None and clock.is_open:
        clock_close(clock=clock, on=on)
    review_decided.send(sender=ReviewRequest, review=review, actor=actor)
    return review


# --- assisted review of drafts (issue 20) -----------------------------------------------------

OPEN_STATES = (ReviewState.IN_REVIEW, ReviewState.RETURNED)
KIND_ITEMS = {FlagKind.UNEQUAL: "8.4"}


def _require_reviewer(actor, review) -> None:
    """Only the reviewing body works on the assisted review, while the review is open."""
    WORKFLOW.require("ask_advisor", actor, review)


def _parse(data: bytes | None, text: str) -> tuple[str, list]:
    if data is not None:
        text, clauses = drafts.parse_docx(data)
    else:
        clauses = drafts.parse_text(text or "")
        text = "\n".join(c.text for c in clauses)
    return text, clauses


def touches_market(text: str, findings) -> bool:
    """A draft touches market activity when a competition or unequal-treatment rule fired or it
    speaks of enterprises, markets, procurement, subsidies or prices (conf)."""
    if any(f.kind in (FlagKind.COMPETITION, FlagKind.UNEQUAL) for f in findings):
        return True
    return re.search(conf.assist_market_terms(), text) is not None


def _prefilled_answers(findings) -> dict:
    answers: dict[str, dict] = {}
    for finding in findings:
        code = (finding.rule.fair_competition_item if finding.rule else "") or KIND_ITEMS.get(
            finding.kind, ""
        )
        if finding.kind not in (FlagKind.COMPETITION, FlagKind.UNEQUAL) or code not in (
            FAIR_COMPETITION_ITEMS
        ):
            continue
        entry = answers.setdefault(code, {"involved": True, "prefilled": True, "note": ""})
        line = f"{finding.clause_ref}：{finding.matched}"
        entry["note"] = f"{entry['note']}；{line}" if entry["note"] else line
    return answers


@transaction.atomic
def draft_analyse(
    *, actor, review: ReviewRequest, data: bytes | None = None, file_name: str = "", text: str = ""
) -> ReviewDraft:
    """Read the draft (.docx, or pasted text), number its clauses and flag them with the office's
    rules; for a draft touching market activity, generate the 公平竞争审查 checklist pre-filled
    from the flags (《公平竞争审查条例》第八条至第十一条). A bad file is refused, nothing written."""
    _require_reviewer(actor, review)
    if review.state not in OPEN_STATES:
        raise ValidationError("该审查已出具意见或已撤回，不能再上传送审稿。")
    if data is None and not (text or "").strip():
        raise ValidationError("请上传送审稿（.docx）或粘贴正文。")
    body, clauses = _parse(data, text)
    rules, repealed = selectors.assist_rules()
    findings = flag_draft(
        clauses,
        rules,
        repealed,
        document_checks=conf.assist_document_checks(review.subject_type),
    )
    draft = ReviewDraft.objects.create(
        unit=review.unit,
        review=review,
        file_name=(file_name or "")[:255],
        text=body,
        clauses=[c.as_dict() for c in clauses],
        analysed_by=actor if actor.pk else None,
    )
    ReviewFlag.objects.bulk_create(
        [
            ReviewFlag(
                unit=review.unit,
                review=review,
                draft=draft,
                clause_index=f.clause_index,
                clause_ref=f.clause_ref[:64],
                clause_text=f.clause_text,
                matched=f.matched[:255],
                kind=f.kind,
                rule_id=f.rule.id if f.rule else None,
                rule_version=f.rule.version if f.rule else None,
                repealed_law_id=f.repealed.id if f.repealed else None,
                article=f.article[:255],
                explanation=f.explanation,
            )
            for f in findings
        ]
    )
    if touches_market(body, findings):
        FairCompetitionReview.objects.update_or_create(
            review=review,
            defaults={
                "unit": review.unit,
                "answers": _prefilled_answers(findings),
                "confirmed": False,
                "updated_by": actor if actor.pk else None,
            },
        )
    return draft


def _open_flag(actor, flag: ReviewFlag) -> None:
    _require_reviewer(actor, flag.review)
    if flag.review.state not in OPEN_STATES:
        raise ValidationError("该审查已出具意见或已撤回，不能再处理提示。")
    if flag.draft_id != getattr(selectors.current_draft(flag.review), "pk", None):
        raise ValidationError("该提示属于旧版送审稿，请在最新上传的送审稿上处理。")


@transaction.atomic
def flag_accept(*, actor, flag: ReviewFlag) -> ReviewFlag:
    """Accept a point: it goes into the 意见书 with its clause and article."""
    flag = ReviewFlag.objects.select_for_update().get(pk=flag.pk)
    _open_flag(actor, flag)
    flag.status, flag.reason = FlagStatus.ACCEPTED, ""
    flag.decided_by, flag.decided_at = actor, timezone.now()
    flag.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    return flag


@transaction.atomic
def flag_dismiss(*, actor, flag: ReviewFlag, reason: str) -> ReviewFlag:
    """Dismiss a point with the reason (it counts against the rule's precision)."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "排除提示须写明理由（例如：该条系引用上位法规定）。"})
    flag = ReviewFlag.objects.select_for_update().get(pk=flag.pk)
    _open_flag(actor, flag)
    flag.status, flag.reason = FlagStatus.DISMISSED, reason.strip()
    flag.decided_by, flag.decided_at = actor, timezone.now()
    flag.full_clean()
    flag.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    return flag


@transaction.atomic
def flag_add(
    *,
    actor,
    draft: ReviewDraft,
    clause_index: int | None,
    kind: str,
    article: str,
    explanation: str,
) -> ReviewFlag:
    """A point the reviewer found without a rule; accepted at once."""
    review = draft.review
    _require_reviewer(actor, review)
    if review.state not in OPEN_STATES:
        raise ValidationError("该审查已出具意见或已撤回，不能再添加审查意见。")
    if draft.pk != getattr(selectors.current_draft(review), "pk", None):
        raise ValidationError("请在最新上传的送审稿上添加审查意见。")
    if kind not in FlagKind.values:
        raise ValidationError({"kind": "问题类型无效。"})
    clause = None
    if clause_index is not None:
        clause = next((c for c in draft.clauses if c["index"] == clause_index), None)
        if clause is None:
            raise ValidationError({"clause_index": "送审稿中没有该条款。"})
    if not article.strip() or not explanation.strip():
        raise ValidationError("请写明依据条文和审查意见。")
    flag = ReviewFlag(
        unit=review.unit,
        review=review,
        draft=draft,
        clause_index=clause_index,
        clause_ref=clause["ref"][:64] if clause else "全文",
        clause_text=clause["text"] if clause else "",
        kind=kind,
        article=article.strip()[:255],
        explanation=explanation.strip(),
        manual=True,
        status=FlagStatus.ACCEPTED,
        decided_by=actor,
        decided_at=timezone.now(),
    )
    flag.full_clean()
    flag.save()
    return flag


@transaction.atomic
def fair_competition_save(
    *, actor, review: ReviewRequest, answers: dict[str, dict], conclusion: str
) -> FairCompetitionReview:
    """The reviewer confirms the 公平竞争审查 checklist item by item (条例第八条至第十一条)."""
    _require_reviewer(actor, review)
    unknown = set(answers) - set(FAIR_COMPETITION_ITEMS)
    if unknown:
        raise ValidationError("公平竞争审查表中有无法识别的审查事项。")
    involved = [code for code, a in answers.items() if a.get("involved")]
    missing_notes = [
        FAIR_COMPETITION_ITEMS[code][1] for code in involved if not answers[code].get("note")
    ]
    if missing_notes:
        raise ValidationError(
            "勾选“涉及”的事项须写明涉及的条款：" + "、".join(missing_notes) + "。"
        )
    if not conclusion.strip():
        raise ValidationError({"conclusion": "请填写公平竞争审查结论。"})
    form, _ = FairCompetitionReview.objects.get_or_create(
        review=review, defaults={"unit": review.unit}
    )
    form.answers = {
        code: {
            "involved": bool(answers.get(code, {}).get("involved")),
            "note": (answers.get(code, {}).get("note") or "").strip(),
        }
        for code in FAIR_COMPETITION_ITEMS
    }
    form.conclusion = conclusion.strip()
    form.confirmed = True
    form.updated_by = actor
    form.full_clean()
    form.save()
    return form


def opinion_generate(*, actor, review: ReviewRequest, today: date | None = None) -> bytes:
    """合法性审查意见书 (.docx) with the accepted points; the reviewing body only."""
    verdict = may_decide(actor, review)
    if not verdict:
        raise ValidationError(verdict.reason)
    if selectors.current_draft(review) is None:
        raise ValidationError("尚未上传送审稿，无法生成审查意见书。")
    return opinion_docx(
        review,
        selectors.accepted_flags(review),
        fair_competition=selectors.fair_competition_rows(review),
        today=today or timezone.localdate(),
    )


@transaction.atomic
def flag_rule_save(*, actor, rule: FlagRule, changed: bool) -> FlagRule:
    """Save a rule the office edited: its patterns must compile; each change is a new version
    (the history keeps every earlier one)."""
    verdict = may_maintain_assist_rules(actor)
    if not verdict:
        raise ValidationError(verdict.reason)
    try:
        compile_rule(rule)
    except RuleError as exc:
        raise ValidationError(str(exc)) from exc
    if not rule.code:  # a rule the office adds gets an internal code it never sees
        rule.code = f"{rule.kind}-{uuid.uuid4().hex[:8]}"
    if rule.pk and changed:
        rule.version = (
            (FlagRule.objects.filter(pk=rule.pk).values_list("version", flat=True)[0]) + 1
        )
    rule.updated_by = actor
    rule.full_clean()
    rule.save()
    return rule
