"""Factories of the study register and its isolation factories (one saved row for a unit)."""

import itertools
from datetime import date

from stdnum.cn import ric

from fazhi.core.testing.isolation import isolation_factory
from fazhi.study.models import (
    AppointmentExam,
    CommitteeDocument,
    CommitteeDocumentKind,
    CommitteeMeeting,
    CommitteeTask,
    DutyReport,
    DutyReportMode,
    LawExamEntry,
    RequiredLaw,
    RequiredLawKind,
    RequiredLawList,
    ResponsibilityList,
    StaffMember,
    StudyKind,
    StudySession,
)

_seq = itertools.count(1)


def id_number(n: int, birth: str = "19800101", area: str = "430408") -> str:
    """A valid 居民身份证号 (checksum computed) for test person `n`."""
    body = f"{area}{birth}{n % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def make_law_list(division, year=2024, titles=("宪法", "民法典", "行政处罚法", "行政复议法")):
    law_list = RequiredLawList.objects.create(
        division=division, year=year, title=f"{year}年应知应会清单", issuer="衡阳市"
    )
    for order, title in enumerate(titles, start=1):
        RequiredLaw.objects.create(
            law_list=law_list, order=order, title=title, kind=RequiredLawKind.LAW
        )
    return law_list


@isolation_factory("study.StaffMember")
def make_staff(unit, **fields) -> StaffMember:
    n = next(_seq)
    values = {"name": f"干部{n}", "position": "科员", "id_number": id_number(n)}
    values.update(fields)
    return StaffMember.objects.create(unit=unit, **values)


@isolation_factory("study.StudySession")
def make_session(unit, **fields) -> StudySession:
    values = {"kind": StudyKind.CENTRAL_GROUP, "held_on": date(2024, 3, 1), "topic": "学习宪法"}
    values.update(fields)
    return StudySession.objects.create(unit=unit, **values)


@isolation_factory("study.LawExamEntry")
def make_entry(unit, **fields) -> LawExamEntry:
    person = fields.pop("person", None) or make_staff(unit)
    values = {"year": 2024, "studied": True, "registered": True, "sat": True, "passed": True}
    values.update(fields)
    return LawExamEntry.objects.create(unit=unit, person=person, **values)


@isolation_factory("study.AppointmentExam")
def make_appointment_exam(unit, **fields) -> AppointmentExam:
    person = fields.pop("person", None) or make_staff(unit, is_leader=True)
    values = {"position": "副局长", "exam_date": date(2024, 5, 1), "passed": True}
    values.update(fields)
    return AppointmentExam.objects.create(unit=unit, person=person, **values)


@isolation_factory("study.CommitteeMeeting")
def make_committee_meeting(unit, **fields) -> CommitteeMeeting:
    n = next(_seq)
    values = {"number": n, "held_on": date(2024, 3, 20), "title": f"委员会第{n}次会议"}
    values.update(fields)
    return CommitteeMeeting.objects.create(unit=unit, **values)


@isolation_factory("study.CommitteeDocument")
def make_committee_document(unit, **fields) -> CommitteeDocument:
    meeting = fields.pop("meeting", None) or make_committee_meeting(unit)
    values = {"kind": CommitteeDocumentKind.KEY_POINTS, "title": "工作要点", "covers_year": 2024}
    values.update(fields)
    return CommitteeDocument.objects.create(unit=unit, meeting=meeting, **values)


@isolation_factory("study.CommitteeTask")
def make_task(unit, **fields) -> CommitteeTask:
    values = {
        "title": "制定学法计划",
        "assigned_on": date(2024, 3, 20),
        "period_rule": "study.task_standard",
        "due_date": date(2024, 5, 6),
    }
    values.update(fields)
    return CommitteeTask.objects.create(unit=unit, **values)


@isolation_factory("study.DutyReport")
def make_duty_report(unit, **fields) -> DutyReport:
    n = next(_seq)
    values = {
        "year": 2023,
        "head_name": f"负责人{n}",
        "head_position": "局长",
        "mode": DutyReportMode.WRITTEN,
        "reported_on": date(2024, 1, 20),
    }
    values.update(fields)
    return DutyReport.objects.create(unit=unit, **values)


@isolation_factory("study.ResponsibilityList")
def make_responsibility_list(unit, **fields) -> ResponsibilityList:
    n = next(_seq)
    values = {
        "year": 2024,
        "head_name": f"负责人{n}",
        "head_position": "局长",
        "duties": "研究部署法治建设\n带头学法",
    }
    values.update(fields)
    return ResponsibilityList.objects.create(unit=unit, **values)
