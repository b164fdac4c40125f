"""Writes of the litigation register: `lawsuit_<action>(*, actor, lawsuit, …)`, each atomic.

Periods (答辩举证 15 days, 上诉 15/10 days, the court's 审理期限) come from `fazhi.deadlines`; the
lawsuit keeps a copy of the due dates and their explanations for lists and filters. Every step
goes through the step table (`workflow.WORKFLOW.step`): optimistic locking (a save over a newer
version is refused with who changed it and when), the guard with the step's facts, the save.

A first-instance judgment, or an appealable ruling, is served on every party and each party has
its own appeal period (行诉法 85): it takes effect only after the latest of them has run with no
appeal. 准许撤诉 is final on service (行诉解释 101); a 调解书 takes effect on the day the last
party signs for it (行诉解释 85).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.workflow import (
    ConcurrentEditError,
    lock_for_update,
    not_future,
    save_versioned,
)
from fazhi.deadlines import selectors as clock_selectors
from fazhi.deadlines import services as clocks
from fazhi.deadlines.services import compute_due
from fazhi.litigation import deadlines as rules
from fazhi.litigation.models import (
    APPEALABLE_RULINGS,
    Instance,
    JudgmentService,
    JudgmentType,
    Lawsuit,
    LawsuitHearing,
    LawsuitStatus,
    ServiceParty,
)
from fazhi.litigation.workflow import (
    ACTING_ROLES,
    WORKFLOW,
    TransitionRefused,
    expected_parties,
)

__all__ = ["ConcurrentEditError", "expected_parties"]
from fazhi.reconsideration import services as recon_services
from fazhi.reconsideration.models import PrerequisiteGround
from fazhi.reconsideration.validators import validate_party_identity

REGISTRATION_FIELDS = (
    "court",
    "court_case_number",
    "instance",
    "first_instance",
    "appellant",
    "plaintiff_kind",
    "plaintiff_name",
    "plaintiff_id_type",
    "plaintiff_id_number",
    "defendant_unit",
    "co_defendant",
    "third_parties",
    "act_type",
    "contested_act",
    "field",
    "prerequisite_ground",
    "reconsideration_first",
    "reconsideration_case",
    "reconsideration_reference",
    "is_major_public_interest",
    "court_requested_head",
    "filed_on",
    "complaint_received_on",
    "note",
)
EDITABLE_FIELDS = tuple(
    f
    for f in REGISTRATION_FIELDS
    if f not in ("instance", "first_instance", "complaint_received_on")
) + ("performance_due_on", "performed_on")


def _today() -> date:
    return timezone.localdate()


def _lock(lawsuit: Lawsuit, expected_version: int | None) -> Lawsuit:
    return lock_for_update(lawsuit, expected_version, related=WORKFLOW.lock_related)


def _save(lawsuit: Lawsuit, actor) -> Lawsuit:
    """A change outside the lawsuit's own steps (its appeal marks the first instance)."""
    lawsuit.full_clean()
    save_versioned(lawsuit, actor)
    return lawsuit


def validate_lawsuit(lawsuit: Lawsuit) -> None:
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if lawsuit.plaintiff_id_number:
        if not lawsuit.plaintiff_id_type:
            add("plaintiff_id_type", "请选择证件类型。")
        else:
            try:
                lawsuit.plaintiff_id_number = validate_party_identity(
                    lawsuit.plaintiff_id_type,
                    lawsuit.plaintiff_id_number,
                    field="plaintiff_id_number",
                )
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    errors.setdefault(field, []).extend(messages)
    if lawsuit.instance == Instance.APPEAL:
        if lawsuit.first_instance_id is None:
            add("first_instance", "二审案件须关联一审案件。")
        elif lawsuit.first_instance.instance != Instance.FIRST:
            add("first_instance", "关联的案件须为一审案件。")
        if not lawsuit.appellant:
            add("appellant", "请填写上诉人。")
    elif lawsuit.first_instance_id is not None:
        add("first_instance", "一审案件不能关联一审案件。")
    if lawsuit.reconsideration_case_id is not None:
        lawsuit.reconsideration_first = True
        case = lawsuit.reconsideration_case
        if (
            case.respondent_unit_id != lawsuit.defendant_unit_id
            and case.unit.parent_id != lawsuit.defendant_unit_id
            and not lawsuit.co_defendant
        ):
            add(
                "reconsideration_case",
                "关联的复议案件的被申请人与本案被告不一致：复议改变原行政行为的，复议机关为被告；"
                "复议维持的，原机关与复议机关为共同被告（《行政诉讼法》第二十六条第二款）。请核对或填写共同被告。",
            )
    if (
        lawsuit.reconsideration_case_id is not None
        and lawsuit.reconsideration_case.is_prerequisite
        and not lawsuit.prerequisite_ground
    ):
        lawsuit.prerequisite_ground = lawsuit.reconsideration_case.prerequisite_ground
    if lawsuit.prerequisite_ground and not (
        lawsuit.reconsideration_first
        or lawsuit.reconsideration_case_id is not None
        or lawsuit.reconsideration_reference.strip()
    ):
        add("prerequisite_ground", prerequisite_refusal(lawsuit.prerequisite_ground))
    if lawsuit.complaint_received_on and lawsuit.complaint_received_on < lawsuit.filed_on:
        add("complaint_received_on", "收到起诉状副本日期不能早于立案日期。")
    if errors:
        raise ValidationError(errors)


def prerequisite_refusal(ground: str) -> str:
    """F6 (复议法 23(1)): a 复议前置 case goes to the court only after reconsideration."""
    label = PrerequisiteGround(ground).label
    item = label[label.index("（") + 1 : label.index("）")]
    return (
        f"本案属于复议前置情形“{label}”（《行政复议法》第二十三条第一款第{item}项）：应当先向行政复议机关"
        "申请行政复议，对行政复议决定不服的，才可以再向人民法院提起行政诉讼。请关联复议案件、"
        "填写复议决定书文号，或核对复议前置情形。"
    )


def build_lawsuit(*, actor, unit, **data) -> Lawsuit:
    """An unsaved lawsuit from registration data, validated once: the admin's form keeps it and
    the admin registers it (`lawsuit_save_registered`), or `lawsuit_register` does both."""
    unknown = set(data) - set(REGISTRATION_FIELDS)
    if unknown:
        raise ValidationError(f"不能在登记时填写这些字段：{'、'.join(sorted(unknown))}")
    _may_register(actor, unit)
    lawsuit = Lawsuit(unit=unit, updated_by=actor, **data)
    not_future(lawsuit.filed_on, "立案日期")
    validate_lawsuit(lawsuit)
    return lawsuit


def _may_register(actor, unit) -> None:
    if actor is not None and not (
        actor.is_superuser or (actor.unit_id == unit.pk and actor.has_role(*ACTING_ROLES))
    ):
        raise TransitionRefused("只能为本单位登记行政诉讼案件。")


@transaction.atomic
def lawsuit_register(*, actor, unit=None, **data) -> Lawsuit:
    """Register a lawsuit (一审) or an appeal (二审, linked to its first instance)."""
    lawsuit = build_lawsuit(actor=actor, unit=unit or actor.unit, **data)
    return lawsuit_save_registered(actor=actor, lawsuit=lawsuit)


@transaction.atomic
def lawsuit_save_registered(*, actor, lawsuit: Lawsuit) -> Lawsuit:
    """Save a lawsuit `build_lawsuit` validated (in place) and start its clocks."""
    _may_register(actor, lawsuit.unit)
    lawsuit.full_clean()
    lawsuit.save()
    _start_trial_clock(lawsuit)
    lawsuit.save(update_fields=["trial_due_on", "trial_due_explanation"])
    if lawsuit.instance == Instance.APPEAL:
        first = Lawsuit.objects.select_for_update().get(pk=lawsuit.first_instance_id)
        if not first.appealed:
            first.appealed = True
            _save(first, actor)
    if lawsuit.complaint_received_on:
        _start_defence(lawsuit)
        lawsuit.save()
    if lawsuit.instance == Instance.FIRST and lawsuit.reconsideration_case_id is not None:
        # F11: the applicant sued: the 15-day window of 复议法 34 closes on the filing day.
        recon_services.litigation_window_close(
            case=lawsuit.reconsideration_case, on=lawsuit.filed_on
        )
    return lawsuit


def trial_rule(lawsuit: Lawsuit) -> str:
    return rules.APPEAL_TRIAL if lawsuit.instance == Instance.APPEAL else rules.FIRST_INSTANCE_TRIAL


def _start_trial_clock(lawsuit: Lawsuit) -> None:
    """Y5: the court's trial period as a clock on the lawsuit (行诉法 81: 一审 six months from
    立案; 88: 二审 three months from the appeal), closed when the judgment is recorded. It is the
    court's period, followed by the agency: the court excludes 公告、鉴定、调解、中止 and
    jurisdiction periods (行诉解释 50), which are not recorded here."""
    clock = clocks.clock_start(
        rule_code=trial_rule(lawsuit),
        trigger_date=lawsuit.filed_on,
        subject=lawsuit,
        unit=lawsuit.unit,
        label=f"{lawsuit.court_case_number} 法院审理期限（参考）",
    )
    lawsuit.trial_due_on = clock.due_date
    lawsuit.trial_due_explanation = clock.explanation


def _start_defence(lawsuit: Lawsuit) -> None:
    clock = clocks.clock_start(
        rule_code=rules.DEFENCE,
        trigger_date=lawsuit.complaint_received_on,
        subject=lawsuit,
        unit=lawsuit.unit,
        label=f"{lawsuit.court_case_number} 答辩举证",
    )
    lawsuit.defence_due_on = clock.due_date
    lawsuit.defence_due_explanation = clock.explanation


def lawsuit_update(*, actor, lawsuit, expected_version=None, **changes) -> Lawsuit:
    """Edit the particulars; refused if someone saved the lawsuit since it was read."""
    not_editable = set(changes) - set(EDITABLE_FIELDS)
    if not_editable:
        raise ValidationError(f"这些字段不能直接修改：{'、'.join(sorted(not_editable))}")

    def apply(lawsuit):
        for field, value in changes.items():
            setattr(lawsuit, field, value)
        validate_lawsuit(lawsuit)

    version = lawsuit.version if expected_version is None else expected_version
    return WORKFLOW.move("update", lawsuit, actor, version, apply)


def lawsuit_record_complaint_received(
    *, actor, lawsuit, on: date, expected_version=None
) -> Lawsuit:
    """Y2: 答辩状 and evidence within 15 days of receiving the complaint (行诉法 67)."""
    not_future(on, "收到起诉状副本日期")

    def apply(lawsuit):
        lawsuit.complaint_received_on = on
        validate_lawsuit(lawsuit)
        _start_defence(lawsuit)

    return WORKFLOW.move(
        "record_complaint_received", lawsuit, actor, expected_version, apply, on=on
    )


def lawsuit_record_defence(*, actor, lawsuit, on: date, expected_version=None) -> Lawsuit:
    not_future(on, "答辩日期")

    def apply(lawsuit):
        lawsuit.defence_submitted_on = on
        _close_clock(lawsuit, rules.DEFENCE, on)

    return WORKFLOW.move("record_defence", lawsuit, actor, expected_version, apply, on=on)


def lawsuit_record_hearing(
    *, actor, lawsuit, held_on: date, appearance: str, expected_version=None, **data
) -> LawsuitHearing:
    """Y3: who appeared for the agency; a lawyer alone is never the head's appearance."""
    not_future(held_on, "开庭日期")
    recorded = []

    def apply(lawsuit):
        hearing = LawsuitHearing(lawsuit=lawsuit, held_on=held_on, appearance=appearance, **data)
        hearing.full_clean()
        hearing.save()
        recorded.append(hearing)
        if lawsuit.hearing_scheduled_on and held_on >= lawsuit.hearing_scheduled_on:
            lawsuit.hearing_scheduled_on = None
            lawsuit.hearing_planned_appearance = ""
            lawsuit.hearing_planned_attendee = ""
            lawsuit.hearing_absence_reason = ""

    facts = {"held_on": held_on, "appearance": appearance, **data}
    WORKFLOW.move("record_hearing", lawsuit, actor, expected_version, apply, **facts)
    return recorded[0]


def _close_clock(lawsuit: Lawsuit, rule_code: str, on: date) -> None:
    clock = clock_selectors.clock_for(lawsuit, rule_code)
    if clock is not None and clock.is_open:
        clocks.clock_close(clock=clock, on=on)


def _appeal_rule(judgment_type: str) -> str:
    return rules.APPEAL_RULING if judgment_type in APPEALABLE_RULINGS else rules.APPEAL_JUDGMENT


def unserved_parties(lawsuit: Lawsuit) -> list[tuple[str, str]]:
    served = set(lawsuit.services.values_list("party", "party_name"))
    return [p for p in expected_parties(lawsuit) if p not in served]


def _default_name(lawsuit: Lawsuit, party: str) -> str:
    return {
        ServiceParty.PLAINTIFF: lawsuit.plaintiff_name,
        ServiceParty.DEFENDANT: lawsuit.defendant_unit.name,
        ServiceParty.CO_DEFENDANT: lawsuit.co_defendant.strip(),
    }.get(party, "")


def _close_on_service(lawsuit: Lawsuit, on: date, actor) -> None:
    lawsuit.status = LawsuitStatus.CLOSED
    lawsuit.closed_on = on
    if lawsuit.first_instance_id:
        first = Lawsuit.objects.select_for_update().get(pk=lawsuit.first_instance_id)
        if first.status == LawsuitStatus.JUDGED:
            first.status = LawsuitStatus.CLOSED
            first.closed_on = on
            _save(first, actor)


@transaction.atomic
def lawsuit_record_judgment(
    *, actor, lawsuit, judgment_type: str, judgment_on: date, served_on=None, expected_version=None
) -> Lawsuit:
    not_future(judgment_on, "裁判日期")

    def apply(lawsuit):
        lawsuit.judgment_type = judgment_type
        lawsuit.judgment_on = judgment_on
        _close_clock(lawsuit, trial_rule(lawsuit), judgment_on)

    facts = {"judgment_type": judgment_type, "judgment_on": judgment_on}
    lawsuit = WORKFLOW.move("record_judgment", lawsuit, actor, expected_version, apply, **facts)
    if served_on is not None:
        lawsuit = lawsuit_record_service(actor=actor, lawsuit=lawsuit, on=served_on)
    return lawsuit


def lawsuit_record_service(
    *,
    actor,
    lawsuit,
    on: date,
    party: str = ServiceParty.DEFENDANT,
    party_name: str = "",
    expected_version=None,
) -> Lawsuit:
    """Y5: each party may appeal within 15 days of its service of a judgment, 10 days of an
    appealable ruling (行诉法 85; 行诉解释 101: 驳回起诉). The first instance takes effect once
    every party has been served and the latest appeal period has run (`scan_effective`).

    A 二审 judgment and 准许撤诉 are final: the case closes on service. A 调解书 takes effect when
    the last party signs for it (行诉解释 85(3)). The defendant's own appeal period runs as a
    clock (the agency decides whether to appeal).
    """
    not_future(on, "送达日期")
    party_name = (party_name or _default_name(lawsuit, party)).strip()

    def apply(lawsuit):
        service = JudgmentService(lawsuit=lawsuit, party=party, party_name=party_name, served_on=on)
        if party == ServiceParty.DEFENDANT:
            lawsuit.judgment_served_on = on
        if lawsuit.instance == Instance.APPEAL or lawsuit.judgment_type == JudgmentType.WITHDRAWN:
            service.full_clean()
            service.save()
            _close_on_service(lawsuit, on, actor)
            return
        if lawsuit.judgment_type != JudgmentType.MEDIATED:
            _appeal_period(lawsuit, service, party, on)
        service.full_clean()
        service.save()
        if not unserved_parties(lawsuit):
            _all_served(lawsuit, actor)

    facts = {"on": on, "party": party, "party_name": party_name}
    return WORKFLOW.move("record_service", lawsuit, actor, expected_version, apply, **facts)


def _appeal_period(lawsuit: Lawsuit, service: JudgmentService, party: str, on: date) -> None:
    """The party's appeal period from its service; the defendant's own runs as a clock."""
    rule = _appeal_rule(lawsuit.judgment_type)
    if party == ServiceParty.DEFENDANT:
        due = clocks.clock_start(
            rule_code=rule,
            trigger_date=on,
            subject=lawsuit,
            unit=lawsuit.unit,
            label=f"{lawsuit.court_case_number} 上诉期限",
        )
        lawsuit.appeal_due_on = due.due_date
        lawsuit.appeal_due_explanation = due.explanation
    else:
        due = compute_due(rule, on)
    service.appeal_due_on = due.due_date
    service.appeal_due_explanation = due.explanation


def _all_served(lawsuit: Lawsuit, actor) -> None:
    """Every party served: a 调解书 takes effect on the last signature (行诉解释 85(3)); a
    judgment once the latest appeal period has run (行诉法 85)."""
    if lawsuit.judgment_type == JudgmentType.MEDIATED:
        _close_on_service(lawsuit, max(lawsuit.services.values_list("served_on", flat=True)), actor)
    else:
        lawsuit.all_appeals_due_on = max(lawsuit.services.values_list("appeal_due_on", flat=True))


def lawsuit_schedule_hearing(
    *,
    actor,
    lawsuit,
    held_on: date,
    appearance: str,
    head_name: str = "",
    head_title: str = "",
    staff_name: str = "",
    staff_position: str = "",
    absence_reason: str = "",
    absence_statement_sealed: bool = False,
    expected_version=None,
) -> Lawsuit:
    """Record the court's hearing date and who will appear for the agency, checked when the
    hearing is scheduled, not after it: where the head must appear (行诉解释 129(1)), another
    attendee needs a good reason and a sealed statement (129(3)); never a lawyer alone (128)."""
    facts = {
        "held_on": held_on,
        "appearance": appearance,
        "head_name": head_name,
        "head_title": head_title,
        "absence_reason": absence_reason,
        "absence_statement_sealed": absence_statement_sealed,
    }

    def apply(lawsuit):
        lawsuit.hearing_scheduled_on = held_on
        lawsuit.hearing_planned_appearance = appearance
        lawsuit.hearing_planned_attendee = (
            f"{head_name.strip()}（{head_title.strip()}）"
            if appearance == "head"
            else f"{staff_name.strip()}（{staff_position.strip()}）".replace("（）", "")
        )
        lawsuit.hearing_absence_reason = absence_reason.strip() if appearance != "head" else ""

    return WORKFLOW.move("schedule_hearing", lawsuit, actor, expected_version, apply, **facts)


@transaction.atomic
def lawsuit_appeal(
    *,
    actor,
    lawsuit,
    court: str,
    court_case_number: str,
    appellant: str,
    filed_on: date,
    complaint_received_on=None,
) -> Lawsuit:
    """Register the 二审 of a judged first instance (either side appeals)."""
    lawsuit = _lock(lawsuit, None)
    WORKFLOW.require("appeal", actor, lawsuit, filed_on=filed_on)
    clock = clock_selectors.clock_for(lawsuit, _appeal_rule(lawsuit.judgment_type))
    if clock is not None and clock.is_open:
        clocks.clock_close(clock=clock, on=min(filed_on, clock.due_date))
    return lawsuit_register(
        actor=actor,
        unit=lawsuit.unit,
        court=court,
        court_case_number=court_case_number,
        instance=Instance.APPEAL,
        first_instance=lawsuit,
        appellant=appellant,
        plaintiff_kind=lawsuit.plaintiff_kind,
        plaintiff_name=lawsuit.plaintiff_name,
        plaintiff_id_type=lawsuit.plaintiff_id_type,
        plaintiff_id_number=lawsuit.plaintiff_id_number,
        defendant_unit=lawsuit.defendant_unit,
        co_defendant=lawsuit.co_defendant,
        act_type=lawsuit.act_type,
        contested_act=lawsuit.contested_act,
        field=lawsuit.field,
        prerequisite_ground=lawsuit.prerequisite_ground,
        reconsideration_first=lawsuit.reconsideration_first,
        reconsideration_case=lawsuit.reconsideration_case,
        reconsideration_reference=lawsuit.reconsideration_reference,
        filed_on=filed_on,
        complaint_received_on=complaint_received_on,
    )


def lawsuit_close(*, actor, lawsuit, on: date, expected_version=None) -> Lawsuit:
    """A first-instance judgment takes effect when the appeal period ends without an appeal."""

    def apply(lawsuit):
        lawsuit.closed_on = on
        clock = clock_selectors.clock_for(lawsuit, _appeal_rule(lawsuit.judgment_type))
        if clock is not None and clock.is_open:
            clocks.clock_close(clock=clock, on=clock.due_date)

    return WORKFLOW.move("close", lawsuit, actor, expected_version, apply, on=on)


def scan_effective(*, today: date | None = None) -> list[Lawsuit]:
    """Close first instances once every party's appeal period ended with no appeal (行诉法 85);
    run daily. A lawsuit with a party whose service is not recorded stays pending."""
    today = today or _today()
    due = Lawsuit.objects.filter(
        status=LawsuitStatus.JUDGED,
        instance=Instance.FIRST,
        appealed=False,
        all_appeals_due_on__lt=today,
    ).order_by("pk")
    return [
        lawsuit_close(
            actor=None, lawsuit=lawsuit, on=lawsuit.all_appeals_due_on + timedelta(days=1)
        )
        for lawsuit in due
    ]
