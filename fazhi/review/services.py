"""Writes of the legality review: submit, return, resubmit, advisors' opinions, decide (L1-L7).

Every write is atomic and validated; the review clock comes from `fazhi.deadlines`.
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from fazhi.advisors.models import ServiceKind
from fazhi.advisors.services import contract_for, service_log_record
from fazhi.core.models import Unit
from fazhi.deadlines.selectors import clock_for
from fazhi.deadlines.services import clock_close, clock_pause, clock_resume, clock_start
from fazhi.review import conf
from fazhi.review.models import (
    AdvisorOpinion,
    MaterialKind,
    Outcome,
    ReviewMaterial,
    ReviewRequest,
    ReviewState,
    SubjectType,
    exploratory_reform_types,
)
from fazhi.review.signals import review_decided
from fazhi.review.workflow import WORKFLOW, may_submit


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
