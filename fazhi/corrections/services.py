"""Writes of community corrections: register a subject (K1 timeliness, the K2 report-in clock),
the lifecycle steps (through `WORKFLOW.step`), the 矫正小组 (K4), leave and move approvals
(K5), loss of contact (K6), electronic tagging (K7), proposals (K8), training, cross-review,
competitions."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from fazhi.core.audit import record_access_event
from fazhi.core.models import AccessEventKind, Role, Unit
from fazhi.core.sensitivity import Sensitivity, is_cleared
from fazhi.corrections import deadlines as rules
from fazhi.corrections.conf import township_leave_max_days
from fazhi.corrections.models import (
    ApprovalLevel,
    Competition,
    CompetitionEntry,
    ContactLoss,
    CrossReview,
    Decision,
    Enrolment,
    Gender,
    Movement,
    MovementKind,
    Proposal,
    ReviewedFile,
    Subject,
    SubjectState,
    SubjectTimeline,
    Tagging,
    TeamMember,
    TrainingClass,
)
from fazhi.corrections.workflow import (
    ART_LOST,
    ART_MOVEMENT,
    ART_TAGGING,
    ART_TEAM,
    CHECKLIST,
    WORKFLOW,
    handles,
)
from fazhi.deadlines.selectors import clock_for
from fazhi.deadlines.services import clock_close, clock_start, compute_due
from fazhi.legal_aid.personal import birth_date_of, validate_phone, validate_resident_id


def _actor(actor):
    return actor if getattr(actor, "pk", None) else None


def _require_staff(actor) -> None:
    if actor is None or not (
        actor.is_superuser or actor.has_role(Role.CLERK, Role.UNIT_HEAD, Role.OFFICE_STAFF)
    ):
        raise ValidationError("当前账号无权办理社区矫正事项。")


def _check(verdict) -> None:
    if not verdict:
        raise ValidationError(verdict.reason)


def _event(subject, kind: str, text: str, on, actor, citation: str = "") -> None:
    SubjectTimeline.objects.create(
        subject=subject, kind=kind, text=text, on=on, actor=_actor(actor), citation=citation
    )


def _age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _next_serial(unit: Unit, year: int) -> int:
    Unit.objects.select_for_update().filter(pk=unit.pk).first()
    last = Subject.objects.filter(unit=unit, year=year).aggregate(Max("serial"))["serial__max"]
    return (last or 0) + 1


@transaction.atomic
def subject_register(
    *,
    actor,
    name: str,
    gender: str,
    id_number: str,
    address: str,
    crime: str,
    sentence_kind: str,
    deciding_organ: str,
    effective_on: date,
    term_start: date,
    term_end: date,
    phone: str = "",
    notified_on: date | None = None,
    documents_received_on: date | None = None,
    unit: Unit | None = None,
) -> Subject:
    """Register a subject from the deciding organ's notice. The label is 敏感, or 未成年人身份信息
    for a minor (G3); the actor must be cleared for it. K1: a notice later than 5 days or
    documents later than 10 days after the judgment took effect are flagged (第二十条). K2: the
    10-day report-in clock starts (第二十一条)."""
    _require_staff(actor)
    unit = unit or actor.unit
    number = validate_resident_id(id_number, field="id_number")
    birth = birth_date_of(number)
    minor = _age_on(birth, effective_on) < 18
    label = Sensitivity.MINOR if minor else Sensitivity.SENSITIVE
    if not is_cleared(actor, label):
        raise ValidationError(
            f"您没有“{Sensitivity(label).label}”安全标记的授权，不能登记该矫正对象。"
        )
    for key, value in (("name", name), ("address", address), ("crime", crime)):
        if not (value or "").strip():
            raise ValidationError({key: "该项为必填项。"})
    notice_due = compute_due(rules.NOTICE, effective_on).due_date
    documents_due = compute_due(rules.DOCUMENTS, effective_on).due_date
    year = effective_on.year
    subject = Subject(
        unit=unit,
        year=year,
        serial=_next_serial(unit, year),
        sensitivity=label,
        name=name.strip(),
        gender=gender,
        id_number=number,
        phone=validate_phone(phone, field="phone"),
        address=address.strip(),
        crime=crime.strip(),
        is_minor=minor,
        sentence_kind=sentence_kind,
        deciding_organ=(deciding_organ or "").strip(),
        effective_on=effective_on,
        notified_on=notified_on,
        documents_received_on=documents_received_on,
        notice_late=bool(notified_on and notified_on > notice_due),
        documents_late=bool(documents_received_on and documents_received_on > documents_due),
        term_start=term_start,
        term_end=term_end,
        updated_by=_actor(actor),
    )
    subject.number = f"矫〔{year}〕{subject.serial}号"
    subject.full_clean()
    subject.save()
    clock_start(
        rule_code=rules.REPORT_IN,
        trigger_date=effective_on,
        subject=subject,
        unit=unit,
        owner=_actor(actor),
        label=f"{subject.number} 报到期限",
        actor=actor,
    )
    _event(
        subject,
        "register",
        "收到决定机关的法律文书，登记矫正对象",
        effective_on,
        actor,
        "《社区矫正法》第二十条",
    )
    record_access_event(None, AccessEventKind.CREATE, user=_actor(actor), obj=subject)
    return subject


def subject_report_in(*, actor, subject: Subject, on: date, expected_version=None) -> Subject:
    """报到 (K2, 第二十一条): closes the 10-day clock (missed when late)."""
    return WORKFLOW.step(
        "report_in", subject, actor=actor, expected_version=expected_version, on=on
    )


def subject_receive(*, actor, subject: Subject, on: date, expected_version=None, **checklist):
    """接收 (K3, 第二十二条): all five items of the checklist."""
    facts = {key: bool(checklist.get(key)) for key in CHECKLIST}
    return WORKFLOW.step(
        "receive", subject, actor=actor, expected_version=expected_version, on=on, **facts
    )


@transaction.atomic
def team_set(
    *, actor, subject: Subject, members: list[dict], plan: str, on: date
) -> list[TeamMember]:
    """The 矫正方案 (第二十四条) and the 矫正小组 (第二十五条): a female subject's team includes a
    woman. Refused before anything is written."""
    _require_staff(actor)
    _check(handles(actor, subject))
    if subject.state not in (SubjectState.UNDER_CORRECTION, SubjectState.REPORTED):
        raise ValidationError("只有已报到、在矫的矫正对象可以确定矫正小组。")
    if not members:
        raise ValidationError({"members": f"矫正小组至少须有一名成员（{ART_TEAM}）。"})
    if not (plan or "").strip():
        raise ValidationError({"plan": "请制定矫正方案（《社区矫正法》第二十四条）。"})
    if subject.gender == Gender.FEMALE and not any(
        m.get("gender") == Gender.FEMALE for m in members
    ):
        raise ValidationError(
            {"members": f"社区矫正对象为女性的，矫正小组中应有女性成员（{ART_TEAM}）。"}
        )
    built = [
        TeamMember(
            subject=subject,
            name=(m.get("name") or "").strip(),
            gender=m.get("gender"),
            role=m.get("role"),
        )
        for m in members
    ]
    for index, member in enumerate(built, start=1):
        try:
            member.full_clean(exclude=["subject"])
        except ValidationError:
            raise ValidationError({"members": f"第{index}名成员信息不完整。"}) from None
    subject.team.all().delete()
    for member in built:
        member.save()
    fresh = Subject.objects.select_for_update().get(pk=subject.pk)
    fresh.plan = plan.strip()
    fresh.team_confirmed_on = on
    fresh.save(update_fields=["plan", "team_confirmed_on"])
    _event(subject, "team", f"确定矫正方案和矫正小组（{len(built)}人）", on, actor, ART_TEAM)
    return built


def required_level(kind: str, start: date, end: date | None) -> str:
    """K5: moves and leaves over the threshold go to the district body (setting, status U)."""
    if kind == MovementKind.MOVE or end is None:
        return ApprovalLevel.COUNTY
    days = (end - start).days + 1
    return ApprovalLevel.TOWNSHIP if days <= township_leave_max_days() else ApprovalLevel.COUNTY


@transaction.atomic
def movement_request(
    *,
    actor,
    subject: Subject,
    kind: str,
    requested_on: date,
    start: date,
    destination: str,
    reason: str,
    end: date | None = None,
) -> Movement:
    _require_staff(actor)
    _check(handles(actor, subject))
    if subject.state != SubjectState.UNDER_CORRECTION:
        raise ValidationError("只有在矫的矫正对象可以申请外出或变更执行地。")
    if kind == MovementKind.LEAVE and (end is None or end < start):
        raise ValidationError({"end": "外出须填写不早于起始日期的截止日期。"})
    movement = Movement(
        subject=subject,
        kind=kind,
        requested_on=requested_on,
        start=start,
        end=end,
        destination=(destination or "").strip(),
        reason=(reason or "").strip(),
        required_level=required_level(kind, start, end),
    )
    movement.full_clean()
    movement.save()
    return movement


@transaction.atomic
def movement_decide(*, actor, movement: Movement, approve: bool, level: str, on: date) -> Movement:
    """Approve or refuse (第二十七条): only the body with the required authority decides."""
    _require_staff(actor)
    _check(handles(actor, movement.subject))
    if movement.decision != Decision.PENDING:
        raise ValidationError("该申请已审批。")
    if level != movement.required_level and level == ApprovalLevel.TOWNSHIP:
        raise ValidationError(
            f"该事项须由{ApprovalLevel(movement.required_level).label}审批（{ART_MOVEMENT}；"
            f"外出超过{township_leave_max_days()}日或变更执行地报区（县）社区矫正机构）。"
        )
    movement.decision = Decision.APPROVED if approve else Decision.REFUSED
    movement.decided_on = on
    movement.decided_level = level
    movement.save(update_fields=["decision", "decided_on", "decided_level"])
    verdict = "批准" if approve else "不批准"
    _event(
        movement.subject,
        "movement",
        f"{movement.get_kind_display()}：{verdict}",
        on,
        actor,
        ART_MOVEMENT,
    )
    return movement


@transaction.atomic
def contact_lost(*, actor, subject: Subject, on: date, measures: str) -> ContactLoss:
    """K6 (第三十条): lost contact → search at once; the 工作台 warns until found."""
    if not (measures or "").strip():
        raise ValidationError({"measures": f"请写明已采取的查找措施（{ART_LOST}）。"})
    WORKFLOW.step("lose_contact", subject, actor=actor, on=on)
    loss = ContactLoss(subject=subject, lost_on=on, measures=measures.strip())
    loss.full_clean()
    loss.save()
    return loss


@transaction.atomic
def contact_regained(*, actor, subject: Subject, on: date) -> ContactLoss:
    loss = subject.contact_losses.filter(found_on__isnull=True).first()
    if loss is None:
        raise ValidationError("没有未结的失去联系记录。")
    if on < loss.lost_on:
        raise ValidationError({"on": "找回日期不能早于失去联系日期。"})
    WORKFLOW.step("regain_contact", subject, actor=actor, on=on)
    loss.found_on = on
    loss.save(update_fields=["found_on"])
    return loss


@transaction.atomic
def tagging_approve(
    *,
    actor,
    subject: Subject,
    ground: str,
    approver: str,
    approver_is_county_head: bool,
    approved_on: date,
    start: date,
    end: date,
) -> Tagging:
    """K7 (第二十九条): only in the listed situations, approved by the county 司法行政部门负责人,
    for at most three months at a time."""
    _require_staff(actor)
    _check(handles(actor, subject))
    if not approver_is_county_head:
        raise ValidationError(
            {"approver": f"使用电子定位装置须经县级司法行政部门负责人批准（{ART_TAGGING}）。"}
        )
    limit = compute_due(rules.TAGGING, start).due_date
    if end > limit:
        raise ValidationError(
            {
                "end": f"电子定位装置每次使用不得超过三个月（至{limit:%Y年%m月%d日}，{ART_TAGGING}）。"
            }
        )
    tagging = Tagging(
        subject=subject,
        ground=ground,
        approver=approver,
        approved_on=approved_on,
        start=start,
        end=end,
    )
    tagging.full_clean()
    tagging.save()
    _event(subject, "tagging", "批准使用电子定位装置", approved_on, actor, ART_TAGGING)
    return tagging


@transaction.atomic
def proposal_file(*, actor, subject: Subject, kind: str, proposed_on: date, organ: str) -> Proposal:
    """K8: a proposal starts the court's (or organ's) ruling period."""
    _require_staff(actor)
    _check(handles(actor, subject))
    proposal = Proposal(subject=subject, kind=kind, proposed_on=proposed_on, organ=organ)
    proposal.full_clean()
    proposal.save()
    clock_start(
        rule_code=rules.PROPOSALS[kind],
        trigger_date=proposed_on,
        subject=proposal,
        unit=subject.unit,
        owner=_actor(actor),
        label=f"{subject.number} {proposal.get_kind_display()}",
        actor=actor,
    )
    return proposal


@transaction.atomic
def proposal_decided(*, actor, proposal: Proposal, on: date, outcome: str) -> Proposal:
    _require_staff(actor)
    _check(handles(actor, proposal.subject))
    proposal.decided_on = on
    proposal.outcome = outcome
    proposal.full_clean()
    proposal.save(update_fields=["decided_on", "outcome"])
    clock = clock_for(proposal, rules.PROPOSALS[proposal.kind])
    if clock is not None and clock.is_open:
        clock_close(clock=clock, on=on)
    return proposal


def subject_release(
    *, actor, subject: Subject, on: date, notices_sent: bool, expected_version=None
):
    """解除矫正 (K9, 第四十四条)."""
    return WORKFLOW.step(
        "release",
        subject,
        actor=actor,
        expected_version=expected_version,
        on=on,
        notices_sent=bool(notices_sent),
    )


def subject_terminate(*, actor, subject: Subject, on: date, ground: str, expected_version=None):
    """终止 (K9, 第四十五条)."""
    return WORKFLOW.step(
        "terminate", subject, actor=actor, expected_version=expected_version, on=on, ground=ground
    )


@transaction.atomic
def training_open(*, actor, name: str, kind: str, started_on: date, unit: Unit | None = None):
    _require_staff(actor)
    training = TrainingClass(unit=unit or actor.unit, name=name, kind=kind, started_on=started_on)
    training.full_clean()
    training.save()
    return training


@transaction.atomic
def training_enrol(*, actor, training: TrainingClass, subjects) -> int:
    _require_staff(actor)
    _check(handles(actor, training))
    created = 0
    for subject in subjects:
        _check(handles(actor, subject))
        Enrolment.objects.create(training=training, subject=subject)
        created += 1
    return created


@transaction.atomic
def training_graduate(*, actor, training: TrainingClass, subjects, on: date) -> int:
    _require_staff(actor)
    _check(handles(actor, training))
    ids = [s.pk for s in subjects]
    count = training.enrolments.filter(subject_id__in=ids).update(graduated=True, graduated_on=on)
    if count != len(ids):
        raise ValidationError("结业学员须是本培训班的学员。")
    TrainingClass.objects.filter(pk=training.pk).update(ended_on=on)
    return count


@transaction.atomic
def cross_review_record(
    *, actor, name: str, organiser: str, held_on: date, files: list[dict], unit: Unit | None = None
) -> CrossReview:
    """A cross-review campaign and its files (each passed or failed, with the problems)."""
    _require_staff(actor)
    review = CrossReview(unit=unit or actor.unit, name=name, organiser=organiser, held_on=held_on)
    review.full_clean()
    review.save()
    for entry in files:
        if not entry.get("passed") and not (entry.get("problems") or "").strip():
            raise ValidationError({"files": "不合格案卷须写明存在的问题。"})
        ReviewedFile.objects.create(
            review=review,
            subject=entry["subject"],
            passed=bool(entry.get("passed")),
            problems=entry.get("problems") or "",
        )
    return review


@transaction.atomic
def competition_record(
    *,
    actor,
    name: str,
    organiser: str,
    held_on: date,
    entries: list[dict],
    unit: Unit | None = None,
) -> Competition:
    _require_staff(actor)
    competition = Competition(
        unit=unit or actor.unit, name=name, organiser=organiser, held_on=held_on
    )
    competition.full_clean()
    competition.save()
    for entry in entries:
        CompetitionEntry.objects.create(competition=competition, **entry)
    return competition
