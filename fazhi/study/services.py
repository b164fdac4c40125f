"""Writes of the study register: 应知应会 lists, staff, study sessions, the exam roster, 任前考法,
the committee (meetings, documents, tasks) and 述法. Every refusal is Chinese and writes nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from fazhi.core.crypto import blind_index
from fazhi.core.imports import RowCollector, UnitResolver
from fazhi.core.models import Unit
from fazhi.deadlines.services import clock_start
from fazhi.study.models import (
    TASK_RULES,
    AppointmentExam,
    CommitteeDocument,
    CommitteeMeeting,
    CommitteeTask,
    DutyReport,
    DutyReportMode,
    LawExamEntry,
    RequiredLaw,
    RequiredLawList,
    ResponsibilityList,
    StaffMember,
    StudySession,
)
from fazhi.study.selectors import laws_in_force
from fazhi.study.workflow import (
    TASK_WORKFLOW,
    attendance_refusal,
    exam_result_refusal,
    may_keep_committee,
    may_record_for,
)


def _require(verdict, field: str | None = None) -> None:
    if not verdict:
        if field:
            raise ValidationError({field: verdict.reason}, code="refused")
        raise ValidationError(verdict.reason, code="refused")


def _saved(obj):
    obj.full_clean()
    obj.save()
    return obj


# --- 应知应会清单 ---------------------------------------------------------------------------


@transaction.atomic
def required_law_list_create(
    *, actor, division, year: int, title: str, issuer: str = "", laws=()
) -> RequiredLawList:
    """The office publishes a 应知应会 list; `laws` are (title, kind) pairs in order."""
    _require(may_keep_committee(actor))
    law_list = _saved(
        RequiredLawList(division=division, year=year, title=title.strip(), issuer=issuer)
    )
    for title_, kind in laws:
        required_law_add(actor=actor, law_list=law_list, title=title_, kind=kind)
    return law_list


@transaction.atomic
def required_law_add(*, actor, law_list: RequiredLawList, title: str, kind: str) -> RequiredLaw:
    _require(may_keep_committee(actor))
    order = (law_list.laws.aggregate(Max("order"))["order__max"] or 0) + 1
    return _saved(
        RequiredLaw(law_list=law_list, order=order, title=title.strip().strip("《》"), kind=kind)
    )


# --- staff ----------------------------------------------------------------------------------


@transaction.atomic
def staff_register(
    *,
    actor,
    unit,
    name: str,
    position: str = "",
    is_leader: bool = False,
    id_number: str = "",
) -> StaffMember:
    _require(may_record_for(actor, unit))
    return _saved(
        StaffMember(
            unit=unit,
            name=name.strip(),
            position=position.strip(),
            is_leader=is_leader,
            id_number=id_number.strip().upper(),
        )
    )


# --- study sessions -------------------------------------------------------------------------


def _check_laws(unit, held_on: date, laws) -> None:
    allowed = set(laws_in_force(unit, held_on.year).values_list("pk", flat=True))
    outside = [law for law in laws if law.pk not in allowed]
    if outside:
        names = "、".join(str(law) for law in outside)
        raise ValidationError(
            {"laws": f"{names}不在本单位{held_on.year}年适用的应知应会清单中。"}, code="refused"
        )


def _check_decision(unit, held_on: date, decision) -> None:
    if decision is None:
        return
    if unit.pk not in (decision.unit_id, decision.lead_unit_id):
        raise ValidationError(
            {"decision": "只能关联本单位作出或承办的重大行政决策。"}, code="refused"
        )
    if decision.discussed_on is not None and held_on > decision.discussed_on:
        raise ValidationError(
            {
                "decision": f"该决策已于{decision.discussed_on:%Y年%m月%d日}集体讨论，决策前学法应在此之前。"
            },
            code="refused",
        )


@transaction.atomic
def study_session_record(
    *,
    actor,
    unit,
    kind: str,
    held_on: date,
    topic: str,
    laws=(),
    attendees=(),
    lecturer: str = "",
    other_laws: str = "",
    decision=None,
    notes: str = "",
) -> StudySession:
    """Record a law-study session of `unit` with the laws studied (from its 应知应会 list) and
    the unit's people who attended."""
    _require(may_record_for(actor, unit))
    laws, attendees = list(laws), list(attendees)
    _require(attendance_refusal(unit, attendees), "attendees")
    _check_laws(unit, held_on, laws)
    _check_decision(unit, held_on, decision)
    session = _saved(
        StudySession(
            unit=unit,
            kind=kind,
            held_on=held_on,
            topic=topic.strip(),
            lecturer=lecturer.strip(),
            other_laws=other_laws.strip(),
            decision=decision,
            notes=notes,
            recorded_by=actor if getattr(actor, "pk", None) else None,
        )
    )
    session.laws.set(laws)
    session.attendees.set(attendees)
    return session


@transaction.atomic
def study_attendance_add(*, actor, session: StudySession, people) -> StudySession:
    """Add attendees to a recorded session; a person of another unit is refused."""
    _require(may_record_for(actor, session.unit))
    people = list(people)
    _require(attendance_refusal(session.unit, people), "attendees")
    session.attendees.add(*people)
    return session


# --- exams ----------------------------------------------------------------------------------


@transaction.atomic
def exam_entry_add(
    *,
    actor,
    person: StaffMember,
    year: int,
    studied: bool = False,
    registered: bool = False,
    sat: bool = False,
    passed: bool = False,
    score: Decimal | None = None,
) -> LawExamEntry:
    _require(may_record_for(actor, person.unit))
    _require(exam_result_refusal(registered=registered, sat=sat, passed=passed))
    return _saved(
        LawExamEntry(
            unit=person.unit,
            person=person,
            year=year,
            studied=studied,
            registered=registered,
            sat=sat,
            passed=passed,
            score=score,
        )
    )


@transaction.atomic
def exam_result_record(
    *,
    actor,
    entry: LawExamEntry,
    studied: bool,
    registered: bool,
    sat: bool,
    passed: bool,
    score: Decimal | None = None,
) -> LawExamEntry:
    """Record a person's study and exam result; a pass without a sitting is refused."""
    _require(may_record_for(actor, entry.unit))
    _require(exam_result_refusal(registered=registered, sat=sat, passed=passed))
    entry = LawExamEntry.objects.select_for_update().get(pk=entry.pk)
    entry.studied, entry.registered, entry.sat, entry.passed = studied, registered, sat, passed
    entry.score = score
    return _saved(entry)


@transaction.atomic
def roster_import(*, actor, rows: list[dict]) -> int:
    """Store a 学法考法 roster (the import's rows, already parsed): every row or none.

    `unit` is a unit name the importing user may see (or, from scripts, a Unit). A person is
    named by ID number (kept encrypted; matched by its blind index). A person
    already registered in another unit, or already on that year's roster, is refused by row.
    """
    collector = RowCollector(())
    units = UnitResolver(actor)
    people, entries = [], []
    indexes = {blind_index(row["id_number"].strip().upper(), "id_number") for row in rows}
    known = {s.id_number_index: s for s in StaffMember.objects.filter(id_number_index__in=indexes)}
    on_roster = set(
        LawExamEntry.objects.filter(person__id_number_index__in=indexes).values_list(
            "person__id_number_index", "year"
        )
    )
    for row in rows:
        number = row["_row"]
        unit = row["unit"] if isinstance(row["unit"], Unit) else units.get(row["unit"])
        if unit is None:
            collector.add(number, "单位", f"单位“{row['unit']}”不存在或不在本账号管辖范围内")
            continue
        if not may_record_for(actor, unit):
            collector.add(number, "单位", may_record_for(actor, unit).reason)
            continue
        verdict = exam_result_refusal(
            registered=row.get("registered", False),
            sat=row.get("sat", False),
            passed=row.get("passed", False),
        )
        if not verdict:
            collector.add(number, "通过" if row.get("passed") else "参考", verdict.reason)
            continue
        id_number = row["id_number"].strip().upper()
        index = blind_index(id_number, "id_number")
        person = known.get(index)
        if person is not None and person.unit_id != unit.pk:
            collector.add(number, "身份证号", "该人员已登记为其他单位的工作人员")
            continue
        if (index, row["year"]) in on_roster:
            collector.add(number, "身份证号", f"该人员已列入{row['year']}年学法考法名单")
            continue
        if person is None:
            person = StaffMember(
                unit=unit,
                name=row["name"].strip(),
                position=(row.get("position") or "").strip(),
                is_leader=bool(row.get("is_leader")),
                id_number=id_number,
            )
            try:
                person.full_clean(validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                collector.field_errors(number, exc, fallback="姓名")
                continue
            known[index] = person
            people.append(person)
        elif person.name != row["name"].strip():
            collector.add(number, "姓名", f"该身份证号登记的人员是“{person.name}”")
            continue
        on_roster.add((index, row["year"]))
        entries.append(
            LawExamEntry(
                unit=unit,
                person=person,
                year=row["year"],
                studied=bool(row.get("studied")),
                registered=bool(row.get("registered")),
                sat=bool(row.get("sat")),
                passed=bool(row.get("passed")),
                score=row.get("score"),
            )
        )
    collector.raise_if_any()
    StaffMember.objects.bulk_create(people)
    LawExamEntry.objects.bulk_create(entries)
    return len(entries)


@transaction.atomic
def appointment_exam_record(
    *,
    actor,
    person: StaffMember,
    position: str,
    exam_date: date,
    passed: bool,
    score: Decimal | None = None,
) -> AppointmentExam:
    """任前考法 of a newly appointed leader of the person's unit."""
    _require(may_record_for(actor, person.unit))
    return _saved(
        AppointmentExam(
            unit=person.unit,
            person=person,
            position=position.strip(),
            exam_date=exam_date,
            score=score,
            passed=passed,
        )
    )


# --- the committee --------------------------------------------------------------------------


@transaction.atomic
def committee_meeting_record(
    *,
    actor,
    unit,
    number: int,
    held_on: date,
    title: str,
    chair: str = "",
    attendees: str = "",
) -> CommitteeMeeting:
    _require(may_keep_committee(actor))
    _require(may_record_for(actor, unit))
    return _saved(
        CommitteeMeeting(
            unit=unit,
            number=number,
            held_on=held_on,
            title=title.strip(),
            chair=chair,
            attendees=attendees,
        )
    )


@transaction.atomic
def committee_document_adopt(
    *, actor, meeting: CommitteeMeeting, kind: str, title: str, covers_year: int
) -> CommitteeDocument:
    """A document the committee adopted at `meeting` (审议通过)."""
    _require(may_keep_committee(actor))
    return _saved(
        CommitteeDocument(
            unit=meeting.unit,
            meeting=meeting,
            kind=kind,
            title=title.strip().strip("《》"),
            covers_year=covers_year,
        )
    )


@transaction.atomic
def committee_task_assign(
    *,
    actor,
    unit,
    title: str,
    assigned_on: date,
    period_rule: str = "study.task_standard",
    meeting: CommitteeMeeting | None = None,
    document: CommitteeDocument | None = None,
    detail: str = "",
) -> CommitteeTask:
    """Assign a task to `unit`; its deadline clock starts on `assigned_on` (fazhi.deadlines)."""
    _require(may_keep_committee(actor))
    _require(may_record_for(actor, unit))
    if period_rule not in dict(TASK_RULES):
        raise ValidationError({"period_rule": "办理期限无效。"})
    if meeting is not None and assigned_on < meeting.held_on:
        raise ValidationError({"assigned_on": "交办日期不能早于交办会议的日期。"})
    task = _saved(
        CommitteeTask(
            unit=unit,
            meeting=meeting,
            document=document,
            title=title.strip(),
            detail=detail,
            assigned_on=assigned_on,
            period_rule=period_rule,
        )
    )
    clock = clock_start(
        rule_code=period_rule,
        trigger_date=assigned_on,
        subject=task,
        unit=unit,
        owner=actor if getattr(actor, "pk", None) else None,
        label=f"{task.title} 办理期限",
        actor=actor,
    )
    task.due_date = clock.due_date
    task.save(update_fields=["due_date"])
    TASK_WORKFLOW.timeline(
        task,
        verb="assign",
        text=f"{assigned_on:%Y年%m月%d日}交办{unit.name}，{clock.explanation}"[:255],
        on=assigned_on,
        actor=actor if getattr(actor, "pk", None) else None,
        citation="",
    )
    return task


def committee_task_follow_up(
    *, actor, task: CommitteeTask, on: date, note: str, expected_version: int | None = None
) -> CommitteeTask:
    """督办: the office presses the responsible unit; recorded on the timeline."""
    return TASK_WORKFLOW.step(
        "follow_up",
        task,
        actor=actor,
        expected_version=expected_version,
        changes={"follow_ups": task.follow_ups + 1},
        on=on,
        note=note.strip() or "督促按期办结",
    )


def committee_task_complete(
    *, actor, task: CommitteeTask, on: date, result: str, expected_version: int | None = None
) -> CommitteeTask:
    """办结: the responsible unit reports the result; the deadline clock closes (met/missed)."""
    if not result.strip():
        raise ValidationError({"result": "请填写办理结果。"})
    return TASK_WORKFLOW.step(
        "complete", task, actor=actor, expected_version=expected_version, on=on, result=result
    )


# --- 述法 and duty lists ---------------------------------------------------------------------


@transaction.atomic
def duty_report_record(
    *,
    actor,
    unit,
    year: int,
    head_name: str,
    head_position: str,
    mode: str,
    reported_on: date,
    committee_meeting: CommitteeMeeting | None = None,
    summary: str = "",
) -> DutyReport:
    """A head's 述法: in public at a committee meeting, or in writing."""
    _require(may_record_for(actor, unit))
    if mode == DutyReportMode.PUBLIC:
        if committee_meeting is None:
            raise ValidationError({"committee_meeting": "公开述法须登记述法所在的委员会会议。"})
        if reported_on != committee_meeting.held_on:
            raise ValidationError({"reported_on": "公开述法日期应为委员会会议召开日期。"})
    return _saved(
        DutyReport(
            unit=unit,
            year=year,
            head_name=head_name.strip(),
            head_position=head_position.strip(),
            mode=mode,
            reported_on=reported_on,
            committee_meeting=committee_meeting,
            summary=summary,
        )
    )


@transaction.atomic
def responsibility_list_record(
    *, actor, unit, year: int, head_name: str, head_position: str, duties: str
) -> ResponsibilityList:
    _require(may_record_for(actor, unit))
    if not [line for line in duties.splitlines() if line.strip()]:
        raise ValidationError({"duties": "请至少填写一项职责。"})
    return _saved(
        ResponsibilityList(
            unit=unit,
            year=year,
            head_name=head_name.strip(),
            head_position=head_position.strip(),
            duties=duties.strip(),
        )
    )
