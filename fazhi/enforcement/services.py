"""Writes of the enforcement register: `<entity>_<action>(*, actor, ...)`. Steps run through the
step tables of `workflow.py`; creating services validate once and save. Every refusal is a
Chinese `ValidationError` that names the article where a statute forbids the step."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum

from fazhi.core.audit import record_access_event
from fazhi.core.crypto import blind_index
from fazhi.core.models import AccessEventKind, Unit
from fazhi.deadlines.services import compute_due
from fazhi.enforcement import conf, queries
from fazhi.enforcement.access import forget_supervisor, may_supervise
from fazhi.enforcement.models import (
    ID_PURPOSE,
    CampaignState,
    Certificate,
    CertificateBatch,
    CertificateState,
    CertificateStep,
    Deduction,
    DeductionState,
    EnforcementCase,
    ExamRegistration,
    ExamSitting,
    Grade,
    Officer,
    OfficerStatus,
    PersonType,
    RectificationNotice,
    Removal,
    RemovalCampaign,
    RemovalReason,
    ReviewCampaign,
    ScoreSheet,
    ScoringItem,
    ScoringTemplate,
    StatusChange,
    StatusChangeKind,
    Supervisor,
    TrainingAttendance,
    TrainingSession,
)
from fazhi.enforcement.rules import case_flags, certificate_valid_until
from fazhi.enforcement.workflow import (
    BATCH_WORKFLOW,
    CAMPAIGN_WORKFLOW,
    CERTIFICATE_WORKFLOW,
    MANAGEMENT_RULES,
    NOTICE_WORKFLOW,
    SHEET_WORKFLOW,
)

RECTIFICATION_RULE = "enforcement.rectification"


def _require_supervisor(actor) -> None:
    if not may_supervise(actor):
        raise ValidationError("只有司法局执法监督人员或依法治区办工作人员可以办理此事项。")


def _require_own_unit(actor, unit) -> None:
    if may_supervise(actor) or actor.is_superuser:
        return
    if actor.unit_id != getattr(unit, "pk", None):
        raise ValidationError("只能登记本单位的记录。")


def _save(obj):
    obj.full_clean()
    obj.save()
    return obj


def _created(actor, obj) -> None:
    record_access_event(None, AccessEventKind.CREATE, user=actor, obj=obj)


# --- supervisors -----------------------------------------------------------------------------


@transaction.atomic
def supervisor_designate(*, actor, user, on: date) -> Supervisor:
    """Name a justice-bureau account 执法监督人员 (it then sees every unit of the district)."""
    if not (actor.is_superuser or actor.has_role("office_staff")):
        raise ValidationError("只有依法治区办工作人员可以指定执法监督人员。")
    if user.unit is None or not user.unit.is_justice_bureau:
        raise ValidationError("执法监督人员须为司法局的工作人员。")
    supervisor, _ = Supervisor.objects.update_or_create(
        user=user, defaults={"active": True, "granted_on": on, "granted_by": actor}
    )
    forget_supervisor(user)
    return supervisor


# --- officers --------------------------------------------------------------------------------


@transaction.atomic
def officer_register(
    *,
    actor,
    unit: Unit,
    name: str,
    id_number: str,
    joined_on: date,
    person_type: str = PersonType.OFFICER,
    on_roll: bool = True,
    position: str = "",
    legal_qualification: bool = False,
    domains: str = "",
) -> Officer:
    """Register a person of the unit's enforcement staff (E3, E5)."""
    _require_own_unit(actor, unit)
    id_number = (id_number or "").strip().upper()
    if len(id_number) != 18 or not (id_number[:17].isdigit() and id_number[17] in "0123456789X"):
        raise ValidationError({"id_number": "身份证号码应为18位（最后一位可为X）。"})
    if Officer.objects.filter(id_number_index=blind_index(id_number, ID_PURPOSE)).exists():
        raise ValidationError({"id_number": "该身份证号码的人员已登记。"})
    officer = _save(
        Officer(
            unit=unit,
            name=name.strip(),
            id_number=id_number,
            person_type=person_type,
            on_roll=on_roll,
            position=position,
            legal_qualification=legal_qualification,
            domains=domains,
            joined_on=joined_on,
        )
    )
    StatusChange.objects.create(
        officer=officer, kind=StatusChangeKind.JOINED, on=joined_on, to_unit=unit, actor=actor
    )
    _created(actor, officer)
    return officer


@transaction.atomic
def officer_transfer(
    *, actor, officer: Officer, to_unit: Unit, on: date, note: str = ""
) -> Officer:
    """A transfer to another unit; the officer's certificates follow the holder."""
    _require_supervisor(actor)
    if to_unit.pk == officer.unit_id:
        raise ValidationError({"to_unit": "调入单位与原单位相同。"})
    from_unit = officer.unit
    officer.unit = to_unit
    officer.save(update_fields=["unit"])
    officer.certificates.update(unit=to_unit)
    StatusChange.objects.create(
        officer=officer,
        kind=StatusChangeKind.TRANSFERRED,
        on=on,
        from_unit=from_unit,
        to_unit=to_unit,
        note=note,
        actor=actor,
    )
    return officer


@transaction.atomic
def officer_leave(*, actor, officer: Officer, on: date, note: str = "") -> Officer:
    """The officer left the unit (调离、离职、退休)."""
    _require_own_unit(actor, officer.unit)
    officer.status = OfficerStatus.LEFT
    officer.on_roll = False
    officer.save(update_fields=["status", "on_roll"])
    StatusChange.objects.create(
        officer=officer,
        kind=StatusChangeKind.LEFT,
        on=on,
        from_unit=officer.unit,
        note=note,
        actor=actor,
    )
    return officer


@transaction.atomic
def officer_mark_off_roll(*, actor, officer: Officer, on: date, note: str = "") -> Officer:
    """The officer is no longer 在编在岗 (借调、长期病休、转岗非执法岗位…)."""
    _require_own_unit(actor, officer.unit)
    officer.on_roll = False
    officer.save(update_fields=["on_roll"])
    StatusChange.objects.create(
        officer=officer, kind=StatusChangeKind.OFF_ROLL, on=on, note=note, actor=actor
    )
    return officer


# --- exams -----------------------------------------------------------------------------------


@transaction.atomic
def sitting_create(
    *, actor, unit: Unit, name: str, held_on: date, organiser: str = "湖南省司法厅"
) -> ExamSitting:
    _require_supervisor(actor)
    sitting = _save(ExamSitting(unit=unit, name=name.strip(), held_on=held_on, organiser=organiser))
    _created(actor, sitting)
    return sitting


@transaction.atomic
def exam_register(
    *, actor, sitting: ExamSitting, officer: Officer, reason: str, on: date
) -> ExamRegistration:
    """A unit sends a candidate (E4): 执法人员 only; auxiliary staff do not sit the exam (E3)."""
    _require_own_unit(actor, officer.unit)
    if officer.person_type != PersonType.OFFICER:
        raise ValidationError(
            f"行政执法辅助人员不参加行政执法资格考试（{MANAGEMENT_RULES}第二条）。"
        )
    if officer.status != OfficerStatus.ACTIVE or not officer.on_roll:
        raise ValidationError(
            f"{officer.name}不是在编在岗人员，不能报名行政执法资格考试（{MANAGEMENT_RULES}第二条）。"
        )
    if on > sitting.held_on:
        raise ValidationError({"registered_on": "报名日期不能晚于考试日期。"})
    registration = _save(
        ExamRegistration(
            unit=officer.unit, sitting=sitting, officer=officer, reason=reason, registered_on=on
        )
    )
    return registration


@transaction.atomic
def exam_result_record(
    *, actor, registration: ExamRegistration, score: Decimal, passed: bool, on: date
) -> ExamRegistration:
    """The organiser's result for one candidate."""
    _require_supervisor(actor)
    if on < registration.sitting.held_on:
        raise ValidationError({"result_recorded_on": "成绩登记日期不能早于考试日期。"})
    if score < 0 or score > 100:
        raise ValidationError({"score": "成绩应在0至100分之间。"})
    registration.score = score
    registration.passed = passed
    registration.result_recorded_on = on
    return _save(registration)


# --- certificates ----------------------------------------------------------------------------


@transaction.atomic
def batch_create(
    *, actor, unit: Unit, title: str, sent_to: str = "衡阳市司法局"
) -> CertificateBatch:
    _require_supervisor(actor)
    batch = _save(CertificateBatch(unit=unit, title=title, sent_to=sent_to))
    _created(actor, batch)
    return batch


@transaction.atomic
def certificate_apply(
    *, actor, officer: Officer, exam: ExamRegistration, batch: CertificateBatch, on: date
) -> Certificate:
    """Put a candidate who passed into a batch sent up for certificates (E4)."""
    _require_supervisor(actor)
    if officer.person_type != PersonType.OFFICER:
        raise ValidationError(f"行政执法辅助人员不得申领行政执法证（{MANAGEMENT_RULES}第二条）。")
    if exam.officer_id != officer.pk or not exam.passed:
        raise ValidationError(f"申领执法证须经行政执法资格考试合格（{MANAGEMENT_RULES}）。")
    if batch.state != "draft":
        raise ValidationError("该批次已上报，不能再加入申领人员。")
    if officer.certificates.filter(state=CertificateState.APPLYING).exists():
        raise ValidationError(f"{officer.name}已有申领中的执法证。")
    certificate = _save(
        Certificate(unit=officer.unit, officer=officer, exam=exam, batch=batch, applied_on=on)
    )
    CertificateStep.objects.create(
        certificate=certificate,
        verb="apply",
        text=f"{on:%Y年%m月%d日}申领执法证，纳入批次“{batch.title}”",
        on=on,
        actor=actor,
    )
    return certificate


@transaction.atomic
def certificate_record_existing(
    *, actor, officer: Officer, number: str, issued_on: date, valid_until: date | None = None
) -> Certificate:
    """Register a certificate issued before the platform (历史证件登记); its validity is the
    configured period from the issue date unless the certificate states otherwise (E4)."""
    _require_supervisor(actor)
    if officer.person_type != PersonType.OFFICER:
        raise ValidationError(f"行政执法辅助人员不得持有行政执法证（{MANAGEMENT_RULES}第二条）。")
    number = (number or "").strip()
    if Certificate.objects.filter(number=number).exists():
        raise ValidationError(
            {"number": f"执法证号{number}已登记给其他人员，同一证号不得重复发放。"}
        )
    certificate = _save(
        Certificate(
            unit=officer.unit,
            officer=officer,
            number=number,
            state=CertificateState.VALID,
            applied_on=issued_on,
            issued_on=issued_on,
            valid_until=valid_until or certificate_valid_until(issued_on),
        )
    )
    CertificateStep.objects.create(
        certificate=certificate,
        verb="record",
        text=f"登记平台启用前发放的执法证，{issued_on:%Y年%m月%d日}发证",
        on=issued_on,
        actor=actor,
    )
    return certificate


def batch_send(*, actor, batch: CertificateBatch, on: date, expected_version=None):
    """逐级上报: the batch goes up (区司法局 → 市司法局 → 省司法厅)."""
    return BATCH_WORKFLOW.step("send", batch, actor=actor, expected_version=expected_version, on=on)


def batch_mark_returned(*, actor, batch: CertificateBatch, on: date, expected_version=None):
    return BATCH_WORKFLOW.step(
        "mark_returned", batch, actor=actor, expected_version=expected_version, on=on
    )


def certificate_issue(
    *, actor, certificate: Certificate, number: str, on: date, expected_version=None
) -> Certificate:
    """Record the number that came back and the validity (E4, default 5 years)."""
    number = (number or "").strip()
    if not number:
        raise ValidationError({"number": "请填写执法证号。"})
    return CERTIFICATE_WORKFLOW.step(
        "issue",
        certificate,
        actor=actor,
        expected_version=expected_version,
        changes={"valid_until": certificate_valid_until(on)},
        on=on,
        number=number,
    )


def certificate_suspend(*, actor, certificate, on: date, reason: str, expected_version=None):
    return CERTIFICATE_WORKFLOW.step(
        "suspend", certificate, actor=actor, expected_version=expected_version, on=on, reason=reason
    )


def certificate_reinstate(*, actor, certificate, on: date, expected_version=None):
    return CERTIFICATE_WORKFLOW.step(
        "reinstate", certificate, actor=actor, expected_version=expected_version, on=on
    )


def certificate_revoke(*, actor, certificate, on: date, reason: str, expected_version=None):
    """注销: the certificate is withdrawn on `on` for `reason`."""
    return CERTIFICATE_WORKFLOW.step(
        "revoke", certificate, actor=actor, expected_version=expected_version, on=on, reason=reason
    )


# --- removal (清理) --------------------------------------------------------------------------


@transaction.atomic
def removal_campaign_create(*, actor, unit: Unit, title: str, started_on: date) -> RemovalCampaign:
    _require_supervisor(actor)
    campaign = _save(RemovalCampaign(unit=unit, title=title, started_on=started_on))
    _created(actor, campaign)
    return campaign


def _removal_ground(officer: Officer, reason: str, on: date) -> None:
    if reason == RemovalReason.LEFT and officer.status != OfficerStatus.LEFT:
        raise ValidationError({"reason": f"{officer.name}未登记调离或离职，不能以此理由清理。"})
    if reason == RemovalReason.OFF_ROLL and officer.on_roll:
        raise ValidationError({"reason": f"{officer.name}登记为在编在岗，不能以此理由清理。"})
    if (
        reason == RemovalReason.EXPIRED
        and Certificate.objects.valid_on(on).filter(officer=officer).exists()
    ):
        raise ValidationError({"reason": f"{officer.name}持有有效执法证，不能以证件过期为由清理。"})


@transaction.atomic
def officer_remove(
    *, actor, campaign: RemovalCampaign, officer: Officer, reason: str, on: date, note: str = ""
) -> Removal:
    """清理: the officer leaves the enforcement staff and every certificate is withdrawn."""
    _require_supervisor(actor)
    if officer.status == OfficerStatus.REMOVED:
        raise ValidationError(f"{officer.name}已被清理。")
    if on < campaign.started_on:
        raise ValidationError({"removed_on": "清理日期不能早于本次清理开始日期。"})
    _removal_ground(officer, reason, on)
    removal = _save(
        Removal(
            unit=officer.unit,
            campaign=campaign,
            officer=officer,
            reason=reason,
            removed_on=on,
            note=note,
        )
    )
    label = RemovalReason(reason).label
    for certificate in officer.certificates.exclude(state=CertificateState.REVOKED):
        certificate_revoke(actor=actor, certificate=certificate, on=on, reason=f"清理：{label}")
    officer.status = OfficerStatus.REMOVED
    officer.on_roll = False
    officer.save(update_fields=["status", "on_roll"])
    StatusChange.objects.create(
        officer=officer, kind=StatusChangeKind.REMOVED, on=on, note=label, actor=actor
    )
    return removal


# --- training --------------------------------------------------------------------------------


@transaction.atomic
def training_session_create(
    *,
    actor,
    unit: Unit,
    title: str,
    held_on: date,
    topic: str,
    hours: Decimal | None = None,
    target_units=(),
    selection_note: str = "",
) -> TrainingSession:
    _require_supervisor(actor)
    session = _save(
        TrainingSession(
            unit=unit,
            title=title,
            held_on=held_on,
            topic=topic,
            hours=conf.setting("default_session_hours") if hours is None else hours,
            selection_note=selection_note,
        )
    )
    session.target_units.set(target_units)
    _created(actor, session)
    return session


@transaction.atomic
def attendance_record(*, actor, session: TrainingSession, officers) -> int:
    """Sign-in of officers at a session; each counts the session's hours (E6)."""
    _require_supervisor(actor)
    targets = set(session.target_units.values_list("pk", flat=True))
    created = 0
    for officer in officers:
        if targets and officer.unit_id not in targets:
            raise ValidationError(f"{officer.name}所在单位{officer.unit}不在本期参训单位范围内。")
        if officer.status != OfficerStatus.ACTIVE:
            raise ValidationError(f"{officer.name}已不在执法岗位，不能签到。")
        _save(
            TrainingAttendance(
                unit=officer.unit, session=session, officer=officer, hours=session.hours
            )
        )
        created += 1
    return created


# --- the case ledger -------------------------------------------------------------------------


def _check_case_officers(unit: Unit, officers: list[Officer]) -> None:
    strangers = [o.name for o in officers if o.unit_id != unit.pk]
    if strangers:
        raise ValidationError({"officers": f"{'、'.join(strangers)}不是本单位执法人员。"})


@transaction.atomic
def case_register(*, actor, unit: Unit, officers: list[Officer], **facts) -> EnforcementCase:
    """Enter a closed case in the ledger. Impossible dates are refused; what the law forbids
    (one officer, a late decision…) is stored and flagged (`rules.case_flags`) for review."""
    _require_own_unit(actor, unit)
    _check_case_officers(unit, officers)
    case = EnforcementCase(unit=unit, **facts)
    _check_case_dates(case)
    _save(case)
    case.officers.set(officers)
    return case


def _check_case_dates(case: EnforcementCase) -> None:
    errors = {}
    if case.filed_on and case.decided_on and case.decided_on < case.filed_on:
        errors["decided_on"] = "决定日期早于立案（受理）日期，请核对。"
    for field in ("notice_served_on", "legal_review_on", "discussion_on"):
        value = getattr(case, field)
        if value and case.filed_on and value < case.filed_on:
            label = EnforcementCase._meta.get_field(field).verbose_name
            errors[field] = f"{label}早于立案（受理）日期，请核对。"
    if case.served_on and case.decided_on and case.served_on < case.decided_on:
        errors["served_on"] = "送达日期早于决定日期，请核对。"
    if errors:
        raise ValidationError(errors)


# --- case-file review ------------------------------------------------------------------------


@transaction.atomic
def template_default(*, actor=None) -> ScoringTemplate:
    """The platform's first score sheet (C2, configurable: `conf.DEFAULT_TEMPLATE`)."""
    spec = conf.DEFAULT_TEMPLATE
    template, created = ScoringTemplate.objects.get_or_create(
        name=spec["name"],
        defaults={
            key: spec[key] for key in ("full_score", "excellent_from", "good_from", "pass_from")
        },
    )
    if created:
        for order, (dimension, text, points, veto, check) in enumerate(spec["items"]):
            ScoringItem.objects.create(
                template=template,
                dimension=dimension,
                text=text,
                points=points,
                veto=veto,
                auto_check=check,
                order=order,
            )
    return template


@transaction.atomic
def campaign_create(
    *,
    actor,
    unit: Unit,
    title: str,
    held_on: date,
    window_start: date,
    window_end: date,
    units,
    seed: str,
    sample_size: int | None = None,
    procedure: str = "ordinary",
    include_licences: bool = True,
    include_penalties: bool = True,
    template: ScoringTemplate | None = None,
) -> ReviewCampaign:
    """A case-file review campaign (C1): window, kinds, units, sample size, seed."""
    _require_supervisor(actor)
    if not (include_licences or include_penalties):
        raise ValidationError("请至少选择一类案件（行政许可或行政处罚）。")
    campaign = _save(
        ReviewCampaign(
            unit=unit,
            title=title,
            held_on=held_on,
            window_start=window_start,
            window_end=window_end,
            procedure=procedure,
            include_licences=include_licences,
            include_penalties=include_penalties,
            sample_size=sample_size or conf.setting("review_sample_size"),
            seed=str(seed),
            template=template or template_default(actor=actor),
        )
    )
    units = list(units)
    if not units:
        raise ValidationError({"units": "请选择被评查单位。"})
    campaign.units.set(units)
    _created(actor, campaign)
    return campaign


def _prefill(sheet: ScoreSheet, items_by_check: dict) -> None:
    """C3: the automatic deductions from the ledger facts, each citing its article."""
    for flag in case_flags(sheet.case):
        item = items_by_check.get(flag.check)
        if item is None:
            continue
        Deduction.objects.create(
            sheet=sheet,
            item=item,
            points=item.points,
            automatic=True,
            auto_check=flag.check,
            citation=flag.citation,
            reason=flag.message,
        )


def _draw(context) -> None:
    campaign = context.obj
    items = {i.auto_check: i for i in campaign.template.items.exclude(auto_check="")}
    for unit, cases in queries.draw_sample(campaign).items():
        for order, case in enumerate(cases, start=1):
            sheet = ScoreSheet.objects.create(
                unit=unit, campaign=campaign, case=case, draw_order=order
            )
            _prefill(sheet, items)


def campaign_draw(*, actor, campaign: ReviewCampaign, expected_version=None) -> ReviewCampaign:
    """随机抽取案卷 and open one score sheet per file with its automatic deductions."""
    return CAMPAIGN_WORKFLOW.step(
        "draw", campaign, actor=actor, expected_version=expected_version, effect=_draw
    )


def campaign_close(*, actor, campaign: ReviewCampaign, expected_version=None) -> ReviewCampaign:
    return CAMPAIGN_WORKFLOW.step("close", campaign, actor=actor, expected_version=expected_version)


def _open_sheet(deduction: Deduction) -> ScoreSheet:
    sheet = deduction.sheet
    if sheet.state != "pending" or sheet.campaign.state != CampaignState.REVIEWING:
        raise ValidationError("该评查表已评定或评查已结束，扣分不能再修改。")
    return sheet


@transaction.atomic
def deduction_confirm(*, actor, deduction: Deduction, on: date) -> Deduction:
    """The reviewer confirms an automatic deduction."""
    _require_supervisor(actor)
    deduction = Deduction.objects.select_for_update().get(pk=deduction.pk)
    _open_sheet(deduction)
    deduction.state = DeductionState.CONFIRMED
    deduction.decided_by = actor
    deduction.decided_on = on
    deduction.save()
    return deduction


@transaction.atomic
def deduction_override(*, actor, deduction: Deduction, reason: str, on: date) -> Deduction:
    """The reviewer sets an automatic deduction aside, saying why (the file shows otherwise)."""
    _require_supervisor(actor)
    if not (reason or "").strip():
        raise ValidationError({"override_reason": "撤销系统预扣须写明理由。"})
    deduction = Deduction.objects.select_for_update().get(pk=deduction.pk)
    _open_sheet(deduction)
    deduction.state = DeductionState.OVERRIDDEN
    deduction.override_reason = reason.strip()
    deduction.decided_by = actor
    deduction.decided_on = on
    deduction.save()
    return deduction


@transaction.atomic
def deduction_add(
    *, actor, sheet: ScoreSheet, item: ScoringItem, points: Decimal, reason: str, on: date
) -> Deduction:
    """A deduction the reviewer finds in the file (confirmed when entered)."""
    _require_supervisor(actor)
    if item.template_id != sheet.campaign.template_id:
        raise ValidationError({"item": "该评查项目不属于本次评查标准。"})
    if points <= 0 or points > item.points:
        raise ValidationError({"points": f"扣分应大于0且不超过该项分值{item.points}分。"})
    if not (reason or "").strip():
        raise ValidationError({"reason": "请写明扣分理由。"})
    deduction = Deduction(
        sheet=sheet,
        item=item,
        points=points,
        reason=reason.strip(),
        state=DeductionState.CONFIRMED,
        decided_by=actor,
        decided_on=on,
    )
    _open_sheet(deduction)
    deduction.save()
    return deduction


def sheet_result(sheet: ScoreSheet) -> tuple[Decimal, str]:
    """Score = full score − confirmed deductions (an item loses at most its points); a
    confirmed deduction on a veto item fails the file (C2)."""
    template = sheet.campaign.template
    confirmed = sheet.deductions.filter(state=DeductionState.CONFIRMED)
    lost = Decimal(0)
    for row in confirmed.values("item_id", "item__points").annotate(total=Sum("points")):
        lost += min(row["total"], row["item__points"])
    score = max(template.full_score - lost, Decimal(0))
    if confirmed.filter(item__veto=True).exists() or score < template.pass_from:
        return score, Grade.FAIL
    if score >= template.excellent_from:
        return score, Grade.EXCELLENT
    if score >= template.good_from:
        return score, Grade.GOOD
    return score, Grade.PASS


def sheet_score(*, actor, sheet: ScoreSheet, on: date, expected_version=None) -> ScoreSheet:
    """评定: the score and grade once every automatic deduction was confirmed or set aside."""
    score, grade = sheet_result(sheet)
    return SHEET_WORKFLOW.step(
        "score",
        sheet,
        actor=actor,
        expected_version=expected_version,
        changes={"score": score, "grade": grade, "reviewer": actor},
        on=on,
    )


@transaction.atomic
def notice_issue(
    *, actor, campaign: ReviewCampaign, unit: Unit, issued_on: date, content: str
) -> RectificationNotice:
    """整改通知 to a reviewed unit; the period is a configurable rule (U)."""
    _require_supervisor(actor)
    if not campaign.units.filter(pk=unit.pk).exists():
        raise ValidationError({"unit": "该单位不在本次评查范围内。"})
    notice = _save(
        RectificationNotice(
            unit=unit,
            campaign=campaign,
            issued_on=issued_on,
            due_on=compute_due(RECTIFICATION_RULE, issued_on).due_date,
            content=content,
        )
    )
    _created(actor, notice)
    return notice


def notice_reply(*, actor, notice, on: date, reply: str, expected_version=None):
    if not (reply or "").strip():
        raise ValidationError({"reply": "请填写整改情况。"})
    return NOTICE_WORKFLOW.step(
        "reply", notice, actor=actor, expected_version=expected_version, on=on, reply=reply
    )


def notice_close(*, actor, notice, on: date, expected_version=None):
    return NOTICE_WORKFLOW.step(
        "close", notice, actor=actor, expected_version=expected_version, on=on
    )
