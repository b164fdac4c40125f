"""Writes of people's mediation: committees, mediators, disputes and their parties' consent, the
steps (through `WORKFLOW.step`), sessions, follow-up, the 以案定补 table."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from fazhi.core.audit import record_access_event
from fazhi.core.models import AccessEventKind, Role, Unit
from fazhi.deadlines.services import clock_start, compute_due
from fazhi.legal_aid.personal import validate_phone, validate_resident_id
from fazhi.mediation import deadlines as rules
from fazhi.mediation.models import (
    AgreementKind,
    Committee,
    Consent,
    Dispute,
    DisputeState,
    DisputeTimeline,
    FollowUp,
    Mediator,
    Party,
    Performance,
    Session,
    SubsidyRate,
)
from fazhi.mediation.workflow import ART_CONSENT, ART_FOLLOW_UP, WORKFLOW, _handles


def _actor(actor):
    return actor if getattr(actor, "pk", None) else None


def _require_staff(actor) -> None:
    if actor is None or not (
        actor.is_superuser or actor.has_role(Role.CLERK, Role.UNIT_HEAD, Role.OFFICE_STAFF)
    ):
        raise ValidationError("当前账号无权办理人民调解事项。")


def _check(verdict) -> None:
    if not verdict:
        raise ValidationError(verdict.reason)


@transaction.atomic
def committee_register(
    *, actor, name: str, kind: str, field: str = "", established_on=None, unit: Unit | None = None
) -> Committee:
    _require_staff(actor)
    committee = Committee(
        unit=unit or actor.unit,
        name=(name or "").strip(),
        kind=kind,
        field=field,
        established_on=established_on,
    )
    committee.full_clean()
    committee.save()
    return committee


@transaction.atomic
def mediator_register(
    *,
    actor,
    committee: Committee,
    name: str,
    gender: str,
    qualification: str,
    phone: str = "",
    certificate_number: str = "",
    trained_hours: int = 0,
    last_trained_on=None,
) -> Mediator:
    _require_staff(actor)
    _check(_handles(actor, committee))
    mediator = Mediator(
        unit=committee.unit,
        committee=committee,
        name=(name or "").strip(),
        gender=gender,
        phone=validate_phone(phone, field="phone"),
        qualification=qualification,
        certificate_number=certificate_number,
        trained_hours=trained_hours,
        last_trained_on=last_trained_on,
    )
    mediator.full_clean()
    mediator.save()
    return mediator


def _next_serial(committee: Committee, year: int) -> int:
    Committee.objects.select_for_update().filter(pk=committee.pk).first()
    last = Dispute.objects.filter(committee=committee, year=year).aggregate(Max("serial"))
    return (last["serial__max"] or 0) + 1


def _party(dispute: Dispute, data: dict, index: int) -> Party:
    kind_is_person = data.get("is_person", True)
    try:
        number = (
            validate_resident_id(data.get("id_number"), field="id_number", required=False)
            if kind_is_person
            else (data.get("id_number") or "").strip()
        )
        phone = validate_phone(data.get("phone"), field="phone")
    except ValidationError as exc:
        messages = [m for ms in exc.message_dict.values() for m in ms]
        raise ValidationError({"parties": f"第{index + 1}位当事人：{messages[0]}"}) from None
    party = Party(
        dispute=dispute,
        role=data["role"],
        name=(data.get("name") or "").strip(),
        id_number=number,
        phone=phone,
        address=(data.get("address") or "").strip(),
        consent=data.get("consent") or Consent.PENDING,
        consent_on=data.get("consent_on"),
    )
    try:
        party.full_clean()
    except ValidationError:
        raise ValidationError({"parties": f"第{index + 1}位当事人信息不完整。"}) from None
    return party


@transaction.atomic
def dispute_register(
    *,
    actor,
    committee: Committee,
    dispute_type: str,
    source: str,
    summary: str,
    received_on: date,
    parties: list[dict],
    amount: Decimal = Decimal("0"),
    mediator: Mediator | None = None,
    difficulty: str = "ordinary",
) -> Dispute:
    """Register a dispute with its parties (each with consent pending, given or refused) and
    start the one-month soft period (《人民调解工作若干规定》第三十三条)."""
    _require_staff(actor)
    _check(_handles(actor, committee))
    if len(parties) < 2:
        raise ValidationError({"parties": "纠纷须登记至少两方当事人。"})
    if mediator is not None and mediator.committee_id != committee.pk:
        raise ValidationError({"mediator": "所选调解员不属于该调解委员会。"})
    year = received_on.year
    dispute = Dispute(
        unit=committee.unit,
        committee=committee,
        year=year,
        serial=_next_serial(committee, year),
        dispute_type=dispute_type,
        source=source,
        amount=amount or Decimal("0"),
        summary=(summary or "").strip(),
        received_on=received_on,
        mediator=mediator,
        difficulty=difficulty,
        updated_by=_actor(actor),
    )
    dispute.number = f"{committee.name}调〔{year}〕{dispute.serial}号"
    dispute.full_clean()
    dispute.save()
    built = [_party(dispute, data, i) for i, data in enumerate(parties)]
    for party in built:
        party.save()
    clock_start(
        rule_code=rules.CONCLUSION,
        trigger_date=received_on,
        subject=dispute,
        unit=dispute.unit,
        owner=_actor(actor),
        label=f"{dispute.number} 调解期限",
        actor=actor,
    )
    DisputeTimeline.objects.create(
        dispute=dispute,
        kind="register",
        text=f"受理纠纷（{dispute.get_source_display()}）",
        on=received_on,
        actor=_actor(actor),
        citation="《人民调解法》第十七条、第十八条",
    )
    record_access_event(None, AccessEventKind.CREATE, user=_actor(actor), obj=dispute)
    return dispute


@transaction.atomic
def party_consent(*, actor, party: Party, consent: str, on: date) -> Party:
    """A party accepts or expressly refuses mediation (M1, 第十七条; 第二十三条)."""
    _require_staff(actor)
    dispute = party.dispute
    _check(_handles(actor, dispute))
    if dispute.state != DisputeState.REGISTERED:
        raise ValidationError("调解已开始或已终结，不能再登记当事人意见。")
    if consent not in Consent.values or consent == Consent.PENDING:
        raise ValidationError({"consent": "请选择同意调解或明确拒绝调解。"})
    party.consent = consent
    party.consent_on = on
    party.save(update_fields=["consent", "consent_on"])
    DisputeTimeline.objects.create(
        dispute=dispute,
        kind="consent",
        text=f"{party.name}{party.get_consent_display()}",
        on=on,
        actor=_actor(actor),
        citation=ART_CONSENT,
    )
    return party


def dispute_start(*, actor, dispute: Dispute, on: date, expected_version=None) -> Dispute:
    """开始调解: refused when a party expressly refuses (M1, 第十七条)."""
    return WORKFLOW.step("start", dispute, actor=actor, expected_version=expected_version, on=on)


def dispute_decline(*, actor, dispute: Dispute, on: date, expected_version=None) -> Dispute:
    return WORKFLOW.step("decline", dispute, actor=actor, expected_version=expected_version, on=on)


@transaction.atomic
def session_record(
    *, actor, dispute: Dispute, held_on: date, record: str, mediator: Mediator | None = None
) -> Session:
    """The mediator records the session (M3, 第二十七条)."""
    _require_staff(actor)
    _check(_handles(actor, dispute))
    if dispute.state != DisputeState.MEDIATING:
        raise ValidationError("只有调解中的纠纷可以登记调解记录。")
    if not (record or "").strip():
        raise ValidationError({"record": "请填写调解记录（《人民调解法》第二十七条）。"})
    if dispute.started_on and held_on < dispute.started_on:
        raise ValidationError({"held_on": "调解日期不能早于开始调解日期。"})
    session = Session(
        dispute=dispute, held_on=held_on, mediator=mediator or dispute.mediator, record=record
    )
    session.full_clean()
    session.save()
    return session


def _subsidy(dispute: Dispute, on: date) -> Decimal | None:
    rate = (
        SubsidyRate.objects.filter(
            unit=dispute.unit, difficulty=dispute.difficulty, effective_from__lte=on
        )
        .order_by("-effective_from")
        .first()
    )
    return rate.amount if rate is not None else None


def dispute_agree(
    *,
    actor,
    dispute: Dispute,
    agreement_kind: str,
    facts_and_responsibility: str,
    agreed_terms: str,
    performance_method: str,
    performance_due_on: date | None,
    parties_signed_on: date | None = None,
    mediator_signed_on: date | None = None,
    committee_sealed_on: date | None = None,
    agreed_on: date | None = None,
    agreed_amount: Decimal | None = None,
    expected_version=None,
) -> Dispute:
    """达成调解协议 (M4, 第二十八条至第三十条). A written agreement takes effect when the last of
    the parties' signatures, the mediator's signature and the committee's seal is made; an oral
    one when reached. The 30-day window for judicial confirmation (第三十三条) starts then."""
    written = agreement_kind == AgreementKind.WRITTEN
    signatures = [parties_signed_on, mediator_signed_on, committee_sealed_on]
    on = max((d for d in signatures if d is not None), default=None) if written else agreed_on
    if on is None:
        raise ValidationError(
            "书面调解协议须填写各方签名、调解员签名和调解委员会盖章日期；口头协议须填写达成日期。"
        )
    facts = {
        "agreement_kind": agreement_kind,
        "facts_and_responsibility": (facts_and_responsibility or "").strip(),
        "agreed_terms": (agreed_terms or "").strip(),
        "performance_method": (performance_method or "").strip(),
        "performance_due_on": performance_due_on,
        "agreed_amount": agreed_amount,
    }
    if written:
        facts.update(
            parties_signed_on=parties_signed_on,
            mediator_signed_on=mediator_signed_on,
            committee_sealed_on=committee_sealed_on,
        )
    return WORKFLOW.step(
        "agree_written" if written else "agree_oral",
        dispute,
        actor=actor,
        expected_version=expected_version,
        changes={"subsidy": _subsidy(dispute, on), "performance": Performance.PENDING},
        on=on,
        **facts,
    )


def dispute_fail(*, actor, dispute: Dispute, on: date, notice: str, expected_version=None):
    """调解不成 (M2, 第二十六条): the parties are told of arbitration, administrative and judicial routes."""
    return WORKFLOW.step(
        "fail",
        dispute,
        actor=actor,
        expected_version=expected_version,
        on=on,
        notice=(notice or "").strip(),
    )


def dispute_withdraw(*, actor, dispute: Dispute, on: date, expected_version=None):
    return WORKFLOW.step("withdraw", dispute, actor=actor, expected_version=expected_version, on=on)


def confirmation_due(dispute: Dispute):
    """The last day to apply for judicial confirmation (第三十三条), with its explanation."""
    if dispute.effective_on is None:
        return None
    return compute_due(rules.CONFIRMATION, dispute.effective_on)


def dispute_apply_confirmation(
    *, actor, dispute: Dispute, on: date, court: str, expected_version=None
) -> Dispute:
    """申请司法确认 within 30 days of the agreement taking effect (M5, 第三十三条)."""
    due = confirmation_due(dispute)
    return WORKFLOW.step(
        "apply_confirmation",
        dispute,
        actor=actor,
        expected_version=expected_version,
        on=on,
        due=due.due_date if due else None,
        court=(court or "").strip() or "人民法院",
    )


@transaction.atomic
def follow_up_record(
    *, actor, dispute: Dispute, visited_on: date, performance: str, note: str = ""
) -> FollowUp:
    """The committee follows up the performance of the agreement (M6, 第三十一条第二款)."""
    _require_staff(actor)
    _check(_handles(actor, dispute))
    if dispute.state != DisputeState.AGREED:
        raise ValidationError(f"只有达成调解协议的纠纷需要回访履行情况（{ART_FOLLOW_UP}）。")
    if dispute.effective_on and visited_on < dispute.effective_on:
        raise ValidationError({"visited_on": "回访日期不能早于协议生效日期。"})
    entry = FollowUp(dispute=dispute, visited_on=visited_on, performance=performance, note=note)
    entry.full_clean()
    entry.save()
    Dispute.objects.filter(pk=dispute.pk).update(performance=performance)
    DisputeTimeline.objects.create(
        dispute=dispute,
        kind="follow_up",
        text=f"回访：{entry.get_performance_display()}",
        on=visited_on,
        actor=_actor(actor),
        citation=ART_FOLLOW_UP,
    )
    return entry


@transaction.atomic
def subsidy_rate_set(
    *, actor, difficulty: str, amount: Decimal, effective_from: date, unit: Unit | None = None
) -> SubsidyRate:
    _require_staff(actor)
    rate = SubsidyRate(
        unit=unit or actor.unit, difficulty=difficulty, amount=amount, effective_from=effective_from
    )
    rate.full_clean()
    rate.save()
    return rate
