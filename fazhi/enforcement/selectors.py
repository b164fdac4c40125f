"""Reads of the enforcement register, each starting from `Model.objects.for_user(user)`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils import timezone

from fazhi.core.access import visible_unit_ids
from fazhi.core.audit import record_access_event
from fazhi.core.models import AccessEventKind, DivisionLevel, Unit
from fazhi.deadlines.services import compute_due
from fazhi.enforcement.access import is_supervisor, may_see_id_numbers, supervised_units
from fazhi.enforcement.models import (
    Certificate,
    CertificateState,
    DeductionState,
    EnforcementCase,
    ExamRegistration,
    ExamSitting,
    Grade,
    Officer,
    OfficerStatus,
    PersonType,
    RegistrationReason,
    ReviewCampaign,
    ScoreSheet,
    SheetState,
    TrainingAttendance,
)
from fazhi.enforcement.rules import Flag, case_flags

RENEWAL_RULE = "enforcement.renewal_exam_window"
EXPIRY_RULE = "enforcement.expiry_warning"


def units_for(user) -> QuerySet:
    """The units whose enforcement records `user` reads."""
    if is_supervisor(user):
        return Unit.objects.filter(pk__in=supervised_units(user))
    visible = visible_unit_ids(user)
    return Unit.objects.all() if visible is None else Unit.objects.filter(pk__in=visible)


def officer_list(*, user) -> QuerySet:
    return Officer.objects.for_user(user).select_related("unit")


def officer_id_number(*, user, officer: Officer, request=None) -> str:
    """The full ID number for an account with the clearance; every view is logged."""
    if not may_see_id_numbers(user) or not officer_list(user=user).filter(pk=officer.pk).exists():
        return officer.masked_id_number
    record_access_event(
        request,
        AccessEventKind.SENSITIVE_VIEW,
        user=user,
        obj=officer,
        detail={"field": "身份证号码"},
    )
    return officer.id_number


def certificate_list(*, user) -> QuerySet:
    return Certificate.objects.for_user(user).select_related("officer", "unit")


def case_list(*, user) -> QuerySet:
    return EnforcementCase.objects.for_user(user).prefetch_related("officers")


def flags_for(case: EnforcementCase) -> list[Flag]:
    return case_flags(case)


# --- exams -----------------------------------------------------------------------------------


@dataclass
class Proposal:
    officer: Officer
    reason: str
    detail: str


def exam_proposals(*, user, sitting: ExamSitting) -> list[Proposal]:
    """E4: whom each unit should send — new staff without a certificate, those who failed and
    have not passed since, and those whose certificate runs out within 6 months of the exam."""
    horizon = compute_due(RENEWAL_RULE, sitting.held_on).due_date
    officers = (
        officer_list(user=user)
        .filter(person_type=PersonType.OFFICER, status=OfficerStatus.ACTIVE, on_roll=True)
        .exclude(registrations__sitting=sitting)
        .order_by("unit__name", "name")
    )
    proposals = []
    for officer in officers.prefetch_related("certificates", "registrations__sitting"):
        proposal = _proposal_for(officer, sitting.held_on, horizon)
        if proposal is not None:
            proposals.append(proposal)
    return proposals


def _proposal_for(officer: Officer, exam_on: date, horizon: date) -> Proposal | None:
    certificates = [c for c in officer.certificates.all() if c.state != CertificateState.REVOKED]
    valid = [c for c in certificates if c.valid_until and c.valid_until >= exam_on]
    earlier = [r for r in officer.registrations.all() if r.sitting.held_on < exam_on]
    passed = [r for r in earlier if r.passed]
    failed = [r for r in earlier if r.passed is False]
    if valid:
        last_day = max(c.valid_until for c in valid)
        if last_day <= horizon:
            return Proposal(
                officer,
                RegistrationReason.EXPIRING,
                f"执法证有效期至{last_day:%Y-%m-%d}，在考试后6个月内到期",
            )
        return None
    if failed and not any(
        r.sitting.held_on > max(f.sitting.held_on for f in failed) for r in passed
    ):
        last = max(failed, key=lambda r: r.sitting.held_on)
        return Proposal(officer, RegistrationReason.FAILED_BEFORE, f"{last.sitting.name}未通过")
    if not passed and not certificates:
        return Proposal(officer, RegistrationReason.NEW_STAFF, "尚未取得执法证")
    return None


def district_of(unit):
    """The district (区县) a unit belongs to: its division, or the nearest district above."""
    division = unit.division
    while division.level not in (DivisionLevel.DISTRICT, DivisionLevel.CITY) and division.parent:
        division = division.parent
    return division


def sittings_for_registration(*, user) -> QuerySet:
    """The sittings a unit may register candidates for: those organised in its district
    (the exam is public; the registrations stay the unit's own)."""
    if user.unit_id is None:
        return ExamSitting.objects.none()
    district = district_of(user.unit)
    return ExamSitting.objects.filter(unit__in=Unit.objects.in_subtree(district))


def registration_list(*, user) -> QuerySet:
    return ExamRegistration.objects.for_user(user).select_related("officer", "sitting", "unit")


@dataclass
class PassRate:
    label: str
    sat: int
    passed: int

    @property
    def rate(self):
        return None if not self.sat else round(100 * self.passed / self.sat, 2)


def pass_rates(*, user, start: date, end: date) -> tuple[list[PassRate], list[PassRate]]:
    """Pass rate per unit and per sitting for sittings held in [start, end]."""
    rows = registration_list(user=user).filter(
        sitting__held_on__range=(start, end), passed__isnull=False
    )
    counted = {"sat": Count("pk"), "passed": Count("pk", filter=Q(passed=True))}
    by_unit = [
        PassRate(r["unit__name"], r["sat"], r["passed"])
        for r in rows.values("unit__name").annotate(**counted).order_by("unit__name")
    ]
    by_sitting = [
        PassRate(r["sitting__name"], r["sat"], r["passed"])
        for r in rows.values("sitting__name", "sitting__held_on")
        .annotate(**counted)
        .order_by("sitting__held_on")
    ]
    return by_unit, by_sitting


# --- certificates ----------------------------------------------------------------------------


def certificates_expiring(*, user, today: date | None = None) -> QuerySet:
    """Valid certificates that run out within the warning window (6 months by default), and
    those already run out but never withdrawn."""
    today = today or timezone.localdate()
    horizon = compute_due(EXPIRY_RULE, today).due_date
    return (
        certificate_list(user=user)
        .filter(state=CertificateState.VALID, valid_until__lte=horizon)
        .order_by("valid_until")
    )


def removal_proposals(*, user, on: date) -> list[tuple[Officer, str]]:
    """清理 candidates: not 在编在岗, left, or no certificate valid on `on` although one was
    issued (expired); officers already removed are not proposed."""
    officers = officer_list(user=user).exclude(status=OfficerStatus.REMOVED)
    valid = Certificate.objects.valid_on(on).values("officer_id")
    issued = Certificate.objects.exclude(state=CertificateState.APPLYING).values("officer_id")
    result = []
    for officer in officers.order_by("unit__name", "name"):
        if officer.status == OfficerStatus.LEFT:
            result.append((officer, "left"))
        elif not officer.on_roll:
            result.append((officer, "off_roll"))
    expired = officers.filter(status=OfficerStatus.ACTIVE, on_roll=True, pk__in=issued).exclude(
        pk__in=valid
    )
    result.extend((officer, "expired") for officer in expired.order_by("unit__name", "name"))
    return result


# --- training --------------------------------------------------------------------------------


def officer_training_hours(*, user, officer: Officer) -> list[dict]:
    """One officer's training hours per year (E6)."""
    return list(
        TrainingAttendance.objects.for_user(user)
        .filter(officer=officer)
        .values(year=F("session__held_on__year"))
        .annotate(hours=Sum("hours"), sessions=Count("pk"))
        .order_by("-year")
    )


def training_hours(*, user, year: int) -> QuerySet:
    """Hours per officer in `year` (E6: the yearly minimum is configurable, U)."""
    return (
        TrainingAttendance.objects.for_user(user)
        .filter(session__held_on__year=year)
        .values("officer_id", "officer__name", "unit__name")
        .annotate(hours=Sum("hours"), sessions=Count("pk"))
        .order_by("unit__name", "officer__name")
    )


# --- case-file review ------------------------------------------------------------------------


def campaign_list(*, user) -> QuerySet:
    return ReviewCampaign.objects.for_user(user)


def sheets_of(*, user, campaign: ReviewCampaign) -> QuerySet:
    return (
        ScoreSheet.objects.for_user(user)
        .filter(campaign=campaign)
        .select_related("case", "unit")
        .prefetch_related("deductions__item")
        .order_by("unit__name", "draw_order")
    )


@dataclass
class UnitResult:
    unit: str
    files: int = 0
    scored: int = 0
    failing: int = 0
    total: float = 0
    automatic: int = 0
    grades: dict = field(default_factory=dict)

    @property
    def average(self):
        return None if not self.scored else round(self.total / self.scored, 1)


def campaign_results(*, user, campaign: ReviewCampaign) -> list[UnitResult]:
    """Results by unit: files drawn, scored, failing, average score, automatic deductions."""
    results: dict[str, UnitResult] = {}
    for sheet in sheets_of(user=user, campaign=campaign):
        row = results.setdefault(sheet.unit.name, UnitResult(sheet.unit.name))
        row.files += 1
        row.automatic += sum(
            1
            for d in sheet.deductions.all()
            if d.automatic and d.state != DeductionState.OVERRIDDEN
        )
        if sheet.state == SheetState.SCORED:
            row.scored += 1
            row.total += float(sheet.score or 0)
            row.failing += sheet.grade == Grade.FAIL
            label = Grade(sheet.grade).label
            row.grades[label] = row.grades.get(label, 0) + 1
    return list(results.values())
