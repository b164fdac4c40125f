"""Indicators and compliance checks of 学法述法 (seed 一(一), 一(六); problem 一).

These took over the backbone's returned `study.*` placeholders (same codes); the four exam rates
and their consistency relations moved here with them (each rate names its numerator and
denominator).
"""

from django.db.models import F

from fazhi.indicators.registry import Finding, Kind, compliance_check, computed, rate, relation
from fazhi.study.models import (
    AppointmentExam,
    CommitteeDocument,
    CommitteeMeeting,
    CommitteeTask,
    DutyReport,
    DutyReportMode,
    LawExamEntry,
    TaskState,
)
from fazhi.study.selectors import (
    decisions_without_prior_study_reads,
    executive_first_agenda_items,
    sessions_in,
    study_shortfalls_reads,
)

DOMAIN = "学法用法"


@computed(
    code="study.exec_meeting_study_sessions",
    name="区政府常务会议专题学习法律法规",
    domain=DOMAIN,
    measure="次",
    formula="年度内政府常务会议的“第一议题”学习议题数（取自会议登记簿）",
)
def exec_meeting_study_sessions(scope):
    return executive_first_agenda_items(scope.units, scope.start, scope.end)


@computed(
    code="study.sessions",
    name="各单位法治专题学法",
    domain=DOMAIN,
    measure="次",
    formula="年度内各单位登记的学法活动次数（中心组学法、会前学法、专题讲座、旁听庭审等）",
)
def sessions(scope):
    return sessions_in(scope.units, scope.start, scope.end)


@computed(
    code="study.committee_meetings",
    name="依法治区委员会会议",
    domain=DOMAIN,
    measure="次",
    formula="年度内召开全面依法治区委员会会议的次数",
)
def committee_meetings(scope):
    return CommitteeMeeting.objects.filter(
        unit__in=scope.units, held_on__range=(scope.start, scope.end)
    )


@computed(
    code="study.committee_documents",
    name="依法治区委员会审议通过的文件",
    domain=DOMAIN,
    measure="件",
    formula="年度内委员会会议审议通过的工作总结、工作要点等文件数",
)
def committee_documents(scope):
    return CommitteeDocument.objects.filter(
        unit__in=scope.units, meeting__held_on__range=(scope.start, scope.end)
    )


@computed(
    code="study.public_duty_reports",
    name="公开述法的单位主要负责人",
    domain=DOMAIN,
    measure="个单位",
    formula="年度内主要负责人在委员会会议上公开述法的单位数（一个单位计一次）",
)
def public_duty_reports(scope):
    return (
        DutyReport.objects.filter(
            unit__in=scope.units,
            mode=DutyReportMode.PUBLIC,
            reported_on__range=(scope.start, scope.end),
        )
        .order_by("unit_id", "reported_on")
        .distinct("unit_id")
    )


@computed(
    code="study.written_duty_reports",
    name="书面述法的单位",
    domain=DOMAIN,
    measure="个单位",
    formula="年度内主要负责人书面述法的单位数（一个单位计一次）",
)
def written_duty_reports(scope):
    return (
        DutyReport.objects.filter(
            unit__in=scope.units,
            mode=DutyReportMode.WRITTEN,
            reported_on__range=(scope.start, scope.end),
        )
        .order_by("unit_id", "reported_on")
        .distinct("unit_id")
    )


# --- 学法考法: the roster's counts; the four rates are the backbone's rate() over these -------


def _roster(scope, **flags):
    return LawExamEntry.objects.filter(unit__in=scope.units, year=scope.year, **flags)


@computed(
    code="study.law_exam_staff",
    name="学法考法应参学人数",
    domain=DOMAIN,
    measure="人",
    kind=Kind.STOCK,
    formula="本年度学法考法名单上的国家工作人员数",
)
def law_exam_staff(scope):
    return _roster(scope)


@computed(
    code="study.law_exam_participants",
    name="学法考法参学人数",
    domain=DOMAIN,
    measure="人",
    formula="名单中完成年度学法（参学）的人数",
)
def law_exam_participants(scope):
    return _roster(scope, studied=True)


@computed(
    code="study.law_exam_registered",
    name="学法考法报考人数",
    domain=DOMAIN,
    measure="人",
    formula="名单中报名参加考法的人数",
)
def law_exam_registered(scope):
    return _roster(scope, registered=True)


@computed(
    code="study.law_exam_sat",
    name="学法考法参考人数",
    domain=DOMAIN,
    measure="人",
    formula="名单中实际参加考试的人数",
)
def law_exam_sat(scope):
    return _roster(scope, sat=True)


@computed(
    code="study.law_exam_passed",
    name="学法考法通过人数",
    domain=DOMAIN,
    measure="人",
    formula="名单中考试合格的人数",
)
def law_exam_passed(scope):
    return _roster(scope, passed=True)


for code, name, numerator, denominator, formula in [
    ("participation", "参学率", "participants", "staff", "参学人数 ÷ 名单人数 × 100%"),
    ("registration", "报考率", "registered", "staff", "报考人数 ÷ 名单人数 × 100%"),
    ("sitting", "参考率", "sat", "registered", "参考人数 ÷ 报考人数 × 100%"),
    ("pass", "通过率", "passed", "sat", "通过人数 ÷ 参考人数 × 100%"),
]:
    rate(
        code=f"study.law_exam_{code}_rate",
        name=f"学法考法{name}",
        domain=DOMAIN,
        numerator=f"study.law_exam_{numerator}",
        denominator=f"study.law_exam_{denominator}",
        formula=formula,
    )

for code, name, left, right in [
    ("participants_within_staff", "参学人数 ≤ 名单人数", "participants", "staff"),
    ("sat_within_registered", "参考人数 ≤ 报考人数", "sat", "registered"),
    ("passed_within_sat", "通过人数 ≤ 参考人数", "passed", "sat"),
]:
    relation(
        code=f"study.law_exam_{code}",
        name=name,
        left=[f"study.law_exam_{left}"],
        op="<=",
        right=[f"study.law_exam_{right}"],
    )


@computed(
    code="study.appointment_exams",
    name="领导干部任前考法",
    domain=DOMAIN,
    measure="人次",
    formula="年度内新任领导干部参加任前考法的人次",
)
def appointment_exams(scope):
    return AppointmentExam.objects.filter(
        unit__in=scope.units, exam_date__range=(scope.start, scope.end)
    )


@computed(
    code="study.appointment_exams_passed",
    name="任前考法合格",
    domain=DOMAIN,
    measure="人次",
    formula="年度内任前考法合格的人次",
)
def appointment_exams_passed(scope):
    return appointment_exams(scope).filter(passed=True)


rate(
    code="study.appointment_exam_pass_rate",
    name="任前考法合格率",
    domain=DOMAIN,
    numerator="study.appointment_exams_passed",
    denominator="study.appointment_exams",
    formula="任前考法合格人次 ÷ 参加任前考法人次 × 100%",
)


# --- the committee's tasks -------------------------------------------------------------------


@computed(
    code="study.committee_tasks_due",
    name="委员会交办任务（年度内到期）",
    domain=DOMAIN,
    measure="项",
    formula="办结期限在年度内的委员会交办任务数",
)
def committee_tasks_due(scope):
    return CommitteeTask.objects.filter(
        unit__in=scope.units, due_date__range=(scope.start, scope.end)
    )


@computed(
    code="study.committee_tasks_done_on_time",
    name="委员会交办任务按期办结",
    domain=DOMAIN,
    measure="项",
    formula="办结期限在年度内、且在期限内办结的委员会交办任务数",
)
def committee_tasks_done_on_time(scope):
    return committee_tasks_due(scope).filter(state=TaskState.DONE, completed_on__lte=F("due_date"))


rate(
    code="study.committee_task_on_time_rate",
    name="委员会交办任务按期办结率",
    domain=DOMAIN,
    numerator="study.committee_tasks_done_on_time",
    denominator="study.committee_tasks_due",
    formula="按期办结的交办任务数 ÷ 年度内到期的交办任务数 × 100%",
)


# --- compliance: the report's problem 一 ------------------------------------------------------


@compliance_check(
    code="study.law_study_insufficient",
    name="安排法治专题学习次数有限或未对照应知应会清单落实学法",
    domain=DOMAIN,
    citation="《法治政府建设实施纲要（2021—2025年）》关于领导干部应知应会法律法规清单制度的要求（学法次数、覆盖比例可配置）",
)
def law_study_insufficient(scope):
    rows = yield from study_shortfalls_reads(scope.units, scope.year, scope.start, scope.end)
    return [
        Finding(
            unit=row.unit,
            message=f"{row.unit.name}{scope.year}年" + "；".join(row.reasons) + "。",
            records=[row.unit],
            figures={
                "sessions": row.total,
                "covered": row.covered,
                "list_size": row.list_size,
            },
        )
        for row in rows
    ]


@compliance_check(
    code="study.decision_without_prior_study",
    name="作出重大行政决策前未开展专题学法",
    domain=DOMAIN,
    citation="年度报告“建立学法机制”：重大行政决策前须学习相关法律法规并形成书面学法记录",
)
def decision_without_prior_study(scope):
    by_unit: dict = {}
    decisions = yield from decisions_without_prior_study_reads(scope.units, scope.start, scope.end)
    for decision in decisions:
        by_unit.setdefault(decision.unit, []).append(decision)
    return [
        Finding(
            unit=unit,
            message=f"{unit.name}{scope.year}年作出的重大行政决策"
            + "、".join(f"《{d.title}》" for d in decisions)
            + "在集体讨论前没有书面学法记录。",
            records=decisions,
            figures={"decisions": len(decisions)},
        )
        for unit, decisions in by_unit.items()
    ]
