"""Writes of the reconsideration register: `case_<action>(*, actor, case, …)`, each atomic.

Every step goes through the step table (`workflow.WORKFLOW.step`): it takes the case row with
SELECT … FOR UPDATE, compares its `version` with the version the caller read (optimistic
locking: a second officer saving over a newer version is refused with the name of who changed
the case and when), passes the guard (state, actor and the statute), saves and writes the
timeline event with the step's article. Periods are never computed here: `fazhi.deadlines` computes them
and explains them; the case keeps a copy of the due dates for lists and filters.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.core.crypto import blind_index
from fazhi.core.workflow import (
    ConcurrentEditError,
    lock_for_update,
    not_future,
    save_versioned,
)
from fazhi.deadlines import selectors as clock_selectors
from fazhi.deadlines import services as clocks
from fazhi.deadlines.bulk import ClockSpec
from fazhi.deadlines.models import ClockState
from fazhi.deadlines.rules import effective_rule
from fazhi.reconsideration import deadlines as rules
from fazhi.reconsideration import documents
from fazhi.reconsideration.models import (
    OPEN_ACCEPTED_STATES,
    PREREQUISITE_SUIT_OUTCOMES,
    AcceptanceCondition,
    ActType,
    ApprovalKind,
    CaseEvent,
    CaseHearing,
    CaseParty,
    CaseStatus,
    CaseSuspension,
    Channel,
    Compensation,
    DocumentKind,
    DocumentTemplate,
    IdType,
    OpinionLetter,
    Outcome,
    PrerequisiteGround,
    Procedure,
    ReconsiderationCase,
)
from fazhi.reconsideration.numbering import allocate_case_number
from fazhi.reconsideration.validators import validate_party_identity
from fazhi.reconsideration.workflow import (
    WORKFLOW,
    TransitionRefused,
    clean_case,
    may_update,
)

__all__ = ["ConcurrentEditError"]


# --- plumbing -----------------------------------------------------------------------------


def _now():
    return timezone.now()


def _today() -> date:
    return timezone.localdate()


def _lock(case: ReconsiderationCase, expected_version: int | None) -> ReconsiderationCase:
    return lock_for_update(case, expected_version, related=WORKFLOW.lock_related)


def _save(case: ReconsiderationCase, actor) -> ReconsiderationCase:
    """A system change outside the step table (a scan's flag): the same checks as a step."""
    clean_case(case)
    save_versioned(case, actor)
    return case


def _said(kind: str, text: str, on: date, citation: str | None = None) -> dict:
    """The timeline event of a step: its kind, text and date (and an article other than the
    step's own, where the case's facts decide it)."""
    event = {"kind": kind, "text": text, "on": on}
    if citation is not None:
        event["citation"] = citation
    return event


def _event(case, *, kind: str, text: str, on: date, actor=None, citation: str = "") -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, kind=kind, text=text, on=on, actor=actor, citation=citation
    )


def _clock_label(case, rule_code: str) -> str:
    return f"{case.case_number} {effective_rule(rule_code).name}"


def clock_spec(case, rule_code: str, trigger: date) -> ClockSpec:
    """The case's clock of `rule_code` (owner: the handler, or who registered it)."""
    return ClockSpec(
        rule_code=rule_code,
        trigger_date=trigger,
        subject=case,
        unit=case.unit,
        owner=case.handler or case.registered_by,
        label=_clock_label(case, rule_code),
    )


def start_clock(case, rule_code: str, trigger: date):
    """Start the case's clock of `rule_code` (`clock_spec`)."""
    spec = clock_spec(case, rule_code, trigger)
    return clocks.clock_start(
        rule_code=spec.rule_code,
        trigger_date=spec.trigger_date,
        subject=spec.subject,
        unit=spec.unit,
        owner=spec.owner,
        label=spec.label,
    )


def _open_clock(case, rule_code: str):
    clock = clock_selectors.clock_for(case, rule_code)
    return clock if clock is not None and clock.is_open else None


def _close(case, rule_code: str, on: date):
    clock = _open_clock(case, rule_code)
    return clocks.clock_close(clock=clock, on=on) if clock else None


def decision_rule(case) -> str:
    return rules.DECISION_SIMPLE if case.procedure == Procedure.SIMPLE else rules.DECISION_NORMAL


def decision_clock(case):
    return clock_selectors.clock_for(case, decision_rule(case))


def sync_decision_due(case, clock) -> None:
    case.decision_due_on = clock.due_date
    case.decision_due_explanation = clock.explanation


# --- the 复议前置 litigation window (复议法 34; 行诉法 45; F11) --------------------------------

LITIGATION_WINDOW_CITATION = "《行政复议法》第三十四条；《行政诉讼法》第四十五条"


def litigation_window_clock(case):
    return clock_selectors.clock_for(case, rules.LITIGATION_WINDOW)


def litigation_window_opens(case) -> bool:
    """F11: the served document of a 复议前置 case after which the applicant may sue within 15
    days: 不予受理, 驳回申请 or a decision on the merits (复议法 34; 行诉法 45(1))."""
    return case.is_prerequisite and (
        case.status == CaseStatus.NOT_ACCEPTED or case.outcome in PREREQUISITE_SUIT_OUTCOMES
    )


def _start_litigation_window(case, trigger: date, cause: str, actor=None) -> None:
    """Start the 15-day clock to sue (CAL, T1 and the T3 roll-forward: a period within which an
    act must be done) from `trigger`: the day the document was served, or the day the decision
    period ended without a decision (复议法 34). A later trigger replaces an earlier clock."""
    current = _open_clock(case, rules.LITIGATION_WINDOW)
    if current is not None:
        if current.trigger_date == trigger:
            return
        clocks.clock_close(clock=current, on=trigger)
    clock = start_clock(case, rules.LITIGATION_WINDOW, trigger)
    case.litigation_due_on = clock.due_date
    case.litigation_due_explanation = clock.explanation
    _event(
        case,
        kind="litigation_window",
        text=(
            f"{cause}。本案属于复议前置案件，申请人可以自 {trigger:%Y年%m月%d日} 起十五日内"
            f"向人民法院提起行政诉讼，期限至 {clock.due_date:%Y年%m月%d日} 届满。"
        ),
        on=trigger,
        actor=actor,
        citation=LITIGATION_WINDOW_CITATION,
    )


def litigation_window_close(*, case, on: date) -> None:
    """A lawsuit against the act was filed on `on`: the window's clock closes (met or missed)."""
    clock = _open_clock(case, rules.LITIGATION_WINDOW)
    if clock is not None:
        clocks.clock_close(clock=clock, on=on)


@transaction.atomic
def case_open_litigation_window_on_expiry(*, case):
    """复议法 34: a 复议前置 case accepted but not decided within the decision period: the
    applicant may sue within 15 days of the day the period ended. Run by the daily scan."""
    case = _lock(case, None)
    clock = decision_clock(case)
    _start_litigation_window(
        case,
        clock.due_date,
        f"行政复议决定期限于 {clock.due_date:%Y年%m月%d日} 届满，行政复议机关未作出决定",
    )
    _save(case, None)
    return case


def _expired_undecided(case, today: date) -> bool:
    clock = decision_clock(case)
    return (
        clock is not None
        and clock.is_open
        and clock.state != ClockState.PAUSED
        and clock.due_date < today
        and litigation_window_clock(case) is None
    )


# --- the application period (复议法 20, 21; F1-F4) ----------------------------------------


@dataclass(frozen=True)
class PeriodCheck:
    deadline: date
    late: bool
    absolute_bar_on: date | None
    absolutely_barred: bool
    explanation: str


def application_period_check(case: ReconsiderationCase, *, due=None) -> PeriodCheck:
    """F1-F4: when the application period ran out, and whether this application was late.

    The reference date is the postmark (T5) or, for an application forwarded under Art 32, the
    day the penalising agency received it; otherwise the day the office received it. A4: a later
    补正 does not move this date. `due` replaces `compute_due` (an import's `DueMemo`).
    """
    due = due or clocks.compute_due
    filed_on = case.postmarked_on or case.forwarding_agency_received_on or case.received_on
    pauses = []
    if case.obstacle_started_on:
        pauses.append(
            (case.obstacle_started_on, case.obstacle_ended_on, case.obstacle_reason or "正当理由")
        )
    lines = []
    if case.rights_notified:
        main = due(rules.APPLICATION_PERIOD, case.known_on, pauses=pauses)
        deadline = main.due_date
        lines.append(main.explanation)
    else:
        rights = due(rules.APPLICATION_PERIOD, case.rights_learned_on, pauses=pauses)
        cap = due(rules.APPLICATION_PERIOD_UNTOLD_MAX, case.known_on)
        deadline = min(rights.due_date, cap.due_date)
        lines.append("未告知申请复议的权利、复议机关或申请期限（《行政复议法》第二十条第三款）：")
        lines.append(f"自知道上述内容之日起计算：{rights.explanation}")
        lines.append(f"但最长不超过自知道行政行为内容之日起一年：{cap.explanation}")
        lines.append(f"取二者较早者：{deadline:%Y年%m月%d日}。")
    bar_on = None
    barred = False
    if case.act_date:
        bar_rule = rules.ABSOLUTE_BAR_REAL_ESTATE if case.is_real_estate else rules.ABSOLUTE_BAR
        bar = due(bar_rule, case.act_date)
        bar_on, barred = bar.due_date, filed_on > bar.due_date
        lines.append(f"最长申请期限（《行政复议法》第二十一条）：{bar.explanation}")
    late = filed_on > deadline
    basis = (
        "邮戳日期"
        if case.postmarked_on
        else ("转送机关收到申请日期" if case.forwarding_agency_received_on else "收到申请日期")
    )
    verdict = "超过申请期限" if late else "在申请期限内"
    lines.append(f"申请日期以{basis} {filed_on:%Y年%m月%d日} 计，{verdict}。")
    if barred:
        lines.append("已超过最长申请期限，应当不予受理。")
    return PeriodCheck(deadline, late, bar_on, barred, "\n".join(lines))


def apply_period_check(case, *, due=None) -> None:
    result = application_period_check(case, due=due)
    case.application_deadline = result.deadline
    case.application_late = result.late
    case.absolute_bar_on = result.absolute_bar_on
    case.absolutely_barred = result.absolutely_barred
    case.application_deadline_explanation = result.explanation


# --- registration -------------------------------------------------------------------------

REGISTRATION_FIELDS = (
    "applicant_kind",
    "applicant_name",
    "applicant_id_type",
    "applicant_id_number",
    "applicant_phone",
    "applicant_address",
    "applicant_representative",
    "respondent_unit",
    "act_type",
    "act_description",
    "act_document_number",
    "act_date",
    "field",
    "is_real_estate",
    "act_on_the_spot",
    "act_is_warning",
    "act_amount",
    "all_parties_agree_simple",
    "prerequisite_ground",
    "prerequisite_basis",
    "request",
    "facts",
    "reasons",
    "channel",
    "received_on",
    "postmarked_on",
    "oral_recorded_at",
    "oral_confirmed",
    "forwarded_by",
    "forwarding_agency_received_on",
    "known_on",
    "rights_notified",
    "rights_learned_on",
    "obstacle_started_on",
    "obstacle_ended_on",
    "obstacle_reason",
    "is_major_complex",
    "is_technical",
    "committee_required",
    "handler",
)
# Fields an officer may still correct after registration through `case_update`.
EDITABLE_FIELDS = tuple(f for f in REGISTRATION_FIELDS if f not in ("received_on", "channel")) + (
    "written_review_reason",
    "third_party_evidence",
    "publish_decision",
    "outcome_grounds",
)


def validate_application(case: ReconsiderationCase) -> None:
    """Cross-field rules of an application (F1-F5, F9), raised as one Chinese ValidationError."""
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if case.applicant_id_type and case.applicant_id_number:
        try:
            case.applicant_id_number = validate_party_identity(
                case.applicant_id_type, case.applicant_id_number
            )
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                for message in messages:
                    add(field, message)
    if case.applicant_kind == "person" and case.applicant_id_type == IdType.USCC:
        add("applicant_id_type", "公民申请人应使用居民身份证或其他身份证件。")
    if case.applicant_kind == "organisation" and case.applicant_id_type == IdType.RESIDENT_ID:
        add("applicant_id_type", "法人或者其他组织应填写统一社会信用代码。")
    if case.channel == Channel.ORAL:
        # 复议法 22(2): the applicant's details, the request, the main facts, reasons and time.
        for field, label in (
            ("facts", "申请行政复议的主要事实"),
            ("reasons", "理由"),
            ("oral_recorded_at", "申请时间（当场记录的时间）"),
            ("applicant_address", "申请人住所或通讯地址"),
            ("applicant_phone", "申请人联系电话"),
        ):
            if not getattr(case, field):
                add(field, f"口头申请应当当场记录{label}（《行政复议法》第二十二条第二款）。")
        if not case.oral_confirmed:
            add("oral_confirmed", "口头申请笔录应交申请人核对并签名确认。")
    if case.channel == Channel.FORWARDED:
        if not case.forwarded_by:
            add("forwarded_by", "请填写转送申请的行政机关（《行政复议法》第三十二条）。")
        if not case.forwarding_agency_received_on:
            add(
                "forwarding_agency_received_on",
                "请填写转送机关收到申请的日期（《行政复议法》第三十二条第二款）。",
            )
    if case.act_date and case.known_on and case.known_on < case.act_date:
        add("known_on", "知道行政行为之日不能早于行政行为作出日期。")
    if case.known_on and case.received_on and case.known_on > case.received_on:
        add("known_on", "知道行政行为之日不能晚于收到申请日期。")
    if case.postmarked_on and case.received_on and case.postmarked_on > case.received_on:
        add("postmarked_on", "邮戳日期不能晚于收到申请日期。")
    if not case.rights_notified and not case.rights_learned_on:
        add(
            "rights_learned_on",
            "未告知复议权利的，请填写申请人知道复议权利、复议机关或申请期限之日（《行政复议法》第二十条第三款）。",
        )
    if case.obstacle_ended_on and not case.obstacle_started_on:
        add("obstacle_started_on", "请填写障碍开始日期（《行政复议法》第二十条第二款）。")
    if case.obstacle_started_on and not case.obstacle_reason:
        add(
            "obstacle_reason",
            "请写明耽误申请期限的不可抗力或其他正当理由（《行政复议法》第二十条第二款）。",
        )
    if (
        case.obstacle_started_on
        and case.obstacle_ended_on
        and case.obstacle_ended_on < case.obstacle_started_on
    ):
        add("obstacle_ended_on", "障碍消除日期不能早于开始日期。")
    if case.act_amount is not None and case.act_amount < 0:
        add("act_amount", "涉及款额不能为负数。")
    if case.is_major_complex or case.is_technical:
        case.committee_required = True  # 复议法 52(2): consultation is mandatory for these
    for field, message in prerequisite_problems(case):
        add(field, message)
    if case.respondent_unit_id and case.unit_id and case.respondent_unit_id == case.unit_id:
        add("respondent_unit", "行政复议机构不能作为本机构受理案件的被申请人。")
    if errors:
        raise ValidationError(errors)


# 复议法 23(1): each 复议前置 ground, the facts of the case it needs, the field a mismatch is
# shown on, and the refusal (the item of 第二十三条第一款 it applies).
PREREQUISITE_FITS = {
    PrerequisiteGround.ON_THE_SPOT_PENALTY: (
        lambda case: case.act_type == ActType.PENALTY and case.act_on_the_spot,
        "prerequisite_ground",
        "第一项复议前置情形限于当场作出的行政处罚决定：请核对行政行为类型和“当场作出”（{article}第一项）。",
    ),
    PrerequisiteGround.NON_PERFORMANCE: (
        lambda case: case.act_type == ActType.NON_PERFORMANCE,
        "prerequisite_ground",
        "第三项复议前置情形限于未履行法定职责的案件：行政行为类型应为“不履行法定职责”（{article}第三项）。",
    ),
    PrerequisiteGround.DISCLOSURE_REFUSED: (
        lambda case: case.act_type == ActType.INFORMATION_DISCLOSURE,
        "prerequisite_ground",
        "第四项复议前置情形限于申请政府信息公开、行政机关不予公开的案件（{article}第四项）。",
    ),
    PrerequisiteGround.OTHER_LAW: (
        lambda case: bool(case.prerequisite_basis.strip()),
        "prerequisite_basis",
        "请写明规定应当先申请行政复议的法律、行政法规及条款（{article}第五项）。",
    ),
}


def prerequisite_problems(case: ReconsiderationCase) -> list[tuple[str, str]]:
    """F6 (复议法 23(1)): the 复议前置 ground the officer chose must fit the contested act."""
    fit = PREREQUISITE_FITS.get(case.prerequisite_ground)
    if fit is None or fit[0](case):
        return []
    _fits, field, message = fit
    return [(field, message.format(article="《行政复议法》第二十三条第一款"))]


def _settled_before(case) -> ReconsiderationCase | None:
    """复议法 74(2): after 和解 and withdrawal the same facts and reasons cannot be re-applied."""
    if not case.applicant_id_number:
        return None
    earlier = ReconsiderationCase.objects.filter(
        applicant_id_number_index=blind_index(case.applicant_id_number, "id_number"),
        respondent_unit_id=case.respondent_unit_id,
        outcome=Outcome.SETTLED_WITHDRAWN,
    ).exclude(pk=case.pk)
    if case.act_document_number:
        earlier = earlier.filter(act_document_number=case.act_document_number)
    else:
        earlier = earlier.filter(act_description=case.act_description)
    return earlier.first()


def build_application(*, unit, actor=None, **data) -> ReconsiderationCase:
    """An unsaved case from registration data, validated once: the form keeps it and the
    admin registers it (`application_register`), or `case_register` does both."""
    unknown = set(data) - set(REGISTRATION_FIELDS) - {"reapplication_allowed_reason"}
    if unknown:
        raise ValidationError(f"不能在登记时填写这些字段：{'、'.join(sorted(unknown))}")
    _may_register(actor, unit)
    case = ReconsiderationCase(unit=unit, registered_by=actor, **data)
    not_future(case.received_on, "收到申请日期")
    validate_application(case)
    earlier = _settled_before(case)
    if earlier is not None and not case.reapplication_allowed_reason.strip():
        raise ValidationError(
            {
                "act_description": (
                    f"申请人已就同一行政行为与被申请人和解并撤回申请（{earlier.case_number}），"
                    "不得再以同一事实和理由提出行政复议申请；能够证明撤回违背其真实意愿的除外（《行政复议法》第七十四条第二款）。"
                )
            }
        )
    return case


def _may_register(actor, unit) -> None:
    """Only the office's reconsideration officers register its applications (复议法 36(1))."""
    if actor is not None and not (
        actor.is_superuser
        or (actor.has_role("reconsideration_officer") and actor.unit_id == unit.pk)
    ):
        raise TransitionRefused(
            "只有本行政复议机构的行政复议人员可以登记行政复议申请（《行政复议法》第三十六条第一款）。"
        )


@transaction.atomic
def case_register(*, actor, unit=None, parties=(), **data) -> ReconsiderationCase:
    """Register an application (复议法 22), number it, check the period (F1-F4), start F7."""
    case = build_application(unit=unit or actor.unit, actor=actor, **data)
    return application_register(actor=actor, case=case, parties=parties)


@transaction.atomic
def application_register(*, actor, case, parties=()) -> ReconsiderationCase:
    """Number and save an application `build_application` validated (the case is saved in
    place: the caller's instance becomes the registered case)."""
    unit = case.unit
    _may_register(actor, unit)
    if case.channel == Channel.ORAL and not case.oral_recorded_by_id:
        case.oral_recorded_by = actor
    case.case_number, case.case_serial = allocate_case_number(unit, case.received_on.year)
    case.case_year = case.received_on.year
    case.updated_by = actor
    apply_period_check(case)
    case.full_clean()
    case.save()
    for party in parties:
        party_add(actor=actor, case=case, **party)
    channel = case.get_channel_display()
    _event(
        case,
        kind="registered",
        text=f"收到行政复议申请（{channel}），登记案号 {case.case_number}。",
        on=case.received_on,
        actor=actor,
        citation="《行政复议法》第二十二条",
    )
    if case.application_late or case.absolutely_barred:
        _event(
            case,
            kind="period_flag",
            text=f"申请期限审查：超过申请期限。{case.application_deadline_explanation}",
            on=case.received_on,
            actor=actor,
            citation="《行政复议法》第二十条、第二十一条",
        )
    if case.channel == Channel.FORWARDED and case.forwarding_agency_received_on:
        forward = clocks.compute_due(rules.FORWARDING, case.forwarding_agency_received_on)
        if case.received_on > forward.due_date:
            _event(
                case,
                kind="forwarded_late",
                text=f"{case.forwarded_by}未在五日内转送（应于 {forward.due_date:%Y年%m月%d日} 前转送）。{forward.explanation}",
                on=case.received_on,
                actor=actor,
                citation="《行政复议法》第三十二条第二款",
            )
    clock = start_clock(case, rules.ACCEPTANCE_REVIEW, case.received_on)
    case.acceptance_due_on = clock.due_date
    case.save(update_fields=["acceptance_due_on"])
    return case


@transaction.atomic
def party_add(*, actor, case, role, name, **data) -> CaseParty:
    party = CaseParty(case=case, role=role, name=name, **data)
    if party.id_number:
        party.id_number = validate_party_identity(party.id_type, party.id_number, field="id_number")
    party.full_clean()
    party.save()
    return party


@transaction.atomic
def case_update(*, actor, case, expected_version=None, **changes) -> ReconsiderationCase:
    """Correct the case's particulars; refused if someone saved the case since it was read
    (the version the caller read: `expected_version`, else the version of the instance passed)."""
    not_editable = set(changes) - set(EDITABLE_FIELDS)
    if not_editable:
        raise ValidationError(
            f"这些字段须通过办案步骤修改，不能直接编辑：{'、'.join(sorted(not_editable))}"
        )

    def apply(case):
        changed = [f for f, v in changes.items() if getattr(case, f) != v]
        for field, value in changes.items():
            setattr(case, field, value)
        validate_application(case)
        if PERIOD_FIELDS & set(changed):
            apply_period_check(case)
        if "prerequisite_ground" in changed and case.served_on and litigation_window_opens(case):
            _start_litigation_window(
                case, case.served_on, "标记为复议前置案件，决定书已送达", actor
            )
        if not changed:
            return {"timeline": False}
        labels = "、".join(
            str(ReconsiderationCase._meta.get_field(f).verbose_name) for f in changed
        )
        return {"kind": "updated", "text": f"修改了：{labels}。", "on": _today()}

    version = case.version if expected_version is None else expected_version
    return WORKFLOW.move("update", case, actor, version, apply)


# The particulars whose change re-runs the application-period check (复议法 20, 21).
PERIOD_FIELDS = {
    "known_on",
    "rights_notified",
    "rights_learned_on",
    "obstacle_started_on",
    "obstacle_ended_on",
    "act_date",
    "is_real_estate",
    "postmarked_on",
    "forwarding_agency_received_on",
}


# --- intake (复议法 30-32; F7-F9) ----------------------------------------------------------


@transaction.atomic
def case_request_correction(
    *, actor, case, on: date, items: str, notice_received_on=None, expected_version=None
) -> ReconsiderationCase:
    """F8: one written 补正 notice within 5 WD of receipt; the review clock stops (A4)."""
    not_future(on, "补正通知日期")

    def apply(case):
        case.correction_requested_on = on
        case.correction_items = items.strip()
        _close(case, rules.ACCEPTANCE_REVIEW, on)
        case.acceptance_due_on = None
        return _said(
            "correction_requested", f"书面通知申请人补正，补正事项：{case.correction_items}", on
        )

    case = WORKFLOW.move(
        "request_correction", case, actor, expected_version, apply, on=on, items=items
    )
    if notice_received_on is not None:
        case = case_record_correction_notice_received(actor=actor, case=case, on=notice_received_on)
    return case


def case_record_correction_notice_received(*, actor, case, on: date, expected_version=None):
    """The applicant's 10 WD start on receipt of the notice (复议法 31(2))."""
    not_future(on, "收到补正通知日期")

    def apply(case):
        case.correction_notice_received_on = on
        clock = start_clock(case, rules.CORRECTION_SUBMISSION, on)
        case.correction_due_on = clock.due_date
        return _said(
            "correction_notice_received",
            f"申请人于 {on:%Y年%m月%d日} 收到补正通知，应于 {clock.due_date:%Y年%m月%d日} 前提交补正材料。{clock.explanation}",
            on,
        )

    return WORKFLOW.move(
        "record_correction_notice_received", case, actor, expected_version, apply, on=on
    )


def case_extend_correction(*, actor, case, days: int, reason: str, expected_version=None):
    def apply(case):
        clock = _open_clock(case, rules.CORRECTION_SUBMISSION)
        if clock is None:
            raise TransitionRefused("补正期限已结束，不能延长。")
        clock = clocks.clock_extend(clock=clock, days=days, approver=actor, reason=reason)
        case.correction_due_on = clock.due_date
        return _said(
            "correction_extended",
            f"因{reason}，补正期限延长至 {clock.due_date:%Y年%m月%d日}。",
            _today(),
        )

    facts = {"days": days, "reason": reason}
    return WORKFLOW.move("extend_correction", case, actor, expected_version, apply, **facts)


def case_receive_correction(*, actor, case, on: date, expected_version=None):
    """A4: the 5 WD review restarts on receipt of the materials; the F1 date stays the original."""
    not_future(on, "收到补正材料日期")

    def apply(case):
        case.correction_materials_received_on = on
        _close(case, rules.CORRECTION_SUBMISSION, on)
        clock = start_clock(case, rules.ACCEPTANCE_REVIEW, on)
        case.acceptance_due_on = clock.due_date
        return _said(
            "correction_received",
            f"收到补正材料，重新审查，受理审查期限至 {clock.due_date:%Y年%m月%d日}。{clock.explanation}",
            on,
        )

    return WORKFLOW.move("receive_correction", case, actor, expected_version, apply, on=on)


def case_deem_abandoned(*, actor, case, on: date, expected_version=None):
    def apply(case):
        case.abandoned_on = on
        _close(case, rules.CORRECTION_SUBMISSION, on)
        return _said(
            "abandoned",
            f"申请人无正当理由逾期（期限 {case.correction_due_on:%Y年%m月%d日}）不补正，视为放弃行政复议申请，记录在案。",
            on,
        )

    return WORKFLOW.move("deem_abandoned", case, actor, expected_version, apply, on=on)


def _begin_review(case, on: date, actor) -> None:
    """Accepted on `on`: start the copy clock (F12/F13) and the decision clock (F17)."""
    case.accepted_on = on
    case.status = CaseStatus.IN_REVIEW
    if case.handler_id is None and actor is not None:
        case.handler = actor
    _close(case, rules.ACCEPTANCE_REVIEW, on)
    copy_rule = (
        rules.COPY_TO_RESPONDENT_SIMPLE
        if case.procedure == Procedure.SIMPLE
        else rules.COPY_TO_RESPONDENT
    )
    case.copy_due_on = start_clock(case, copy_rule, on).due_date
    sync_decision_due(case, start_clock(case, decision_rule(case), on))
    if case.is_major_complex or case.is_technical:
        case.committee_required = True


def case_accept(
    *,
    actor,
    case,
    on: date,
    conditions=tuple(AcceptanceCondition.values),
    procedure: str = Procedure.NORMAL,
    simple_ground: str = "",
    expected_version=None,
):
    """F7 (复议法 30(1)), with the simple-procedure check (F13, 复议法 53)."""
    not_future(on, "受理日期")
    conditions = list(conditions)

    def apply(case):
        case.acceptance_conditions = conditions
        case.procedure = procedure
        if procedure == Procedure.SIMPLE:
            case.simple_ground = simple_ground or case.simple_procedure_grounds[0]
        _begin_review(case, on, actor)
        text = f"决定受理，适用{case.get_procedure_display()}"
        if procedure == Procedure.SIMPLE:
            text += f"（{case.get_simple_ground_display()}）"
        return _said(
            "accepted", f"{text}。行政复议决定期限至 {case.decision_due_on:%Y年%m月%d日}。", on
        )

    facts = {"on": on, "conditions": conditions, "procedure": procedure}
    facts["simple_ground"] = simple_ground
    return WORKFLOW.move("accept", case, actor, expected_version, apply, **facts)


def case_deem_accepted(*, case, today: date, actor=None):
    """F7: no decision by the end of the review period → accepted from the day it ended."""

    def apply(case):
        case.deemed_accepted = True
        on = case.acceptance_due_on
        _begin_review(case, on, None)
        return _said(
            "deemed_accepted",
            f"受理审查期限于 {on:%Y年%m月%d日} 届满，未作出不予受理决定，自该日起视为受理。"
            f"行政复议决定期限至 {case.decision_due_on:%Y年%m月%d日}。",
            on,
        )

    return WORKFLOW.move("deem_accepted", case, actor, None, apply, on=today)


def case_reject(
    *,
    actor,
    case,
    on: date,
    unmet_conditions,
    reason: str,
    competent_organ: str = "",
    expected_version=None,
):
    """不予受理 within the review period, with reasons (复议法 30(2))."""
    not_future(on, "不予受理决定日期")
    unmet_conditions = list(unmet_conditions)

    def apply(case):
        case.not_accepted_on = on
        case.not_accepted_reason = reason.strip()
        case.unmet_conditions = unmet_conditions
        case.competent_organ = competent_organ.strip()
        _close(case, rules.ACCEPTANCE_REVIEW, on)
        return _said("not_accepted", f"决定不予受理：{case.not_accepted_reason}", on)

    facts = {"on": on, "unmet_conditions": unmet_conditions, "reason": reason}
    facts["competent_organ"] = competent_organ
    return WORKFLOW.move("reject", case, actor, expected_version, apply, **facts)


def case_forward(
    *, actor, case, on: date, forwarded_to: str, reason: str = "", expected_version=None
):
    not_future(on, "转送日期")

    def apply(case):
        case.forwarded_on = on
        case.forwarded_to = forwarded_to.strip()
        _close(case, rules.ACCEPTANCE_REVIEW, on)
        _close(case, rules.CORRECTION_SUBMISSION, on)
        return _said("forwarded", f"转送{case.forwarded_to}处理。{reason}".strip(), on)

    facts = {"on": on, "forwarded_to": forwarded_to}
    return WORKFLOW.move("forward", case, actor, expected_version, apply, **facts)


def scan_intake(*, today: date | None = None) -> list[ReconsiderationCase]:
    """Deem accepted every application whose review period ended (F7); flag missed replies (F12);
    open the 15-day window to sue of 复议前置 cases left undecided past their period (F11).

    Run daily (management command `reconsideration_scan`); returns the cases it changed.
    """
    today = today or _today()
    changed = []
    due = ReconsiderationCase.objects.filter(
        status=CaseStatus.RECEIVED, acceptance_due_on__lt=today
    ).order_by("pk")
    for case in due:
        changed.append(case_deem_accepted(case=case, today=today))
    late = ReconsiderationCase.objects.filter(
        status__in=OPEN_ACCEPTED_STATES,
        reply_received_on__isnull=True,
        reply_missed=False,
        reply_due_on__lt=today,
    ).order_by("pk")
    for case in late:
        changed.append(case_flag_reply_missed(case=case, today=today))
    undecided = (
        ReconsiderationCase.objects.filter(
            status__in=OPEN_ACCEPTED_STATES, decision_due_on__lt=today
        )
        .exclude(prerequisite_ground="")
        .order_by("pk")
    )
    for case in undecided:
        if _expired_undecided(case, today):
            changed.append(case_open_litigation_window_on_expiry(case=case))
    return changed


@transaction.atomic
def case_flag_reply_missed(*, case, today: date):
    case = _lock(case, None)
    case.reply_missed = True
    _save(case, None)
    _event(
        case,
        kind="reply_missed",
        text=(
            f"被申请人未在 {case.reply_due_on:%Y年%m月%d日} 前提出书面答复、提交证据依据，"
            "视为该行政行为没有证据、依据（第三人提供证据的除外）。"
        ),
        on=case.reply_due_on,
        citation="《行政复议法》第七十条",
    )
    return case


# --- handling (复议法 39-55) ---------------------------------------------------------------


def _copy_rule(case) -> str:
    simple = case.procedure == Procedure.SIMPLE
    return rules.COPY_TO_RESPONDENT_SIMPLE if simple else rules.COPY_TO_RESPONDENT


def _reply_rule(case) -> str:
    simple = case.procedure == Procedure.SIMPLE
    return rules.RESPONDENT_REPLY_SIMPLE if simple else rules.RESPONDENT_REPLY


def _copy_article(case) -> str:
    """The copy and the reply: 复议法 48, or 54 in the simple procedure."""
    article = "第五十四条" if case.procedure == Procedure.SIMPLE else "第四十八条"
    return f"《行政复议法》{article}"


@transaction.atomic
def case_send_copy(*, actor, case, sent_on: date, received_on=None, expected_version=None):
    """F12/F13: the copy goes out within 7 WD (simple: 3 WD) of acceptance."""
    not_future(sent_on, "发送副本日期")

    def apply(case):
        case.copy_sent_on = sent_on
        clock = _close(case, _copy_rule(case), sent_on)
        late = clock is not None and clock.state == "missed"
        text = f"向被申请人发送申请书副本{'（已超过发送期限）' if late else ''}。"
        return _said("copy_sent", text, sent_on, _copy_article(case))

    case = WORKFLOW.move("send_copy", case, actor, expected_version, apply, sent_on=sent_on)
    if received_on is not None:
        case = case_record_copy_received(actor=actor, case=case, on=received_on)
    return case


def case_record_copy_received(*, actor, case, on: date, expected_version=None):
    not_future(on, "被申请人收到副本日期")

    def apply(case):
        case.copy_received_on = on
        clock = start_clock(case, _reply_rule(case), on)
        case.reply_due_on = clock.due_date
        return _said(
            "copy_received",
            f"被申请人收到申请书副本，应于 {clock.due_date:%Y年%m月%d日} 前提出书面答复。{clock.explanation}",
            on,
            _copy_article(case),
        )

    return WORKFLOW.move("record_copy_received", case, actor, expected_version, apply, on=on)


def case_record_reply(*, actor, case, on: date, expected_version=None):
    not_future(on, "收到答复日期")

    def apply(case):
        case.reply_received_on = on
        clock = _close(case, _reply_rule(case), on)
        late = (clock is not None and clock.state == "missed") or (
            case.reply_due_on is not None and on > case.reply_due_on
        )
        if not late:
            return _said("reply_received", "收到被申请人的书面答复及证据、依据。", on)
        case.reply_missed = True
        text = (
            f"被申请人逾期（期限 {case.reply_due_on:%Y年%m月%d日}）提交书面答复，"
            "视为该行政行为没有证据、依据（第三人提供证据的除外）。"
        )
        return _said("reply_received", text, on, "《行政复议法》第七十条")

    return WORKFLOW.move("record_reply", case, actor, expected_version, apply, on=on)


def case_record_hearing(*, actor, case, kind: str, held_on: date, expected_version=None, **data):
    """F14-F15: hearing of views (49) or a hearing with ≥ 5 WD written notice (50-51)."""
    recorded = []

    def apply(case):
        hearing = CaseHearing(case=case, kind=kind, held_on=held_on, recorded_by=actor, **data)
        hearing.full_clean()
        hearing.save()
        recorded.append(hearing)
        article = "第五十条、第五十一条" if kind == "hearing" else "第四十九条"
        text = f"{hearing.get_kind_display()}（{hearing.get_method_display()}）。"
        return _said(f"hearing_{kind}", text, held_on, f"《行政复议法》{article}")

    facts = {"kind": kind, "held_on": held_on, **data}
    WORKFLOW.move("record_hearing", case, actor, expected_version, apply, **facts)
    return recorded[0]


def case_record_committee_opinion(*, actor, case, on: date, opinion: str, expected_version=None):
    not_future(on, "咨询日期")

    def apply(case):
        case.committee_required = True
        case.committee_consulted_on = on
        case.committee_opinion = opinion.strip()
        return _said("committee_opinion", "行政复议委员会提出咨询意见，已记录。", on)

    facts = {"opinion": opinion}
    return WORKFLOW.move("record_committee_opinion", case, actor, expected_version, apply, **facts)


def case_convert_to_normal(*, actor, case, on: date, approver, expected_version=None):
    """F13 (复议法 55): simple → normal with the office head's approval; 60-day period applies."""
    not_future(on, "批准日期")

    def apply(case):
        _close(case, rules.DECISION_SIMPLE, on)
        case.procedure = Procedure.NORMAL
        case.converted_to_normal_on = on
        case.conversion_approver = approver
        clock = start_clock(case, rules.DECISION_NORMAL, case.accepted_on)
        for suspension in case.suspensions.all():
            clocks.clock_pause(
                clock=clock, on=suspension.started_on, reason=suspension.get_ground_display()
            )
            if suspension.resumed_on:
                clock = clocks.clock_resume(clock=clock, on=suspension.resumed_on)
        clock.refresh_from_db()
        sync_decision_due(case, clock)
        return _said(
            "converted",
            f"经{approver.display_name}批准，转为普通程序审理，决定期限至 {case.decision_due_on:%Y年%m月%d日}。",
            on,
        )

    facts = {"approver": approver, "on": on}
    return WORKFLOW.move("convert_to_normal", case, actor, expected_version, apply, **facts)


def case_extend(*, actor, case, days: int, approver, on: date, reason: str, expected_version=None):
    """F17: once, ≤ 30 days, with the office head's approval and written notice to the parties."""
    not_future(on, "批准日期")

    def apply(case):
        clock = clocks.clock_extend(
            clock=decision_clock(case), days=days, approver=approver, reason=reason, on=on
        )
        case.extension_days = days
        case.extension_approver = approver
        case.extension_approved_on = on
        case.extension_reason = reason.strip()
        sync_decision_due(case, clock)
        return _said(
            "extended",
            f"情况复杂，经{approver.display_name}批准，决定期限延长 {days} 日，至 {clock.due_date:%Y年%m月%d日}，并书面告知当事人。",
            on,
        )

    facts = {"days": days, "approver": approver, "reason": reason, "on": on}
    return WORKFLOW.move("extend", case, actor, expected_version, apply, **facts)


def case_suspend(
    *,
    actor,
    case,
    on: date,
    ground: str,
    detail: str = "",
    notice_sent_on=None,
    expected_version=None,
):
    """F18: 中止 with one of the grounds of 复议法 39; the decision clock stops (A5)."""
    not_future(on, "中止日期")

    def apply(case):
        suspension = CaseSuspension(
            case=case, ground=ground, detail=detail, started_on=on, notice_sent_on=notice_sent_on
        )
        suspension.full_clean()
        suspension.save()
        ground_label = suspension.get_ground_display()
        clock = clocks.clock_pause(
            clock=decision_clock(case), on=on, reason=f"中止：{ground_label}"
        )
        sync_decision_due(case, clock)
        text = f"中止审理：{ground_label}{('，' + detail) if detail else ''}。决定期限停止计算。"
        return _said("suspended", text, on)

    return WORKFLOW.move("suspend", case, actor, expected_version, apply, on=on, ground=ground)


def case_resume(*, actor, case, on: date, notice_sent_on=None, expected_version=None):
    not_future(on, "恢复审理日期")

    def apply(case):
        suspension = case.suspensions.filter(resumed_on__isnull=True).last()
        suspension.resumed_on = on
        suspension.resume_notice_sent_on = notice_sent_on
        suspension.full_clean()
        suspension.save()
        clock = clocks.clock_resume(clock=decision_clock(case), on=on)
        sync_decision_due(case, clock)
        return _said(
            "resumed",
            f"中止原因消除，恢复审理，决定期限顺延至 {clock.due_date:%Y年%m月%d日}。",
            on,
        )

    return WORKFLOW.move("resume", case, actor, expected_version, apply, on=on)


def case_record_mediation(*, actor, case, signed_on: date, sealed_on: date, expected_version=None):
    not_future(sealed_on, "调解书盖章日期")

    def apply(case):
        case.mediation_signed_on = signed_on
        case.mediation_sealed_on = sealed_on
        text = "调解书经各方当事人签字并加盖行政复议机关印章，具有法律效力。"
        return _said("mediation", text, sealed_on)

    facts = {"signed_on": signed_on, "sealed_on": sealed_on}
    return WORKFLOW.move("record_mediation", case, actor, expected_version, apply, **facts)


def case_record_settlement(
    *, actor, case, reached_on: date, withdrawal_approved_on=None, expected_version=None
):
    not_future(reached_on, "和解日期")

    def apply(case):
        case.settlement_reached_on = reached_on
        case.withdrawal_approved_on = withdrawal_approved_on
        text = "当事人自愿达成和解"
        if withdrawal_approved_on:
            text += f"，申请人撤回申请，{withdrawal_approved_on:%Y年%m月%d日}准予撤回"
        return _said("settlement", text + "。", reached_on)

    facts = {"reached_on": reached_on, "withdrawal_approved_on": withdrawal_approved_on}
    return WORKFLOW.move("record_settlement", case, actor, expected_version, apply, **facts)


def case_approve_withdrawal(*, actor, case, on: date, expected_version=None):
    """The office allows a withdrawal without settlement (复议法 41(1)(1))."""
    not_future(on, "准予撤回日期")

    def apply(case):
        case.withdrawal_approved_on = on
        return _said("withdrawal", "申请人撤回行政复议申请，准予撤回。", on)

    return WORKFLOW.move("approve_withdrawal", case, actor, expected_version, apply, on=on)


# --- decision (复议法 61-79; F21-F27) --------------------------------------------------------


def case_propose_decision(
    *,
    actor,
    case,
    outcome: str,
    on: date,
    grounds: str = "",
    order_redo: bool = False,
    unlawful_ground: str = "",
    compensation: str = Compensation.NONE,
    termination_ground: str = "",
    worse_for_applicant: bool = False,
    third_party_requested: bool = False,
    expected_version=None,
):
    """The office's proposed decision or closure, waiting for approval (复议法 61(1))."""
    not_future(on, "拟决定日期")
    facts = {
        "outcome": outcome,
        "on": on,
        "grounds": grounds,
        "order_redo": order_redo,
        "unlawful_ground": unlawful_ground,
        "termination_ground": termination_ground,
        "worse_for_applicant": worse_for_applicant,
        "third_party_requested": third_party_requested,
    }

    def apply(case):
        if compensation not in Compensation.values:
            raise TransitionRefused("行政赔偿处理方式不在《行政复议法》第七十二条规定的范围内。")
        case.outcome = outcome
        case.outcome_grounds = grounds.strip()
        case.order_redo = order_redo
        case.unlawful_ground = unlawful_ground if outcome == Outcome.DECLARED_UNLAWFUL else ""
        case.compensation = compensation
        case.termination_ground = termination_ground
        case.default_for_no_reply = bool(case.reply_missed and not case.third_party_evidence)
        case.proposed_on = on
        case.proposed_by = actor
        text = f"提出拟处理意见：{case.get_outcome_display()}，报请审批。"
        return _said("proposed", text, on)

    return WORKFLOW.move("propose", case, actor, expected_version, apply, **facts)


def case_withdraw_proposal(*, actor, case, reason: str = "", expected_version=None):
    def apply(case):
        if case.suspensions.filter(resumed_on__isnull=True).exists():
            case.status = CaseStatus.SUSPENDED
        case.approval_kind = ""
        case.approved_on = None
        case.approved_by_name = case.approved_by_title = case.approval_meeting = ""
        text = f"拟处理意见退回重新审理。{reason}".strip()
        return {"kind": "proposal_withdrawn", "text": text, "on": _today(), "citation": ""}

    return WORKFLOW.move("withdraw_proposal", case, actor, expected_version, apply)


def case_approve_decision(
    *,
    actor,
    case,
    kind: str,
    on: date,
    approver_name: str = "",
    approver_title: str = "",
    meeting: str = "",
    expected_version=None,
):
    """F21: the 复议机关's head consents, or collective discussion passes the proposal."""
    not_future(on, "批准日期")
    facts = {"kind": kind, "on": on, "approver_name": approver_name}
    facts |= {"approver_title": approver_title, "meeting": meeting}

    def apply(case):
        case.approval_kind = kind
        case.approved_on = on
        case.approved_by_name = approver_name.strip()
        case.approved_by_title = approver_title.strip()
        case.approval_meeting = meeting.strip()
        who = (
            f"{case.approved_by_title}{case.approved_by_name}同意"
            if kind == ApprovalKind.HEAD
            else f"{case.approval_meeting}集体讨论通过"
        )
        return _said("approved", f"拟处理意见经{who}。", on)

    return WORKFLOW.move("approve", case, actor, expected_version, apply, **facts)


def case_issue_decision(*, actor, case, on: date, decision_number: str = "", expected_version=None):
    """Issue the 决定书 (or 调解书/终止决定) and close the case; the decision clock closes."""
    not_future(on, "作出决定日期")

    def apply(case):
        clock = decision_clock(case)
        if clock is not None and clock.is_open:
            clock = clocks.clock_close(clock=clock, on=on)
        case.closed_on = on
        case.decision_number = decision_number.strip() or case.case_number
        case.decided_on_time = None if clock is None else clock.state == "met"
        if clock is not None:
            sync_decision_due(case, clock)
        open_suspension = case.suspensions.filter(resumed_on__isnull=True).last()
        if open_suspension is not None:
            open_suspension.resumed_on = on
            open_suspension.save(update_fields=["resumed_on"])
        for rule_code in (rules.COPY_TO_RESPONDENT, rules.COPY_TO_RESPONDENT_SIMPLE):
            _close(case, rule_code, on)
        for rule_code in (rules.RESPONDENT_REPLY, rules.RESPONDENT_REPLY_SIMPLE):
            _close(case, rule_code, on)
        timing = "在法定期限内" if case.decided_on_time else "超过法定期限"
        return _said(
            "closed",
            f"作出{case.get_outcome_display()}，文号 {case.decision_number}（{timing}，期限 {case.decision_due_on:%Y年%m月%d日}）。",
            on,
            "《行政复议法》第六十一条第一款、第七十五条第一款",
        )

    return WORKFLOW.move("issue", case, actor, expected_version, apply, on=on)


def case_record_service(*, actor, case, on: date, publish: bool = False, expected_version=None):
    """F25: the 决定书 takes effect on service (复议法 75(2)); a 不予受理 决定书 is served too.
    In a 复议前置 case the service starts the 15-day window to sue (复议法 34; 行诉法 45; F11)."""
    not_future(on, "送达日期")

    def apply(case):
        case.served_on = on
        not_accepted = case.status == CaseStatus.NOT_ACCEPTED
        if not not_accepted:
            case.publish_decision = publish
        _event(
            case,
            kind="served",
            text="不予受理决定书送达申请人。"
            if not_accepted
            else "决定书送达当事人，发生法律效力。",
            on=on,
            actor=actor,
            citation="《行政复议法》第三十条第二款"
            if not_accepted
            else "《行政复议法》第七十五条第二款",
        )
        if litigation_window_opens(case):
            document = "不予受理决定书" if not_accepted else f"{case.get_outcome_display()}决定书"
            _start_litigation_window(case, on, f"{document}于 {on:%Y年%m月%d日} 送达", actor)
        return {"timeline": False}

    return WORKFLOW.move("serve", case, actor, expected_version, apply, on=on)


def case_record_copy_report(*, actor, case, on: date, to: str, expected_version=None):
    """F27: copy the effective 决定书 to the respondent department's superior (复议法 79(2))."""
    not_future(on, "抄告日期")

    def apply(case):
        case.copy_report_to = to.strip()
        case.copy_reported_on = on
        return _said("copy_reported", f"决定书抄告{case.copy_report_to}。", on)

    return WORKFLOW.move("record_copy_report", case, actor, expected_version, apply, on=on, to=to)


@transaction.atomic
def opinion_letter_issue(
    *, actor, case, recipient_unit, content: str, issued_on: date, received_on=None
) -> OpinionLetter:
    """F26: a 意见书; the recipient reports its corrections within 60 days of receipt."""
    case = ReconsiderationCase.objects.select_for_update().get(pk=case.pk)
    not_future(issued_on, "制发日期")
    WORKFLOW.require("issue_opinion_letter", actor, case)
    letter = OpinionLetter(
        unit=case.unit,
        case=case,
        recipient_unit=recipient_unit,
        content=content,
        issued_on=issued_on,
    )
    letter.full_clean()
    letter.save()
    _event(
        case,
        kind="opinion_letter",
        text=f"向{recipient_unit}制发行政复议意见书。",
        on=issued_on,
        actor=actor,
        citation="《行政复议法》第七十六条",
    )
    if received_on is not None:
        letter = opinion_letter_record_receipt(actor=actor, letter=letter, on=received_on)
    return letter


@transaction.atomic
def opinion_letter_record_receipt(*, actor, letter, on: date) -> OpinionLetter:
    letter = OpinionLetter.objects.select_for_update().get(pk=letter.pk)
    not_future(on, "收到日期")
    WORKFLOW.require("issue_opinion_letter", actor, letter.case)
    if on < letter.issued_on:
        raise ValidationError("收到日期不能早于制发日期。")
    letter.received_on = on
    clock = clocks.clock_start(
        rule_code=rules.OPINION_LETTER_REPLY,
        trigger_date=on,
        subject=letter,
        unit=letter.unit,
        label=f"{letter.case.case_number} 意见书纠正情况报送",
    )
    letter.reply_due_on = clock.due_date
    letter.reply_due_explanation = clock.explanation
    letter.full_clean()
    letter.save()
    return letter


@transaction.atomic
def opinion_letter_record_reply(*, actor, letter, on: date, summary: str) -> OpinionLetter:
    letter = OpinionLetter.objects.select_for_update().get(pk=letter.pk)
    not_future(on, "报送日期")
    WORKFLOW.require("issue_opinion_letter", actor, letter.case)
    if letter.received_on is None or on < letter.received_on:
        raise ValidationError("报送纠正情况的日期不能早于对方收到意见书的日期。")
    if not summary.strip():
        raise ValidationError("请填写纠正情况。")
    letter.replied_on = on
    letter.reply_summary = summary.strip()
    clock = clock_selectors.clock_for(letter, rules.OPINION_LETTER_REPLY)
    if clock is not None and clock.is_open:
        clocks.clock_close(clock=clock, on=on)
    letter.full_clean()
    letter.save()
    return letter


def case_generate_document(
    *, actor, case, kind: str, today: date | None = None
) -> tuple[bytes, str]:
    """Fill a 文书 from the case and note it on the timeline; returns (bytes, file name)."""
    if actor is not None and not may_update(actor, case):
        raise TransitionRefused("只有本行政复议机构的行政复议人员可以生成本案文书。")
    documents.check_available(case, kind)
    data = documents.render(case, kind, today=today)
    label = documents.DocumentKind(kind).label
    _event(case, kind="document", text=f"生成{label}。", on=today or _today(), actor=actor)
    return data, documents.file_name(case, kind)


@transaction.atomic
def template_upload(*, actor, unit, kind: str, uploaded, note: str = ""):
    """Install an office template: validated (a .docx, known placeholders), replaces the active one."""
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": "请选择文书种类。"})
    data = uploaded.read()
    documents.validate_template(data)
    uploaded.seek(0)
    DocumentTemplate.objects.filter(unit=unit, kind=kind, active=True).update(active=False)
    template = DocumentTemplate(unit=unit, kind=kind, note=note, uploaded_by=actor, active=True)
    template.file.save(f"{kind}.docx", uploaded, save=False)
    template.full_clean()
    template.save()
    return template
