"""The study register: sessions with laws and attendance, the exam roster and its rates, the
committee's tasks and their deadlines, 述法, and the compliance checks behind problem 一.

Every expected figure is counted by hand from the records the test creates."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from fazhi.core.imports import run_import
from fazhi.core.models import UnitKind
from fazhi.core.testing.factories import UnitFactory
from fazhi.core.xlsx import ImportProblems
from fazhi.deadlines.selectors import clock_for
from fazhi.decisions.models import DecisionCategory, MajorDecision
from fazhi.indicators.catalog import catalog_sync
from fazhi.indicators.selectors import findings_for, indicator_value, indicator_values
from fazhi.meetings.models import AgendaItem, AgendaItemKind, AgendaOutcome, Meeting, MeetingKind
from fazhi.study import services
from fazhi.study.imports import ROSTER_COLUMNS, ROSTER_IMPORT
from fazhi.study.models import (
    DutyReportMode,
    LawExamEntry,
    StaffMember,
    StudyKind,
    StudySession,
    TaskState,
)
from fazhi.study.tests.factories import id_number, make_law_list, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _catalog(db):
    catalog_sync()


@pytest.fixture
def law_list(district):
    return make_law_list(district.parent)  # the city's list applies to the district's units


def _laws(law_list, *titles):
    return [law_list.laws.get(title=t) for t in titles]


# --- sessions and attendance -----------------------------------------------------------------


def test_clerk_records_a_session_with_laws_from_the_list_and_the_units_people(clerk_a, law_list):
    head = make_staff(clerk_a.unit, name="张局长", is_leader=True)
    session = services.study_session_record(
        actor=clerk_a,
        unit=clerk_a.unit,
        kind=StudyKind.CENTRAL_GROUP,
        held_on=date(2024, 4, 2),
        topic="学习民法典",
        laws=_laws(law_list, "民法典", "宪法"),
        attendees=[head],
    )
    assert {law.title for law in session.laws.all()} == {"民法典", "宪法"}
    assert list(session.attendees.all()) == [head]
    assert session.recorded_by == clerk_a


def test_attendance_of_a_person_of_another_unit_is_refused_and_nothing_is_written(
    clerk_a, unit_b, law_list
):
    own = make_staff(clerk_a.unit, name="本单位干部")
    stranger = make_staff(unit_b, name="李四")
    with pytest.raises(ValidationError) as refused:
        services.study_session_record(
            actor=clerk_a,
            unit=clerk_a.unit,
            kind=StudyKind.LECTURE,
            held_on=date(2024, 4, 2),
            topic="法治讲座",
            laws=_laws(law_list, "宪法"),
            attendees=[own, stranger],
        )
    assert "李四不是蒸湘区人力资源和社会保障局的工作人员" in str(refused.value)
    assert StudySession.objects.count() == 0
    session = services.study_session_record(
        actor=clerk_a,
        unit=clerk_a.unit,
        kind=StudyKind.LECTURE,
        held_on=date(2024, 4, 2),
        topic="法治讲座",
        attendees=[own],
    )
    with pytest.raises(ValidationError, match="李四不是"):
        services.study_attendance_add(actor=clerk_a, session=session, people=[stranger])
    assert list(session.attendees.all()) == [own]


def test_a_law_outside_the_list_in_force_is_refused(clerk_a, law_list, district):
    later = make_law_list(district.parent, year=2025, titles=("安全生产法",))
    with pytest.raises(ValidationError, match="不在本单位2024年适用的应知应会清单中"):
        services.study_session_record(
            actor=clerk_a,
            unit=clerk_a.unit,
            kind=StudyKind.CENTRAL_GROUP,
            held_on=date(2024, 6, 1),
            topic="安全生产",
            laws=list(later.laws.all()),
        )
    assert StudySession.objects.count() == 0


def test_a_clerk_cannot_record_for_another_unit(clerk_a, unit_b):
    with pytest.raises(ValidationError, match="只能登记本单位"):
        services.study_session_record(
            actor=clerk_a,
            unit=unit_b,
            kind=StudyKind.LECTURE,
            held_on=date(2024, 4, 2),
            topic="讲座",
        )


# --- the exam roster --------------------------------------------------------------------------


def _roster_file(rows):
    book = Workbook()
    sheet = book.active
    sheet.append([c.header for c in ROSTER_COLUMNS])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _row(unit, n, name, results=("是", "是", "是", "是"), year=2024):
    return [unit.name, year, name, id_number(n), "科员", "否", *results, 88]


def test_roster_import_with_a_duplicate_person_is_refused_and_nothing_is_written(
    office_staff, unit_a
):
    data = _roster_file([_row(unit_a, 1, "王一"), _row(unit_a, 2, "王二"), _row(unit_a, 1, "王一")])
    with pytest.raises(ImportProblems) as problems:
        run_import(ROSTER_IMPORT, data, actor=office_staff)
    assert [str(e) for e in problems.value.errors] == ["第4行“身份证号”列：与第2行重复"]
    assert StaffMember.objects.count() == 0 and LawExamEntry.objects.count() == 0


def test_roster_import_refuses_a_pass_without_a_sitting_by_row(office_staff, unit_a):
    data = _roster_file(
        [_row(unit_a, 1, "王一"), _row(unit_a, 2, "王二", ("是", "是", "否", "是"))]
    )
    with pytest.raises(ImportProblems) as problems:
        run_import(ROSTER_IMPORT, data, actor=office_staff)
    assert [str(e) for e in problems.value.errors] == [
        "第3行“通过”列：未参加考试（参考）的人员不能登记为考试通过。"
    ]
    assert StaffMember.objects.count() == 0 and LawExamEntry.objects.count() == 0


def test_roster_import_refuses_a_person_registered_in_another_unit(office_staff, unit_a, unit_b):
    make_staff(unit_b, name="王一", id_number=id_number(1))
    data = _roster_file([_row(unit_a, 1, "王一")])
    with pytest.raises(ImportProblems, match="该人员已登记为其他单位的工作人员"):
        run_import(ROSTER_IMPORT, data, actor=office_staff)
    assert LawExamEntry.objects.count() == 0


def test_roster_import_gives_the_four_rates_and_a_reimport_writes_nothing(
    office_staff, unit_a, unit_b, district
):
    # unit A: 4 people; 3 studied, 3 registered, 2 sat, 1 passed. unit B: 1 person, all yes.
    rows = [
        _row(unit_a, 1, "甲", ("是", "是", "是", "是")),
        _row(unit_a, 2, "乙", ("是", "是", "是", "否")),
        _row(unit_a, 3, "丙", ("是", "是", "否", "否")),
        _row(unit_a, 4, "丁", ("否", "否", "否", "否")),
        _row(unit_b, 5, "戊", ("是", "是", "是", "是")),
    ]
    result = run_import(ROSTER_IMPORT, _roster_file(rows), actor=office_staff)
    assert result.created == 5
    stored = StaffMember.objects.get(name="甲")
    assert stored.id_number == id_number(1) and stored.unit == unit_a
    values = indicator_values(
        [
            "study.law_exam_participation_rate",
            "study.law_exam_registration_rate",
            "study.law_exam_sitting_rate",
            "study.law_exam_pass_rate",
        ],
        division_or_unit=unit_a,
        year=2024,
    )
    assert values["study.law_exam_participation_rate"].value == Decimal(75)  # 3 / 4
    assert values["study.law_exam_registration_rate"].value == Decimal(75)  # 3 / 4
    sitting = values["study.law_exam_sitting_rate"]
    assert sitting.numerator.value == 2 and sitting.denominator.value == 3
    assert values["study.law_exam_pass_rate"].value == Decimal(50)  # 1 / 2
    district_rate = indicator_value(
        "study.law_exam_pass_rate", division_or_unit=district, year=2024
    )
    assert (district_rate.numerator.value, district_rate.denominator.value) == (2, 3)
    again = _roster_file(rows)
    with pytest.raises(ValidationError, match="此前均已导入"):
        run_import(ROSTER_IMPORT, again, actor=office_staff)
    assert LawExamEntry.objects.count() == 5


def test_a_pass_without_a_sitting_is_refused_when_recording_a_result(clerk_a):
    person = make_staff(clerk_a.unit)
    with pytest.raises(ValidationError, match="未参加考试（参考）的人员不能登记为考试通过"):
        services.exam_entry_add(
            actor=clerk_a, person=person, year=2024, registered=True, sat=False, passed=True
        )
    assert LawExamEntry.objects.count() == 0
    entry = services.exam_entry_add(actor=clerk_a, person=person, year=2024, registered=True)
    with pytest.raises(ValidationError, match="不能登记为考试通过"):
        services.exam_result_record(
            actor=clerk_a, entry=entry, studied=True, registered=True, sat=False, passed=True
        )
    entry.refresh_from_db()
    assert (entry.sat, entry.passed) == (False, False)


# --- indicators from records -----------------------------------------------------------------


def _executive_meeting(unit, number, held_on, study=True):
    meeting = Meeting.objects.create(
        unit=unit, kind=MeetingKind.EXECUTIVE, number=number, held_on=held_on
    )
    if study:
        AgendaItem.objects.create(
            unit=unit,
            meeting=meeting,
            order=1,
            kind=AgendaItemKind.FIRST_AGENDA_STUDY,
            title="第一议题：学习习近平法治思想",
            outcome=AgendaOutcome.STUDIED,
        )
    AgendaItem.objects.create(
        unit=unit,
        meeting=meeting,
        order=2,
        kind=AgendaItemKind.MAJOR_PROJECT,
        title="研究重点项目",
        outcome=AgendaOutcome.APPROVED,
    )
    return meeting


def test_executive_meeting_study_items_come_from_the_meetings_register(district):
    government = UnitFactory(kind=UnitKind.GOVERNMENT, division=district, name="区政府")
    _executive_meeting(government, 1, date(2024, 1, 9))
    _executive_meeting(government, 2, date(2024, 2, 9))
    _executive_meeting(government, 3, date(2024, 3, 9), study=False)
    _executive_meeting(government, 1, date(2023, 12, 9))  # another year
    value = indicator_value(
        "study.exec_meeting_study_sessions", division_or_unit=district, year=2024
    )
    assert value.value == 2 and value.source == "computed"


def test_committee_meeting_documents_and_public_duty_reports(
    office_staff, unit_a, unit_b, district
):
    meeting = services.committee_meeting_record(
        actor=office_staff,
        unit=office_staff.unit,
        number=1,
        held_on=date(2024, 3, 28),
        title="2024年区委全面依法治区委员会第一次会议",
    )
    services.committee_document_adopt(
        actor=office_staff,
        meeting=meeting,
        kind="summary",
        title="2023年全面依法治区工作总结",
        covers_year=2023,
    )
    services.committee_document_adopt(
        actor=office_staff,
        meeting=meeting,
        kind="key_points",
        title="2024年全面依法治区工作要点",
        covers_year=2024,
    )
    for unit, head in ((unit_a, "甲"), (unit_a, "乙"), (unit_b, "丙")):
        services.duty_report_record(
            actor=office_staff,
            unit=unit,
            year=2023,
            head_name=head,
            head_position="局长",
            mode=DutyReportMode.PUBLIC,
            reported_on=meeting.held_on,
            committee_meeting=meeting,
        )
    with pytest.raises(ValidationError, match="公开述法须登记述法所在的委员会会议"):
        services.duty_report_record(
            actor=office_staff,
            unit=unit_b,
            year=2023,
            head_name="丁",
            head_position="局长",
            mode=DutyReportMode.PUBLIC,
            reported_on=meeting.held_on,
        )
    values = indicator_values(
        ["study.committee_meetings", "study.committee_documents", "study.public_duty_reports"],
        division_or_unit=district,
        year=2024,
    )
    assert values["study.committee_meetings"].value == 1
    assert values["study.committee_documents"].value == 2
    assert values["study.public_duty_reports"].value == 2  # two units (unit A's heads count once)


# --- the committee's tasks ---------------------------------------------------------------------


def test_a_task_runs_its_deadline_and_is_followed_up_and_completed(office_staff, clerk_a, clerk_b):
    task = services.committee_task_assign(
        actor=office_staff,
        unit=clerk_a.unit,
        title="制定本单位2024年学法计划",
        assigned_on=date(2024, 4, 1),
        period_rule="study.task_standard",
    )
    clock = clock_for(task, "study.task_standard")
    assert task.due_date == clock.due_date and task.due_date > date(2024, 5, 1)
    with pytest.raises(ValidationError, match="督办由依法治区办进行"):
        services.committee_task_follow_up(actor=clerk_a, task=task, on=date(2024, 5, 6), note="")
    task = services.committee_task_follow_up(
        actor=office_staff, task=task, on=date(2024, 5, 6), note="请抓紧报送"
    )
    assert task.follow_ups == 1
    with pytest.raises(ValidationError, match="只有承办单位或依法治区办"):
        services.committee_task_complete(actor=clerk_b, task=task, on=date(2024, 5, 8), result="x")
    late = date(2024, 6, 28)
    task = services.committee_task_complete(
        actor=clerk_a, task=task, on=late, result="已印发学法计划"
    )
    assert task.state == TaskState.DONE and task.completed_on == late
    assert task.is_overdue(late)  # done after its due date
    clock.refresh_from_db()
    assert clock.state == "missed"
    assert [e.verb for e in task.timeline.all()] == ["assign", "follow_up", "complete"]
    rate = indicator_value(
        "study.committee_task_on_time_rate", division_or_unit=clerk_a.unit, year=2024
    )
    assert (rate.numerator.value, rate.denominator.value) == (0, 1)


def test_only_the_office_assigns_committee_tasks(clerk_a):
    with pytest.raises(ValidationError, match="由依法治区办登记"):
        services.committee_task_assign(
            actor=clerk_a, unit=clerk_a.unit, title="x", assigned_on=date(2024, 4, 1)
        )


# --- compliance: problem 一 --------------------------------------------------------------------


def _sessions(actor, unit, count, laws=(), year=2024):
    for n in range(count):
        services.study_session_record(
            actor=actor,
            unit=unit,
            kind=StudyKind.CENTRAL_GROUP,
            held_on=date(year, 1 + n, 10),
            topic=f"学法{n + 1}",
            laws=laws,
        )


def test_units_studying_too_rarely_or_too_narrowly_are_found(
    office_staff, unit_a, unit_b, justice_bureau, district, law_list, settings
):
    settings.FAZHI_STUDY = {"min_sessions": 3, "min_coverage": Decimal("0.5")}
    town = UnitFactory(kind=UnitKind.TOWN, division=district, name="雨母山镇")
    village = UnitFactory(kind=UnitKind.VILLAGE, division=district, name="光辉村")
    # unit A: 3 sessions covering 2 of 4 laws → fine.
    _sessions(office_staff, unit_a, 3, _laws(law_list, "宪法", "民法典"))
    # unit B: 3 sessions covering 1 of 4 laws → coverage 25% < 50%.
    _sessions(office_staff, unit_b, 3, _laws(law_list, "宪法"))
    # the town: 1 session + 1 第一议题 item of its own meeting = 2 < 3; covers 2 of 4.
    _sessions(office_staff, town, 1, _laws(law_list, "宪法", "行政处罚法"))
    meeting = Meeting.objects.create(
        unit=town, kind=MeetingKind.DEPARTMENT, held_on=date(2024, 5, 5)
    )
    AgendaItem.objects.create(
        unit=town,
        meeting=meeting,
        order=1,
        kind=AgendaItemKind.FIRST_AGENDA_STUDY,
        title="第一议题",
        outcome=AgendaOutcome.STUDIED,
    )
    _sessions(office_staff, unit_a, 2, year=2023)  # another year: not counted
    findings = [
        f
        for f in findings_for(division_or_unit=district, year=2024)
        if f.check == "study.law_study_insufficient"
    ]
    by_unit = {f.unit.name: f for f in findings}
    # the justice bureau recorded nothing; the village and the office are not checked kinds
    assert set(by_unit) == {unit_b.name, "雨母山镇", justice_bureau.name}
    assert "覆盖25.0%" in by_unit[unit_b.name].message
    assert "全年安排法治专题学习2次（应不少于3次）" in by_unit["雨母山镇"].message
    assert village.name not in by_unit


def test_a_major_decision_without_study_before_it_is_flagged(office_staff, district, law_list):
    government = UnitFactory(kind=UnitKind.GOVERNMENT, division=district, name="区政府")

    def decision(title, discussed_on):
        return MajorDecision.objects.create(
            unit=government,
            lead_unit=government,
            title=title,
            year=2024,
            category=DecisionCategory.PLAN,
            discussed_on=discussed_on,
        )

    studied = decision("城区排水规划", date(2024, 6, 20))
    unstudied = decision("老旧小区改造方案", date(2024, 7, 20))
    late = decision("菜市场提质改造", date(2024, 8, 20))
    decision("未讨论的决策", None)
    for target, held_on in ((studied, date(2024, 6, 18)), (late, date(2024, 8, 20))):
        services.study_session_record(
            actor=office_staff,
            unit=government,
            kind=StudyKind.PRE_DECISION,
            held_on=held_on,
            topic=f"{target.title}决策前学法",
            decision=target,
        )
    with pytest.raises(ValidationError, match="决策前学法应在此之前"):
        services.study_session_record(
            actor=office_staff,
            unit=government,
            kind=StudyKind.PRE_DECISION,
            held_on=date(2024, 7, 21),
            topic="事后学法",
            decision=unstudied,
        )
    findings = [
        f
        for f in findings_for(division_or_unit=district, year=2024)
        if f.check == "study.decision_without_prior_study"
    ]
    assert len(findings) == 1 and findings[0].unit == government
    assert findings[0].records == [unstudied]


def test_without_a_list_in_force_the_register_is_not_in_use_and_nothing_is_found(
    office_staff, unit_a, district
):
    _sessions(office_staff, unit_a, 1)
    checks = {"study.law_study_insufficient", "study.decision_without_prior_study"}
    found = [f for f in findings_for(division_or_unit=district, year=2024) if f.check in checks]
    assert found == []
