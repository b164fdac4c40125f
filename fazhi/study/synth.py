"""Synthetic city: each district-year's 学法述法 records at the demo's volumes, through the
services (the district's inactive office account is the actor).

Per district-year: study sessions for every street/town and department (about 5 each; about one
unit in ten studies too rarely and one in ten too narrowly, so that problem 一 has findings), a
roster of about 1,320 staff with exam results (rates near 100%), one or two committee meetings
adopting a 总结 and a 要点, six tasks, five public and about 25 written duty reports, a few
任前考法. The 第一议题 items come from the meetings register's own generator.
"""

from __future__ import annotations

from datetime import date, timedelta

from fazhi.core.models import UnitKind
from fazhi.core.plugins import SynthContext, synth_step
from fazhi.decisions.models import MajorDecision
from fazhi.study import services
from fazhi.study.models import (
    CommitteeDocumentKind,
    CommitteeMeeting,
    DutyReportMode,
    RequiredLawList,
    StaffMember,
    StudyKind,
)
from fazhi.study.sample_data import REQUIRED_LAWS, TASKS, TOPICS, id_number

STAFF = 1320
CHECKED = (UnitKind.DEPARTMENT, UnitKind.SUBDISTRICT, UnitKind.TOWN)


def _weekday(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _laws(ctx: SynthContext, actor, year: int):
    law_list = RequiredLawList.objects.filter(division=ctx.city, year__lte=year).first()
    if law_list is None:
        law_list = services.required_law_list_create(
            actor=actor,
            division=ctx.city,
            year=min(ctx.years),
            title=f"{ctx.city.name}领导干部应知应会党内法规和法律法规规章清单",
            laws=[(title, kind) for kind, title in REQUIRED_LAWS],
        )
    return list(law_list.laws.order_by("order"))


def _sessions(ctx: SynthContext, actor, units, laws, year: int) -> int:
    rng, count = ctx.rng, 0
    for unit in units:
        draw = rng.random()
        sessions = 1 + rng.randrange(3) if draw < 0.1 else round(ctx.vary(5, 0.2))
        studied = laws[:3] if 0.1 <= draw < 0.2 else rng.sample(laws, 10 + rng.randrange(6))
        days = ctx.dates(year, sessions)
        chunk = max(1, -(-len(studied) // sessions))
        for n, day in enumerate(days):
            services.study_session_record(
                actor=actor,
                unit=unit,
                kind=rng.choice(
                    (StudyKind.CENTRAL_GROUP, StudyKind.LECTURE, StudyKind.PRE_MEETING)
                ),
                held_on=day,
                topic=rng.choice(TOPICS),
                laws=studied[n * chunk : (n + 1) * chunk] or studied[:1],
            )
            count += 1
    return count


def _prior_study(ctx: SynthContext, actor, units, year: int) -> int:
    decisions = MajorDecision.objects.filter(
        unit__in=units, discussed_on__year=year
    ).select_related("unit")
    count = 0
    for decision in decisions:
        if ctx.rng.random() < 0.7:
            services.study_session_record(
                actor=actor,
                unit=decision.unit,
                kind=StudyKind.PRE_DECISION,
                held_on=decision.discussed_on - timedelta(days=ctx.rng.randrange(1, 10)),
                topic=f"《{decision.title}》决策前专题学法",
                decision=decision,
            )
            count += 1
    return count


def _roster(ctx: SynthContext, actor, district, units, year: int) -> int:
    rng = ctx.rng
    people = list(StaffMember.objects.filter(unit__in=units, active=True))
    if not people:
        sizes = ctx.spread(round(ctx.vary(STAFF, 0.1)), len(units))
        rows, index = [], 0
        for unit, size in zip(units, sizes, strict=True):
            for n in range(size):
                index += 1
                name = f"{unit.short_name or '干部'}人员{n + 1}"
                rows.append((unit, name, id_number(index, area=district.code)))
    else:
        rows = [(p.unit, p.name, p.id_number) for p in people]
    entries = []
    for number, (unit, name, id_no) in enumerate(rows, start=2):
        studied = rng.random() > 0.005
        registered = studied and rng.random() > 0.005
        sat = registered and rng.random() > 0.01
        entries.append(
            {
                "_row": number,
                "unit": unit,
                "year": year,
                "name": name,
                "id_number": id_no,
                "studied": studied,
                "registered": registered,
                "sat": sat,
                "passed": sat and rng.random() > 0.02,
                "score": 60 + rng.randrange(40) if sat else None,
            }
        )
    return services.roster_import(actor=actor, rows=entries)


def _committee(ctx: SynthContext, actor, checked, year: int) -> int:
    rng = ctx.rng
    meetings = []
    for number in range(1, 2 + (rng.random() < 0.3)):
        meeting = services.committee_meeting_record(
            actor=actor,
            unit=actor.unit,
            number=number,
            held_on=_weekday(date(year, 3 + 6 * (number - 1), 10 + rng.randrange(15))),
            title=f"{year}年全面依法治区委员会第{'一二'[number - 1]}次会议",
        )
        meetings.append(meeting)
    first = meetings[0]
    services.committee_document_adopt(
        actor=actor,
        meeting=first,
        kind=CommitteeDocumentKind.SUMMARY,
        title=f"{year - 1}年全面依法治区工作总结",
        covers_year=year - 1,
    )
    services.committee_document_adopt(
        actor=actor,
        meeting=first,
        kind=CommitteeDocumentKind.KEY_POINTS,
        title=f"{year}年全面依法治区工作要点",
        covers_year=year,
    )
    for _unit_name, title, rule, _days in TASKS:
        task = services.committee_task_assign(
            actor=actor,
            unit=rng.choice(checked),
            title=title,
            assigned_on=first.held_on,
            period_rule=rule,
            meeting=first,
        )
        if rng.random() < 0.85:
            services.committee_task_complete(
                actor=actor,
                task=task,
                on=_weekday(first.held_on + timedelta(days=rng.randrange(10, 200))),
                result="已完成",
            )
    public = rng.sample(checked, 5)
    for unit in public:
        services.duty_report_record(
            actor=actor,
            unit=unit,
            year=year - 1,
            head_name=f"{unit.short_name or unit.name}主要负责人",
            head_position="主要负责人",
            mode=DutyReportMode.PUBLIC,
            reported_on=first.held_on,
            committee_meeting=first,
        )
    others = [u for u in checked if u not in public]
    for n, unit in enumerate(rng.sample(others, min(len(others), round(ctx.vary(25, 0.2))))):
        services.duty_report_record(
            actor=actor,
            unit=unit,
            year=year - 1,
            head_name=f"{unit.short_name or unit.name}主要负责人",
            head_position="主要负责人",
            mode=DutyReportMode.WRITTEN,
            reported_on=_weekday(date(year, 1, 10) + timedelta(days=n)),
        )
    return len(meetings)


def _appointments(ctx: SynthContext, actor, district, checked, year: int) -> int:
    count = round(ctx.vary(5, 0.4))
    base = 90_000 + (year % 100) * 10
    for n, unit in enumerate(ctx.rng.sample(checked, count)):
        person = services.staff_register(
            actor=actor,
            unit=unit,
            name=f"新任领导{year}{n + 1}",
            position="副职",
            is_leader=True,
            id_number=id_number(base + n, area=district.code),
        )
        services.appointment_exam_record(
            actor=actor,
            person=person,
            position="副职",
            exam_date=ctx.dates(year, 1)[0],
            score=70 + ctx.rng.randrange(30),
            passed=ctx.rng.random() > 0.05,
        )
    return count


@synth_step
def study_records(ctx: SynthContext) -> str:
    totals = {"sessions": 0, "roster": 0, "meetings": 0}
    for district in ctx.districts:
        actor = ctx.office_users[district.pk]
        units = ctx.units[district.pk]
        checked = sorted((u for u in units if u.kind in CHECKED), key=lambda u: u.pk)
        roster_units = [u for u in units if u.kind in CHECKED or u.kind == UnitKind.GOVERNMENT]
        for year in ctx.years:
            if CommitteeMeeting.objects.filter(unit=actor.unit, held_on__year=year).exists():
                continue
            laws = _laws(ctx, actor, year)
            totals["sessions"] += _sessions(ctx, actor, checked, laws, year)
            totals["sessions"] += _prior_study(ctx, actor, units, year)
            totals["roster"] += _roster(ctx, actor, district, roster_units, year)
            totals["meetings"] += _committee(ctx, actor, checked, year)
            _appointments(ctx, actor, district, checked, year)
    return (
        f"学法述法（合成）：学法活动 {totals['sessions']} 次，学法考法名单 {totals['roster']} 人次，"
        f"委员会会议 {totals['meetings']} 次"
    )
