"""Demo step: the demo district's 2024 学法述法 records, through the services.

The 20 第一议题 study items are the executive meetings' agenda items (loaded by the decision
chain's step): they are not typed again here. ILLUSTRATIVE: the 应知应会 list, the people, the
roster of 1,320 staff (the seed gives only the four 100% rates), the study sessions of each unit
and the committee's tasks are made up to the seed's shape. Three units study too rarely and one
too narrowly, so that the report's problem 一 names them; two of the six major decisions have no
study recorded before their discussion.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from fazhi.core.models import Division, Unit, UnitKind
from fazhi.core.plugins import demo_step
from fazhi.decisions.models import MajorDecision
from fazhi.study import services
from fazhi.study.models import (
    CommitteeDocumentKind,
    CommitteeMeeting,
    DutyReportMode,
    StaffMember,
    StudyKind,
)
from fazhi.study.sample_data import REQUIRED_LAWS, TASKS, TOPICS, id_number

YEAR = 2024
CITY_CODE = "430400"
LAW_EXAM_STAFF = 1320  # ILLUSTRATIVE head count of the roster
COMMITTEE_DAY = date(2024, 3, 28)

# Units that study too rarely (sessions in 2024) or too narrowly (laws of the list covered).
TOO_RARELY = {"蒸湘区林业局": 1, "蒸湘区统计局": 2, "联合街道": 2}
TOO_NARROWLY = {"蒸湘区审计局": 3}
PUBLIC_REPORTS = [
    ("蒸湘区教育局", "刘建国", "局长"),
    ("蒸湘区民政局", "陈秀英", "局长"),
    ("蒸湘区住房和城乡建设局", "王志强", "局长"),
    ("衡阳市市场监督管理局蒸湘分局", "李卫东", "局长"),
    ("蒸湘街道", "黄晓燕", "党工委书记"),
]


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def checked_units(units: dict[str, Unit]) -> list[Unit]:
    kinds = (UnitKind.DEPARTMENT, UnitKind.SUBDISTRICT, UnitKind.TOWN)
    return sorted((u for u in units.values() if u.kind in kinds), key=lambda u: u.pk)


def _law_list(office):
    city = Division.objects.get(code=CITY_CODE)
    law_list = services.required_law_list_create(
        actor=office,
        division=city,
        year=YEAR,
        title="衡阳市领导干部应知应会党内法规和法律法规规章清单",
        issuer="中共衡阳市委全面依法治市委员会办公室",
        laws=[(title, kind) for kind, title in REQUIRED_LAWS],
    )
    return list(law_list.laws.order_by("order"))


def _leaders(office, unit: Unit, index: int) -> list[StaffMember]:
    head = "党工委书记" if unit.kind == UnitKind.SUBDISTRICT else "局长"
    if unit.kind == UnitKind.TOWN:
        head = "党委书记"
    return [
        services.staff_register(
            actor=office,
            unit=unit,
            name=f"{unit.short_name or unit.name[:4]}{title}",
            position=title,
            is_leader=True,
            id_number=id_number(index * 10 + n),
        )
        for n, title in enumerate((head, "副职一", "副职二"))
    ]


def _sessions(office, unit: Unit, leaders, laws, rng: random.Random) -> int:
    count = TOO_RARELY.get(unit.name, 4 + rng.randrange(3))
    width = TOO_NARROWLY.get(unit.name)
    studied = laws[:width] if width else rng.sample(laws, 10 + rng.randrange(5))
    per_session = max(1, -(-len(studied) // count))
    for n in range(count):
        held_on = _weekday(date(YEAR, 1 + (n * 11) // max(count, 1), 8 + rng.randrange(15)))
        services.study_session_record(
            actor=office,
            unit=unit,
            kind=StudyKind.CENTRAL_GROUP if n % 2 == 0 else StudyKind.LECTURE,
            held_on=held_on,
            topic=TOPICS[(unit.pk + n) % len(TOPICS)],
            laws=studied[n * per_session : (n + 1) * per_session] or studied[:1],
            attendees=leaders,
            lecturer="区委党校教师" if n % 2 else "",
        )
    return count


def _prior_study(office, government: Unit) -> int:
    """Study before four of the six major decisions; the last two have none on record."""
    decisions = list(
        MajorDecision.objects.filter(unit=government, discussed_on__year=YEAR).order_by(
            "discussed_on"
        )
    )
    for decision in decisions[:-2]:
        services.study_session_record(
            actor=office,
            unit=government,
            kind=StudyKind.PRE_DECISION,
            held_on=_weekday(decision.discussed_on - timedelta(days=7)),
            topic=f"《{decision.title}》决策前专题学法",
            decision=decision,
            other_laws="重大行政决策程序暂行条例、湖南省行政程序规定及相关专业法律",
        )
    return len(decisions[:-2])


def _roster(office, units: list[Unit], rng: random.Random) -> int:
    rows, index = [], 0
    existing = {s.id_number: s for s in StaffMember.objects.filter(unit__in=units)}
    per_unit = [LAW_EXAM_STAFF // len(units)] * len(units)
    for i in range(LAW_EXAM_STAFF - sum(per_unit)):
        per_unit[i] += 1
    for unit, size in zip(units, per_unit, strict=True):
        people = [s for s in existing.values() if s.unit_id == unit.pk]
        for n in range(size):
            person = people[n] if n < len(people) else None
            index += 1
            rows.append(
                {
                    "_row": index + 1,
                    "unit": unit.name,
                    "year": YEAR,
                    "name": person.name
                    if person
                    else f"{unit.short_name or '干部'}工作人员{n + 1}",
                    "id_number": person.id_number if person else id_number(50_000 + index),
                    "position": person.position if person else "工作人员",
                    "is_leader": bool(person and person.is_leader),
                    "studied": True,
                    "registered": True,
                    "sat": True,
                    "passed": True,
                    "score": 80 + rng.randrange(20),
                }
            )
    return services.roster_import(actor=office, rows=rows)


def _committee(office, units: dict[str, Unit]) -> CommitteeMeeting:
    meeting = services.committee_meeting_record(
        actor=office,
        unit=office.unit,
        number=1,
        held_on=COMMITTEE_DAY,
        title="2024年区委全面依法治区委员会第一次会议",
        chair="区委书记",
        attendees="委员会主任、副主任、委员及各成员单位主要负责人",
    )
    services.committee_document_adopt(
        actor=office,
        meeting=meeting,
        kind=CommitteeDocumentKind.SUMMARY,
        title="2023年全面依法治区工作总结",
        covers_year=YEAR - 1,
    )
    services.committee_document_adopt(
        actor=office,
        meeting=meeting,
        kind=CommitteeDocumentKind.KEY_POINTS,
        title="2024年全面依法治区工作要点",
        covers_year=YEAR,
    )
    for unit_name, title, rule, days in TASKS:
        task = services.committee_task_assign(
            actor=office,
            unit=units[unit_name],
            title=title,
            assigned_on=COMMITTEE_DAY,
            period_rule=rule,
            meeting=meeting,
        )
        if days is not None:
            services.committee_task_complete(
                actor=office,
                task=task,
                on=_weekday(COMMITTEE_DAY + timedelta(days=days)),
                result=f"{title}：已完成并报依法治区办备案",
            )
    return meeting


def _duty_reports(office, units: dict[str, Unit], meeting) -> int:
    for unit_name, head, position in PUBLIC_REPORTS:
        services.duty_report_record(
            actor=office,
            unit=units[unit_name],
            year=YEAR - 1,
            head_name=head,
            head_position=position,
            mode=DutyReportMode.PUBLIC,
            reported_on=meeting.held_on,
            committee_meeting=meeting,
            summary="就履行推进法治建设第一责任人职责情况进行公开述法",
        )
        services.responsibility_list_record(
            actor=office,
            unit=units[unit_name],
            year=YEAR,
            head_name=head,
            head_position=position,
            duties="研究部署本单位法治建设工作\n带头尊法学法守法用法\n"
            "组织本单位学法考法\n督促落实谁执法谁普法责任",
        )
    public = {name for name, _h, _p in PUBLIC_REPORTS}
    written = [u for u in checked_units(units) if u.name not in public][:25]
    for n, unit in enumerate(written):
        services.duty_report_record(
            actor=office,
            unit=unit,
            year=YEAR - 1,
            head_name=f"{unit.short_name or unit.name}主要负责人",
            head_position="主要负责人",
            mode=DutyReportMode.WRITTEN,
            reported_on=_weekday(date(YEAR, 1, 15) + timedelta(days=n)),
        )
    return len(PUBLIC_REPORTS) + len(written)


def _appointment_exams(office, units: dict[str, Unit]) -> int:
    names = ["蒸湘区教育局", "蒸湘区民政局", "蒸湘区财政局", "红湘街道", "雨母山镇"]
    for n, name in enumerate(names):
        person = services.staff_register(
            actor=office,
            unit=units[name],
            name=f"新任副职{n + 1}",
            position="副局长" if "局" in name else "副主任",
            is_leader=True,
            id_number=id_number(90_000 + n),
        )
        services.appointment_exam_record(
            actor=office,
            person=person,
            position=person.position,
            exam_date=_weekday(date(YEAR, 3 + n * 2, 12)),
            score=85 + n,
            passed=True,
        )
    return len(names)


@demo_step(order=60)
def load_study(context: dict) -> str:
    units: dict[str, Unit] = context["units"]
    office = next(u for u in context["users"] if u.username == "office")
    if CommitteeMeeting.objects.filter(unit=office.unit, held_on__year=YEAR).exists():
        return "学法述法（2024年）：已载入，未重复生成"
    rng = random.Random(YEAR)  # noqa: S311 - reproducible demo data, not security
    laws = _law_list(office)
    sessions = 0
    for index, unit in enumerate(checked_units(units), start=1):
        leaders = _leaders(office, unit, index)
        sessions += _sessions(office, unit, leaders, laws, rng)
    government = next(u for u in units.values() if u.kind == UnitKind.GOVERNMENT)
    sessions += _prior_study(office, government)
    roster_units = [*checked_units(units), government, office.unit]
    roster = _roster(office, roster_units, rng)
    meeting = _committee(office, units)
    reports = _duty_reports(office, units, meeting)
    exams = _appointment_exams(office, units)
    return (
        f"学法述法：应知应会清单 {len(laws)} 部，学法活动 {sessions} 次，学法考法名单 {roster} 人，"
        f"委员会会议 1 次，述法 {reports} 人，任前考法 {exams} 人"
    )
