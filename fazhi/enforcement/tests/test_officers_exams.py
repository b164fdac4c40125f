"""Officers (encrypted ID numbers), exams, certificates and removals, with frozen time."""

import re
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from fazhi.core.imports import run_import
from fazhi.core.models import AccessEvent, AccessEventKind
from fazhi.core.workbench import items_for
from fazhi.core.xlsx import ImportProblems, build_workbook
from fazhi.enforcement import imports, selectors, services
from fazhi.enforcement.models import (
    CertificateState,
    ExamRegistration,
    OfficerStatus,
    PersonType,
    RegistrationReason,
    RemovalReason,
)
from fazhi.enforcement.tests.factories import (
    make_certificate,
    make_officer,
    make_registration,
    make_sitting,
)

pytestmark = pytest.mark.django_db
ID = "430408199003071234"


def test_id_numbers_are_encrypted_masked_and_each_full_view_is_logged(
    clerk_a, supervisor, office_staff
):
    officer = services.officer_register(
        actor=clerk_a, unit=clerk_a.unit, name="刘洋", id_number=ID, joined_on=date(2024, 3, 1)
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM enforcement_officer")
        stored = cursor.fetchone()[0]
        cursor.execute("SELECT id_number FROM enforcement_officerevent")
        audited = [row[0] for row in cursor.fetchall()]
    assert not re.search(r"\d{17}[\dX]", stored + "".join(audited))
    assert officer.masked_id_number == "430408********1234"
    # a clerk has no clearance: the masked number, no access event
    assert selectors.officer_id_number(user=clerk_a, officer=officer) == "430408********1234"
    assert not AccessEvent.objects.filter(kind=AccessEventKind.SENSITIVE_VIEW).exists()
    # a supervisor (a clerk's role, no second factor) sees it masked too
    assert selectors.officer_id_number(user=supervisor, officer=officer) == "430408********1234"
    assert not AccessEvent.objects.filter(kind=AccessEventKind.SENSITIVE_VIEW).exists()
    assert selectors.officer_id_number(user=office_staff, officer=officer) == ID
    event = AccessEvent.objects.get(kind=AccessEventKind.SENSITIVE_VIEW)
    assert (event.username, event.object_id) == ("office", str(officer.pk))
    with pytest.raises(ValidationError) as raised:
        services.officer_register(
            actor=clerk_a,
            unit=clerk_a.unit,
            name="刘洋",
            id_number=ID.lower(),
            joined_on=date(2024, 3, 1),
        )
    assert raised.value.message_dict["id_number"] == ["该身份证号码的人员已登记。"]


def test_the_exam_proposal_names_new_staff_failed_and_expiring_within_six_months(
    unit_a, supervisor, justice_bureau
):
    first = make_sitting(
        justice_bureau, name="2024年度湖南省第一次行政执法考试", held_on=date(2024, 8, 30)
    )
    second = make_sitting(
        justice_bureau, name="2024年度湖南省第二次行政执法考试", held_on=date(2024, 10, 22)
    )
    new = make_officer(unit_a, name="新人")
    failed = make_officer(unit_a, name="未过")
    make_registration(unit_a, sitting=first, officer=failed, passed=False, score=Decimal("52"))
    # the renewal window runs 6 months from the exam: 2024-10-22 → Tue 2025-04-22
    expiring = make_officer(unit_a, name="将到期")
    make_certificate(expiring, issued_on=date(2020, 4, 23), valid_until=date(2025, 4, 22))
    later = make_officer(unit_a, name="晚到期")
    make_certificate(later, issued_on=date(2020, 4, 24), valid_until=date(2025, 4, 23))
    make_officer(unit_a, name="辅助", person_type=PersonType.AUXILIARY)
    make_officer(unit_a, name="不在编", on_roll=False)
    proposals = {
        p.officer.name: p for p in selectors.exam_proposals(user=supervisor, sitting=second)
    }
    assert set(proposals) == {"新人", "未过", "将到期"}
    assert proposals["未过"].reason == RegistrationReason.FAILED_BEFORE
    assert proposals["未过"].detail == "2024年度湖南省第一次行政执法考试未通过"
    assert proposals["将到期"].reason == RegistrationReason.EXPIRING
    assert proposals["新人"].reason == RegistrationReason.NEW_STAFF
    registration = services.exam_register(
        actor=supervisor,
        sitting=second,
        officer=new,
        reason=RegistrationReason.NEW_STAFF,
        on=date(2024, 9, 20),
    )
    assert registration.unit == unit_a
    assert "新人" not in {
        p.officer.name for p in selectors.exam_proposals(user=supervisor, sitting=second)
    }
    auxiliary = next(o for o in selectors.officer_list(user=supervisor) if o.name == "辅助")
    with pytest.raises(ValidationError, match="行政执法辅助人员不参加行政执法资格考试"):
        services.exam_register(
            actor=supervisor,
            sitting=second,
            officer=auxiliary,
            reason="other",
            on=date(2024, 9, 20),
        )


def _results(rows) -> bytes:
    return build_workbook([c.header for c in imports.RESULT_COLUMNS], rows)


def test_exam_results_import_refuses_an_unknown_person_and_writes_nothing(
    unit_a, supervisor, justice_bureau
):
    sitting = make_sitting(justice_bureau, name="2024年度湖南省第一次行政执法考试")
    a = make_officer(unit_a, name="甲", id_number="430408199001010011")
    b = make_officer(unit_a, name="乙", id_number="430408199001010022")
    make_registration(unit_a, sitting=sitting, officer=a)
    make_registration(unit_a, sitting=sitting, officer=b)
    rows = [
        [sitting.name, "甲", "430408199001010011", 86, "是"],
        [sitting.name, "丙", "430408199001019999", 90, "是"],
        [sitting.name, "乙", "430408199001010022", 120, "否"],
    ]
    with pytest.raises(ImportProblems) as raised:
        run_import(imports.EXAM_RESULT_IMPORT, _results(rows), actor=supervisor)
    assert [str(e) for e in raised.value.errors] == ["第4行“成绩”列：成绩应在0至100分之间"]
    with pytest.raises(ImportProblems) as raised:
        run_import(imports.EXAM_RESULT_IMPORT, _results(rows[:2]), actor=supervisor)
    assert [str(e) for e in raised.value.errors] == [
        "第3行“身份证号码”列：执法人员名册中没有身份证号码为430408********9999的人员"
    ]
    assert not ExamRegistration.objects.filter(passed__isnull=False).exists()

    good = [rows[0], [sitting.name, "乙", "430408199001010022", 48, "否"]]
    assert run_import(imports.EXAM_RESULT_IMPORT, _results(good), actor=supervisor).created == 2
    by_unit, by_sitting = selectors.pass_rates(
        user=supervisor, start=date(2024, 1, 1), end=date(2024, 12, 31)
    )
    assert [(r.label, r.sat, r.passed, r.rate) for r in by_sitting] == [(sitting.name, 2, 1, 50.0)]
    assert [(r.label, r.rate) for r in by_unit] == [(unit_a.name, 50.0)]


def test_certificate_issued_after_a_pass_and_the_batch_sent_up(unit_a, supervisor, justice_bureau):
    officer = make_officer(unit_a, name="新证")
    failed = make_registration(unit_a, officer=officer, passed=False)
    batch = services.batch_create(actor=supervisor, unit=justice_bureau, title="2024年第一批")
    with pytest.raises(ValidationError, match="须经行政执法资格考试合格"):
        services.certificate_apply(
            actor=supervisor, officer=officer, exam=failed, batch=batch, on=date(2024, 9, 10)
        )
    passed = make_registration(unit_a, officer=officer, passed=True, score=Decimal("82"))
    cert = services.certificate_apply(
        actor=supervisor, officer=officer, exam=passed, batch=batch, on=date(2024, 9, 10)
    )
    with pytest.raises(ValidationError, match="须经逐级上报后方可录入证号"):
        services.certificate_issue(
            actor=supervisor, certificate=cert, number="湘A0001", on=date(2024, 10, 15)
        )
    services.batch_send(actor=supervisor, batch=batch, on=date(2024, 9, 12))
    cert = services.certificate_issue(
        actor=supervisor, certificate=cert, number="湘A0001", on=date(2024, 10, 15)
    )
    assert (cert.state, cert.issued_on, cert.valid_until) == (
        CertificateState.VALID,
        date(2024, 10, 15),
        date(2029, 10, 14),  # 5 years, to the day before the anniversary
    )
    assert "发证，证号湘A0001" in cert.history.last().text
    # the same number twice is refused, naming the number
    other = make_officer(unit_a, name="二号")
    second = services.certificate_apply(
        actor=supervisor,
        officer=other,
        exam=make_registration(unit_a, officer=other, passed=True),
        batch=services.batch_create(actor=supervisor, unit=justice_bureau, title="第二批"),
        on=date(2024, 11, 1),
    )
    services.batch_send(actor=supervisor, batch=second.batch, on=date(2024, 11, 2))
    with pytest.raises(ValidationError, match="执法证号湘A0001已登记给其他人员"):
        services.certificate_issue(
            actor=supervisor, certificate=second, number="湘A0001", on=date(2024, 12, 1)
        )


def test_expiry_warnings_on_the_workbench_with_frozen_time(unit_a, clerk_a, supervisor):
    soon = make_officer(unit_a, name="快到期")
    make_certificate(soon, issued_on=date(2020, 3, 1), valid_until=date(2025, 2, 28))
    far = make_officer(unit_a, name="远")
    make_certificate(far, issued_on=date(2022, 11, 1), valid_until=date(2027, 10, 31))
    with time_machine.travel(date(2024, 8, 28)):  # window to 2025-02-28: just inside
        _todos, warnings = items_for(clerk_a)
        titles = [w.title for w in warnings if w.source == "enforcement"]
        assert (
            len(titles) == 1 and "快到期的执法证" in titles[0] and "将于2025-02-28到期" in titles[0]
        )
    with time_machine.travel(date(2024, 8, 27)):  # window to 2025-02-27: not yet
        assert [w for w in items_for(clerk_a)[1] if w.source == "enforcement"] == []
    with time_machine.travel(date(2025, 3, 5)):
        (warning,) = [w for w in items_for(supervisor)[1] if w.source == "enforcement"]
        assert warning.level == "overdue"
        assert (
            "快到期的执法证" in warning.title and "已于2025-02-28到期，应停止执法" in warning.title
        )


def test_a_removal_withdraws_every_certificate(unit_a, supervisor, justice_bureau):
    officer = make_officer(unit_a, name="借调")
    cert = make_certificate(officer)
    campaign = services.removal_campaign_create(
        actor=supervisor,
        unit=justice_bureau,
        title="2024年执法人员清理",
        started_on=date(2024, 11, 1),
    )
    with pytest.raises(ValidationError) as raised:
        services.officer_remove(
            actor=supervisor,
            campaign=campaign,
            officer=officer,
            reason=RemovalReason.OFF_ROLL,
            on=date(2024, 11, 20),
        )
    assert "登记为在编在岗" in str(raised.value)
    with time_machine.travel(date(2024, 11, 20)):
        services.officer_mark_off_roll(actor=supervisor, officer=officer, on=date(2024, 11, 10))
        proposals = selectors.removal_proposals(user=supervisor, on=date(2024, 11, 20))
        assert [(o.name, reason) for o, reason in proposals] == [("借调", "off_roll")]
        removal = services.officer_remove(
            actor=supervisor,
            campaign=campaign,
            officer=officer,
            reason=RemovalReason.OFF_ROLL,
            on=date(2024, 11, 20),
            note="长期借调市局",
        )
    cert.refresh_from_db()
    officer.refresh_from_db()
    assert (cert.state, cert.revoked_on, cert.revoke_reason) == (
        CertificateState.REVOKED,
        date(2024, 11, 20),
        "清理：不在编不在岗",
    )
    assert officer.status == OfficerStatus.REMOVED
    assert removal.unit == unit_a
    assert [c.kind for c in officer.history.all()] == ["off_roll", "removed"]
    assert selectors.removal_proposals(user=supervisor, on=date(2024, 11, 21)) == []
