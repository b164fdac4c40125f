"""Factories of the enforcement register and its isolation factories (records saved directly:
these build fixtures for tests; the services are exercised by the tests themselves)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal

from fazhi.core.testing.isolation import isolation_factory
from fazhi.enforcement.models import (
    CaseType,
    Certificate,
    CertificateBatch,
    CertificateState,
    EnforcementCase,
    ExamRegistration,
    ExamSitting,
    Officer,
    PartyKind,
    Procedure,
    RectificationNotice,
    RegistrationReason,
    Removal,
    RemovalCampaign,
    RemovalReason,
    ReviewCampaign,
    ScoreSheet,
    StatementKind,
    TrainingAttendance,
    TrainingSession,
)

_seq = itertools.count(1)


@isolation_factory("enforcement.Officer")
def make_officer(unit, **fields) -> Officer:
    n = next(_seq)
    values = {
        "name": f"执法员{n}",
        "id_number": f"43040819900101{n:04d}",
        "joined_on": date(2020, 1, 1),
    }
    values.update(fields)
    return Officer.objects.create(unit=unit, **values)


def make_certificate(officer, *, issued_on=date(2022, 11, 1), valid_until=None, **fields):
    n = next(_seq)
    values = {
        "number": f"湘行执{n:06d}",
        "state": CertificateState.VALID,
        "applied_on": issued_on - timedelta(days=30),
        "issued_on": issued_on,
        "valid_until": valid_until
        or date(issued_on.year + 5, issued_on.month, issued_on.day) - timedelta(days=1),
    }
    values.update(fields)
    return Certificate.objects.create(unit=officer.unit, officer=officer, **values)


@isolation_factory("enforcement.Certificate")
def _certificate(unit, **fields) -> Certificate:
    return make_certificate(make_officer(unit), **fields)


@isolation_factory("enforcement.CertificateBatch")
def make_batch(unit, **fields) -> CertificateBatch:
    return CertificateBatch.objects.create(unit=unit, title=f"申领批次{next(_seq)}", **fields)


@isolation_factory("enforcement.ExamSitting")
def make_sitting(unit, **fields) -> ExamSitting:
    values = {"name": f"2024年度湖南省第{next(_seq)}次行政执法考试", "held_on": date(2024, 8, 30)}
    values.update(fields)
    return ExamSitting.objects.create(unit=unit, **values)


@isolation_factory("enforcement.ExamRegistration")
def make_registration(unit, sitting=None, officer=None, **fields) -> ExamRegistration:
    values = {"reason": RegistrationReason.NEW_STAFF, "registered_on": date(2024, 7, 1)}
    values.update(fields)
    return ExamRegistration.objects.create(
        unit=unit,
        sitting=sitting or make_sitting(unit),
        officer=officer or make_officer(unit),
        **values,
    )


@isolation_factory("enforcement.RemovalCampaign")
def make_removal_campaign(unit, **fields) -> RemovalCampaign:
    values = {"title": f"执法人员清理{next(_seq)}", "started_on": date(2024, 11, 1)}
    values.update(fields)
    return RemovalCampaign.objects.create(unit=unit, **values)


@isolation_factory("enforcement.Removal")
def _removal(unit, **fields) -> Removal:
    return Removal.objects.create(
        unit=unit,
        campaign=make_removal_campaign(unit),
        officer=make_officer(unit, on_roll=False),
        reason=RemovalReason.OFF_ROLL,
        removed_on=date(2024, 11, 20),
        **fields,
    )


@isolation_factory("enforcement.TrainingSession")
def make_session(unit, **fields) -> TrainingSession:
    values = {
        "title": f"行政执法大讲堂第{next(_seq)}期",
        "held_on": date(2024, 5, 31),
        "topic": "行政执法部门职权职责争议解析",
        "hours": Decimal("3"),
    }
    values.update(fields)
    return TrainingSession.objects.create(unit=unit, **values)


@isolation_factory("enforcement.TrainingAttendance")
def _attendance(unit, **fields) -> TrainingAttendance:
    return TrainingAttendance.objects.create(
        unit=unit, session=make_session(unit), officer=make_officer(unit), hours=Decimal("3")
    )


@isolation_factory("enforcement.EnforcementCase")
def make_case(unit, officers=(), **fields) -> EnforcementCase:
    n = next(_seq)
    values = {
        "case_number": f"蒸执罚〔2024〕{n}号",
        "case_type": CaseType.PENALTY,
        "procedure": Procedure.ORDINARY,
        "subject": "未按规定办理登记",
        "party_kind": PartyKind.ORGANISATION,
        "filed_on": date(2024, 3, 1),
        "notice_served_on": date(2024, 4, 1),
        "statement": StatementKind.STATEMENT,
        "decided_on": date(2024, 4, 15),
        "served_on": date(2024, 4, 17),
        "closed_on": date(2024, 5, 10),
    }
    values.update(fields)
    case = EnforcementCase.objects.create(unit=unit, **values)
    case.officers.set(officers)
    return case


def make_template():
    from fazhi.enforcement.services import template_default

    return template_default()


@isolation_factory("enforcement.ReviewCampaign")
def make_campaign(unit, units=None, **fields) -> ReviewCampaign:
    values = {
        "title": f"2024年行政执法案卷评查{next(_seq)}",
        "held_on": date(2024, 12, 10),
        "window_start": date(2023, 9, 1),
        "window_end": date(2024, 8, 31),
        "seed": "2024",
        "template": make_template(),
    }
    values.update(fields)
    campaign = ReviewCampaign.objects.create(unit=unit, **values)
    campaign.units.set(units or [unit])
    return campaign


@isolation_factory("enforcement.ScoreSheet")
def _sheet(unit, **fields) -> ScoreSheet:
    return ScoreSheet.objects.create(
        unit=unit, campaign=make_campaign(unit), case=make_case(unit), draw_order=1
    )


@isolation_factory("enforcement.RectificationNotice")
def _notice(unit, **fields) -> RectificationNotice:
    return RectificationNotice.objects.create(
        unit=unit,
        campaign=make_campaign(unit),
        issued_on=date(2024, 12, 20),
        due_on=date(2025, 1, 19),
        content="补充完善案卷材料",
    )
