"""Reads of the study register: lists, the 应知应会 list in force, each unit's study count and
coverage (the overview and the compliance check behind the report's problem 一).

A unit's law-study sessions are its `StudySession`s plus the 第一议题 study items of its own
meetings in `fazhi.meetings` (read-only: the executive meeting's items are never typed again).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, QuerySet

from fazhi.core.access import visible_unit_ids
from fazhi.core.batch import run_alone
from fazhi.core.models import Unit
from fazhi.decisions.models import MajorDecision
from fazhi.meetings.models import AgendaItem, AgendaItemKind, MeetingKind
from fazhi.study import conf
from fazhi.study.models import (
    CommitteeMeeting,
    CommitteeTask,
    DutyReport,
    LawExamEntry,
    RequiredLaw,
    RequiredLawList,
    StaffMember,
    StudySession,
    TaskState,
)

# --- lists ----------------------------------------------------------------------------------


def session_list(*, user) -> QuerySet:
    return StudySession.objects.for_user(user).select_related("unit")


def staff_list(*, user) -> QuerySet:
    return StaffMember.objects.for_user(user)


def roster(*, user, year: int) -> QuerySet:
    return LawExamEntry.objects.for_user(user).filter(year=year).select_related("person", "unit")


def duty_reports(*, user) -> QuerySet:
    return DutyReport.objects.for_user(user).select_related("unit", "committee_meeting")


def committee_meetings(*, user) -> QuerySet:
    return CommitteeMeeting.objects.for_user(user)


def open_tasks(*, user) -> QuerySet:
    return (
        CommitteeTask.objects.for_user(user)
        .filter(state=TaskState.ASSIGNED)
        .select_related("unit")
        .order_by("due_date")
    )


# --- the 应知应会 list in force ---------------------------------------------------------------


def ancestor_paths(division) -> list[str]:
    parts = [p for p in division.path.split("/") if p]
    return ["".join(f"{code}/" for code in parts[: i + 1]) for i in range(len(parts))]


def list_in_force(division, year: int) -> RequiredLawList | None:
    """The latest list with year ≤ `year` issued for the division or one above it."""
    return lists_in_force([division], year)[division.pk]


def lists_in_force(divisions, year: int) -> dict[int, RequiredLawList | None]:
    """`list_in_force` of several divisions, by division id, in one query."""
    return run_alone(lists_in_force_reads(divisions, year)).result


def lists_in_force_reads(divisions, year: int):
    """`lists_in_force` as a generator that yields its queryset (fazhi.core.batch)."""
    paths, candidates = _candidate_lists(divisions, year)
    found = yield candidates.select_related("division")
    return _in_force(paths, found)


def _candidate_lists(divisions, year: int) -> tuple[dict, QuerySet]:
    """Each division's own and ancestors' paths, and every list of those published by `year`."""
    paths = {division.pk: set(ancestor_paths(division)) for division in divisions}
    return paths, RequiredLawList.objects.filter(
        division__path__in=set().union(*paths.values()), year__lte=year
    )


def _in_force(paths: dict, candidates) -> dict[int, RequiredLawList | None]:
    """The latest of the candidate lists, the nearest division's on a tie, per division."""
    return {
        pk: max(
            (c for c in candidates if c.division.path in above),
            key=lambda c: (c.year, len(c.division.path)),
            default=None,
        )
        for pk, above in paths.items()
    }


def laws_in_force(unit, year: int) -> QuerySet:
    law_list = list_in_force(unit.division, year)
    if law_list is None:
        return RequiredLaw.objects.none()
    return law_list.laws.all()


# --- each unit's study count and coverage ----------------------------------------------------


def first_agenda_items(units, start: date, end: date) -> QuerySet:
    """第一议题 study items of the units' own meetings (fazhi.meetings), held in [start, end]."""
    return AgendaItem.objects.filter(
        unit__in=units,
        kind=AgendaItemKind.FIRST_AGENDA_STUDY,
        meeting__held_on__range=(start, end),
    )


def executive_first_agenda_items(units, start: date, end: date) -> QuerySet:
    return first_agenda_items(units, start, end).filter(meeting__kind=MeetingKind.EXECUTIVE)


def sessions_in(units, start: date, end: date) -> QuerySet:
    return StudySession.objects.filter(unit__in=units, held_on__range=(start, end))


@dataclass
class UnitStudy:
    unit: Unit
    sessions: int = 0
    meeting_items: int = 0
    covered: int = 0
    list_size: int = 0
    reasons: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.sessions + self.meeting_items

    @property
    def coverage(self) -> Decimal | None:
        if not self.list_size:
            return None
        return Decimal(self.covered) / Decimal(self.list_size)

    @property
    def coverage_display(self) -> str:
        share = self.coverage
        return "—" if share is None else f"{(share * 100).quantize(Decimal('0.1'))}%"


def _counted(queryset, key: str) -> QuerySet:
    return queryset.values_list(key).annotate(n=Count("pk")).order_by()


def unit_study(units, year: int, start: date, end: date) -> list[UnitStudy]:
    """One row per unit: sessions, 第一议题 items, and coverage of the list in force."""
    return run_alone(unit_study_reads(units, year, start, end)).result


def unit_study_reads(units, year: int, start: date, end: date):
    """`unit_study` as a generator that yields its querysets, in two steps (fazhi.core.batch):
    the units and their counts, then the lists that may be in force and their laws."""
    chosen = Unit.objects.filter(pk__in=units)
    units, sessions, items, through = yield (
        chosen.select_related("division").order_by("name"),
        _counted(sessions_in(chosen, start, end), "unit_id"),
        _counted(first_agenda_items(chosen, start, end), "unit_id"),
        StudySession.laws.through.objects.filter(
            studysession__unit__in=chosen, studysession__held_on__range=(start, end)
        ).values_list("studysession__unit_id", "requiredlaw_id"),
    )
    sessions, items = dict(sessions), dict(items)
    studied: dict[int, set[int]] = {}
    for unit_id, law_id in through:
        studied.setdefault(unit_id, set()).add(law_id)
    paths, candidates = _candidate_lists({unit.division for unit in units}, year)
    found, law_rows = yield (
        candidates.select_related("division"),
        RequiredLaw.objects.filter(law_list__in=candidates).values_list("law_list_id", "pk"),
    )
    in_force_lists = _in_force(paths, found)
    laws: dict[int, set[int]] = {law_list.pk: set() for law_list in found}
    for list_id, law_id in law_rows:
        laws[list_id].add(law_id)
    rows = []
    for unit in units:
        law_list = in_force_lists[unit.division_id]
        in_force = laws[law_list.pk] if law_list else set()
        rows.append(
            UnitStudy(
                unit=unit,
                sessions=sessions.get(unit.pk, 0),
                meeting_items=items.get(unit.pk, 0),
                covered=len(studied.get(unit.pk, set()) & in_force),
                list_size=len(in_force),
            )
        )
    return rows


def checked_units(units) -> QuerySet:
    """The units expected to study: streets/towns and district departments (configurable)."""
    return Unit.objects.filter(pk__in=units, kind__in=conf.setting("checked_kinds"), active=True)


def _percent(share: Decimal) -> str:
    text = f"{share * 100:f}"
    return (text.rstrip("0").rstrip(".") if "." in text else text) + "%"


def _judge(row: UnitStudy) -> UnitStudy:
    minimum, share = conf.setting("min_sessions"), Decimal(str(conf.setting("min_coverage")))
    if row.total < minimum:
        row.reasons.append(f"全年安排法治专题学习{row.total}次（应不少于{minimum}次）")
    if row.list_size and row.coverage < share:
        row.reasons.append(
            f"对照应知应会清单学习{row.covered}部（共{row.list_size}部，覆盖"
            f"{row.coverage_display}，应不低于{_percent(share)}）"
        )
    return row


def study_shortfalls(units, year: int, start: date, end: date) -> list[UnitStudy]:
    """Checked units below the minimum number of sessions or the minimum coverage share.

    Only units with a 应知应会 list in force are judged: where no list was published the
    register is not in use, and no record is not evidence of no study."""
    return run_alone(study_shortfalls_reads(units, year, start, end)).result


def study_shortfalls_reads(units, year: int, start: date, end: date):
    """`study_shortfalls` as a generator that yields its querysets (fazhi.core.batch)."""
    rows = yield from unit_study_reads(checked_units(units).values("pk"), year, start, end)
    return [row for row in map(_judge, rows) if row.list_size and row.reasons]


def overview(*, user, year: int) -> list[UnitStudy]:
    """The office's overview (every checked unit in its subtree, and the government); a unit's
    own row for everyone else."""
    visible = visible_unit_ids(user)
    units = Unit.objects.all() if visible is None else Unit.objects.filter(pk__in=visible)
    checked = set(checked_units(units.values("pk")).values_list("pk", flat=True))
    units = units.filter(kind__in=[*conf.setting("checked_kinds"), "government"], active=True)
    rows = unit_study(units.values("pk"), year, date(year, 1, 1), date(year, 12, 31))
    return [_judge(row) if row.unit.pk in checked else row for row in rows]


# --- law before decisions -------------------------------------------------------------------


def decisions_without_prior_study(units, start: date, end: date) -> list:
    """Major decisions collectively discussed in [start, end] with no study session recorded for
    them on or before the discussion (the seed's plan: 决策前学法 with a written record)."""
    return run_alone(decisions_without_prior_study_reads(units, start, end)).result


def decisions_without_prior_study_reads(units, start: date, end: date):
    """`decisions_without_prior_study` as a generator that yields its querysets."""
    prior = StudySession.objects.filter(
        decision=OuterRef("pk"), held_on__lte=OuterRef("discussed_on")
    )
    decisions = yield (
        MajorDecision.objects.filter(unit__in=units, discussed_on__range=(start, end))
        .exclude(Exists(prior))
        .select_related("unit__division")
        .order_by("unit__name", "discussed_on")
    )
    in_force = yield from lists_in_force_reads({d.unit.division for d in decisions}, end.year)
    # only where the register is in use (a list is in force)
    return [d for d in decisions if in_force[d.unit.division_id] is not None]
