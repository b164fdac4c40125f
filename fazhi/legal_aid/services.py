"""Writes of the legal aid register: register an application or a notification, the steps of
the case (through `WORKFLOW.step`), quality checks, subsidy rates, consultations, templates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, Q

from fazhi.core.audit import record_access_event
from fazhi.core.models import AccessEventKind, Role, Unit
from fazhi.deadlines.services import clock_start
from fazhi.legal_aid import deadlines as rules
from fazhi.legal_aid.conf import case_prefix, urgent_window_days
from fazhi.legal_aid.documents import validate_template
from fazhi.legal_aid.models import (
    MEANS_TEST_FREE_MATTERS,
    AidCase,
    CaseEvent,
    CaseState,
    Category,
    Channel,
    Consultation,
    DocumentTemplate,
    Matter,
    MeansTest,
    Objection,
    Origin,
    QualityCheck,
    Referral,
    SubsidyRate,
)
from fazhi.legal_aid.personal import birth_date_of, validate_phone, validate_resident_id
from fazhi.legal_aid.workflow import ART_MEANS, ART_NOTIFICATION, WORKFLOW, _handles


def _require_staff(actor) -> None:
    if actor is None or not (
        actor.is_superuser or actor.has_role(Role.CLERK, Role.UNIT_HEAD, Role.OFFICE_STAFF)
    ):
        raise ValidationError("当前账号无权办理法律援助事项。")


def _unit_for(actor, unit: Unit | None) -> Unit:
    unit = unit or getattr(actor, "unit", None)
    if unit is None:
        raise ValidationError("请选择受理的法律援助机构。")
    return unit


def _next_serial(unit: Unit, year: int) -> int:
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    last = AidCase.objects.filter(unit=unit, year=year).aggregate(Max("serial"))["serial__max"]
    return (last or 0) + 1


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _means(origin: str, matter: str, means_test: str, exemption_reason: str) -> str:
    """A1/A2: notifications and the matters of 第三十二条 skip the means test; an exemption
    (第四十二条) names its reason."""
    if origin == Origin.NOTIFICATION or matter in MEANS_TEST_FREE_MATTERS:
        return MeansTest.NOT_REQUIRED
    if means_test == MeansTest.EXEMPT and not exemption_reason:
        raise ValidationError(
            {"exemption_reason": f"免予核查经济困难状况须选择法定事由（{ART_MEANS}）。"}
        )
    if means_test == MeansTest.NOT_REQUIRED:
        raise ValidationError(
            {
                "means_test": "只有《法律援助法》第三十二条所列事项或办案机关通知的案件不受经济困难条件限制。"
            }
        )
    return means_test


def _validate_intake(origin, channel, category, criminal_stage, notifying_organ, data) -> None:
    if origin == Origin.NOTIFICATION:
        if not notifying_organ:
            raise ValidationError({"notifying_organ": f"请填写通知机关（{ART_NOTIFICATION}）。"})
        if category not in (Category.CRIMINAL, Category.LEGAL_HELP):
            raise ValidationError({"category": "办案机关通知的只能是刑事案件或法律帮助。"})
    elif channel == Channel.NOTIFICATION:
        raise ValidationError({"channel": "当事人申请的案件不能选择“办案机关通知”。"})
    if channel == Channel.DETENTION and not data.get("detention_submitted_on"):
        raise ValidationError(
            {
                "detention_submitted_on": "羁押场所转交的申请须填写向羁押场所提出申请的日期（《法律援助法》第三十九条）。"
            }
        )
    if category == Category.CRIMINAL and not criminal_stage:
        raise ValidationError({"criminal_stage": "刑事案件须选择诉讼阶段。"})


@transaction.atomic
def case_register(
    *,
    actor,
    origin: str,
    channel: str,
    category: str,
    matter: str,
    summary: str,
    received_on: date,
    applicant_name: str,
    applicant_gender: str,
    applicant_id_number: str = "",
    applicant_phone: str = "",
    applicant_address: str = "",
    criminal_stage: str = "",
    notifying_organ: str = "",
    organ_found_on: date | None = None,
    detention_submitted_on: date | None = None,
    means_test: str = MeansTest.PENDING,
    exemption_reason: str = "",
    means_note: str = "",
    limitation_due_on: date | None = None,
    unit: Unit | None = None,
) -> AidCase:
    """Register an application (审查 clock, 第四十三条) or a criminal notification (指派 clock,
    第三十六条). Urgency (第四十四条) is flagged when the limitation is under 7 days away."""
    _require_staff(actor)
    unit = _unit_for(actor, unit)
    if origin == Origin.NOTIFICATION:
        channel = Channel.NOTIFICATION
    _validate_intake(
        origin,
        channel,
        category,
        criminal_stage,
        notifying_organ,
        {"detention_submitted_on": detention_submitted_on},
    )
    id_number = validate_resident_id(
        applicant_id_number,
        field="applicant_id_number",
        required=origin == Origin.APPLICATION,
    )
    birth = birth_date_of(id_number)
    year = received_on.year
    case = AidCase(
        unit=unit,
        year=year,
        serial=_next_serial(unit, year),
        origin=origin,
        channel=channel,
        notifying_organ=notifying_organ if origin == Origin.NOTIFICATION else "",
        organ_found_on=organ_found_on,
        detention_submitted_on=detention_submitted_on,
        category=category,
        criminal_stage=criminal_stage
        if category in (Category.CRIMINAL, Category.LEGAL_HELP)
        else "",
        matter=matter,
        summary=(summary or "").strip(),
        received_on=received_on,
        applicant_name=(applicant_name or "").strip(),
        applicant_gender=applicant_gender,
        applicant_id_number=id_number,
        applicant_phone=validate_phone(applicant_phone, field="applicant_phone"),
        applicant_address=(applicant_address or "").strip(),
        applicant_is_minor=bool(birth and _age_on(birth, received_on) < 18),
        means_test=_means(origin, matter, means_test, exemption_reason),
        exemption_reason=exemption_reason if means_test == MeansTest.EXEMPT else "",
        means_note=means_note,
        limitation_due_on=limitation_due_on,
        urgent=bool(
            limitation_due_on and (limitation_due_on - received_on).days < urgent_window_days()
        ),
        updated_by=actor if getattr(actor, "pk", None) else None,
    )
    case.number = f"{case_prefix()}〔{year}〕{case.serial}号"
    if origin == Origin.NOTIFICATION:
        case.state = CaseState.GRANTED
        case.decided_on = case.granted_on = received_on
    case.full_clean()
    case.save()
    rule = rules.NOTIFICATION_ASSIGNMENT if case.is_notification else rules.REVIEW
    clock_start(
        rule_code=rule,
        trigger_date=received_on,
        subject=case,
        unit=unit,
        owner=actor if getattr(actor, "pk", None) else None,
        label=f"{case.number} " + ("指派期限" if case.is_notification else "审查期限"),
        actor=actor,
    )
    text = (
        f"收到{case.get_notifying_organ_display()}通知，三日内指派（{ART_NOTIFICATION}）"
        if case.is_notification
        else f"收到法律援助申请（{case.get_channel_display()}）"
    )
    if case.urgent:
        text += "；关联时效届满不足七日，列为紧急案件"
    CaseEvent.objects.create(
        case=case,
        kind="register",
        text=text,
        on=received_on,
        actor=actor if getattr(actor, "pk", None) else None,
        citation=ART_NOTIFICATION if case.is_notification else "《法律援助法》第四十三条",
    )
    record_access_event(
        None, AccessEventKind.CREATE, user=actor if getattr(actor, "pk", None) else None, obj=case
    )
    return case


def case_request_correction(*, actor, case, on: date, items: str, expected_version=None):
    """一次性告知补正 (第四十三条第二款): the review clock stops until the items arrive."""
    return WORKFLOW.step(
        "request_correction",
        case,
        actor=actor,
        expected_version=expected_version,
        on=on,
        items=(items or "").strip(),
    )


def case_complete(*, actor, case, on: date, expected_version=None):
    return WORKFLOW.step("complete", case, actor=actor, expected_version=expected_version, on=on)


def case_deem_withdrawn(*, actor, case, on: date, expected_version=None):
    return WORKFLOW.step(
        "deem_withdrawn", case, actor=actor, expected_version=expected_version, on=on
    )


def case_record_means_test(*, actor, case, means_test: str, exemption_reason="", note=""):
    """Record the means test result (第四十一条) or the exemption (第四十二条) before deciding."""
    _require_staff(actor)
    if case.state not in (CaseState.RECEIVED, CaseState.INCOMPLETE):
        raise ValidationError("已作出决定的案件不能再修改经济困难审查结果。")
    verdict = _handles(actor, case)
    if not verdict:
        raise ValidationError(verdict.reason)
    value = _means(case.origin, case.matter, means_test, exemption_reason)
    with transaction.atomic():
        fresh = AidCase.objects.select_for_update().get(pk=case.pk)
        fresh.means_test = value
        fresh.exemption_reason = exemption_reason if value == MeansTest.EXEMPT else ""
        fresh.means_note = note or fresh.means_note
        fresh.version += 1
        fresh.updated_by = actor if getattr(actor, "pk", None) else None
        fresh.save()
    return fresh


def case_grant(*, actor, case, on: date, expected_version=None):
    """给予法律援助 (第四十三条第一款): the review clock stops, the 3-day assignment clock starts."""
    return WORKFLOW.step("grant", case, actor=actor, expected_version=expected_version, on=on)


def case_refuse(*, actor, case, on: date, reason: str, expected_version=None):
    """不予法律援助, with written reasons (第四十三条第一款) and the objection route (第四十九条)."""
    return WORKFLOW.step(
        "refuse",
        case,
        actor=actor,
        expected_version=expected_version,
        on=on,
        reason=(reason or "").strip(),
    )


def case_object(*, actor, case, on: date, text: str, expected_version=None):
    """异议 to the 司法行政部门, decided within 5 days (第四十九条)."""
    return WORKFLOW.step(
        "object",
        case,
        actor=actor,
        expected_version=expected_version,
        on=on,
        text=(text or "").strip(),
    )


def case_decide_objection(*, actor, case, on: date, corrected: bool, expected_version=None):
    verb = "correct" if corrected else "uphold"
    result = Objection.CORRECTED if corrected else Objection.UPHELD
    return WORKFLOW.step(
        verb,
        case,
        actor=actor,
        expected_version=expected_version,
        changes={"objection_result": result},
        on=on,
    )


def case_assign(
    *,
    actor,
    case,
    on: date,
    provider_kind: str,
    provider_name: str,
    provider_org: str = "",
    expected_version=None,
):
    """指派 within 3 days of the grant (第四十三条) or of the notification (第三十六条)."""
    return WORKFLOW.step(
        "assign",
        case,
        actor=actor,
        expected_version=expected_version,
        on=on,
        provider_kind=provider_kind,
        provider_name=(provider_name or "").strip(),
        provider_org=(provider_org or "").strip(),
    )


def case_give_urgent_aid(*, actor, case, on: date, expected_version=None):
    """先行提供法律援助 (第四十四条)."""
    return WORKFLOW.step("urgent_aid", case, actor=actor, expected_version=expected_version, on=on)


def subsidy_for(case: AidCase, on: date) -> Decimal:
    """The 办案补贴 of `case` by the unit's rate table in force on `on` (a stage-specific rate
    before the category's general one)."""
    rates = SubsidyRate.objects.filter(
        unit=case.unit, category=case.category, effective_from__lte=on
    ).filter(Q(criminal_stage=case.criminal_stage) | Q(criminal_stage=""))
    rate = rates.order_by("-criminal_stage", "-effective_from").first()
    if rate is None:
        raise ValidationError(
            f"尚未设置“{case.get_category_display()}”案件的办案补贴标准，请先在“办案补贴标准”中设置。"
        )
    return rate.amount


def case_close(
    *,
    actor,
    case,
    on: date,
    result: str,
    report: str,
    documents_submitted: bool,
    expected_version=None,
):
    """结案 (第五十条): closing report and documents; the subsidy comes from the rate table."""
    return WORKFLOW.step(
        "close",
        case,
        actor=actor,
        expected_version=expected_version,
        changes={"subsidy": subsidy_for(case, on)},
        on=on,
        result=result,
        report=(report or "").strip(),
        documents_submitted=bool(documents_submitted),
    )


def case_terminate(*, actor, case, on: date, ground: str, expected_version=None):
    """终止 (第四十八条)."""
    return WORKFLOW.step(
        "terminate", case, actor=actor, expected_version=expected_version, on=on, ground=ground
    )


@transaction.atomic
def quality_check_record(
    *, actor, case: AidCase, kind: str, checked_on: date, passed: bool, note: str = ""
) -> QualityCheck:
    """A quality check of a handled case (第五十九条: 庭审旁听、案卷检查、征询意见、回访)."""
    _require_staff(actor)
    verdict = _handles(actor, case)
    if not verdict:
        raise ValidationError(verdict.reason)
    if case.assigned_on is None:
        raise ValidationError("案件尚未指派承办人，不能进行质量检查。")
    if checked_on < case.assigned_on:
        raise ValidationError({"checked_on": "检查日期不能早于指派日期。"})
    check = QualityCheck(
        case=case,
        kind=kind,
        checked_on=checked_on,
        passed=passed,
        note=note,
        checker=actor if getattr(actor, "pk", None) else None,
    )
    check.full_clean()
    check.save()
    CaseEvent.objects.create(
        case=case,
        kind="quality_check",
        text=f"{check.get_kind_display()}：{'合格' if passed else '不合格'}",
        on=checked_on,
        actor=check.checker,
        citation="《法律援助法》第五十九条",
    )
    return check


@transaction.atomic
def subsidy_rate_set(
    *,
    actor,
    category: str,
    amount: Decimal,
    effective_from: date,
    criminal_stage: str = "",
    unit: Unit | None = None,
) -> SubsidyRate:
    _require_staff(actor)
    rate = SubsidyRate(
        unit=_unit_for(actor, unit),
        category=category,
        criminal_stage=criminal_stage,
        amount=amount,
        effective_from=effective_from,
    )
    rate.full_clean()
    rate.save()
    return rate


@transaction.atomic
def consultation_record(
    *,
    actor,
    consulted_on: date,
    channel: str,
    topic: str = Matter.OTHER,
    summary: str = "",
    referral: str = Referral.NONE,
    unit: Unit | None = None,
) -> Consultation:
    """One visit or call (fast entry: one line each)."""
    _require_staff(actor)
    entry = Consultation(
        unit=_unit_for(actor, unit),
        consulted_on=consulted_on,
        channel=channel,
        topic=topic,
        summary=(summary or "").strip(),
        referral=referral,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def consultation_tally_record(
    *,
    actor,
    consulted_on: date,
    channel: str,
    persons: int,
    topic: str = Matter.OTHER,
    summary: str = "",
    unit: Unit | None = None,
) -> Consultation:
    """One line of the daily tally: the persons of one day, channel and topic."""
    _require_staff(actor)
    entry = Consultation(
        unit=_unit_for(actor, unit),
        consulted_on=consulted_on,
        channel=channel,
        topic=topic or Matter.OTHER,
        persons=persons,
        summary=(summary or "").strip(),
        tally=True,
        recorded_by=actor if getattr(actor, "pk", None) else None,
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def template_upload(*, actor, kind: str, data: bytes, unit: Unit | None = None):
    """Replace the shipped template of `kind` by the aid body's own .docx (placeholders checked)."""
    _require_staff(actor)
    unit = _unit_for(actor, unit)
    validate_template(data)
    DocumentTemplate.objects.filter(unit=unit, kind=kind, active=True).update(active=False)
    template = DocumentTemplate(unit=unit, kind=kind)
    template.file.save(f"{kind}.docx", ContentFile(data), save=False)
    template.full_clean()
    template.save()
    return template
