"""Community corrections: the security label (a same-unit user without the clearance gets a
404, minors need their own clearance), every view logged, encrypted fields, K1/K2 with frozen
time, the reception checklist, the team of a female subject, leave approvals, loss of contact,
tagging, release; training and cross-review indicators counted by hand."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fazhi.core.models import AccessEvent, AccessEventKind, Role
from fazhi.core.sensitivity import Sensitivity
from fazhi.core.testing.factories import UserFactory
from fazhi.corrections import deadlines as rules
from fazhi.corrections import services
from fazhi.corrections.models import Subject, SubjectState, TeamMember
from fazhi.corrections.workbench import corrections_items
from fazhi.deadlines.models import ClockState
from fazhi.deadlines.selectors import clock_for
from fazhi.indicators.selectors import indicator_values
from fazhi.legal_aid.tests.factories import resident_id

pytestmark = pytest.mark.django_db

ADULT_ID = resident_id("19900315", 41)
MINOR_ID = resident_id("20080520", 42)


@pytest.fixture
def officer(justice_bureau):
    return UserFactory(
        username="corrections_officer",
        unit=justice_bureau,
        roles=[Role.CLERK],
        clearances=[Sensitivity.SENSITIVE],
    )


@pytest.fixture
def minors_officer(justice_bureau):
    return UserFactory(
        username="minors_officer",
        unit=justice_bureau,
        roles=[Role.CLERK],
        clearances=[Sensitivity.SENSITIVE, Sensitivity.MINOR],
    )


@pytest.fixture
def uncleared(justice_bureau):
    return UserFactory(username="bureau_clerk", unit=justice_bureau, roles=[Role.CLERK])


def register(actor, **overrides):
    values = {
        "name": "钱某某",
        "gender": "female",
        "id_number": ADULT_ID,
        "phone": "13300003333",
        "address": "蒸湘区蒸湘街道长丰路9号",
        "crime": "诈骗罪",
        "sentence_kind": "probation",
        "deciding_organ": "衡阳市蒸湘区人民法院",
        "effective_on": date(2024, 9, 24),
        "notified_on": date(2024, 9, 26),
        "documents_received_on": date(2024, 10, 8),
        "term_start": date(2024, 9, 24),
        "term_end": date(2025, 9, 23),
    }
    values.update(overrides)
    return services.subject_register(actor=actor, **values)


def test_same_unit_user_without_the_clearance_gets_a_404_and_each_view_is_logged(
    client, officer, uncleared
):
    subject = register(officer)
    assert subject.sensitivity == Sensitivity.SENSITIVE
    url = reverse("admin:corrections_subject_change", args=[subject.pk])
    client.force_login(uncleared)
    assert client.get(url).status_code == 404
    assert subject.pk not in Subject.objects.for_user(uncleared).values_list("pk", flat=True)
    listing = client.get(reverse("admin:corrections_subject_changelist")).content.decode()
    assert subject.number not in listing
    client.force_login(officer)
    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert ADULT_ID not in content and ADULT_ID[:6] + "********" + ADULT_ID[-4:] in content
    client.get(url)
    views = AccessEvent.objects.filter(
        kind=AccessEventKind.SENSITIVE_VIEW,
        object_id=str(subject.pk),
        username="corrections_officer",
    )
    assert views.count() == 2 and "居民身份证号码" in views.first().detail["fields"]


def test_a_minor_is_labelled_strictest_and_needs_its_own_clearance(officer, minors_officer):
    with pytest.raises(ValidationError, match="未成年人身份信息"):
        register(officer, id_number=MINOR_ID)
    assert Subject.objects.count() == 0
    minor = register(minors_officer, id_number=MINOR_ID)
    assert minor.is_minor and minor.sensitivity == Sensitivity.MINOR
    assert not Subject.objects.for_user(officer).filter(pk=minor.pk).exists()
    assert Subject.objects.for_user(minors_officer).filter(pk=minor.pk).exists()


def test_personal_fields_are_encrypted_at_rest(officer):
    register(officer)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, id_number, phone, address, crime FROM corrections_subject")
        stored = " ".join(cursor.fetchone())
    for plain in ("钱某某", ADULT_ID, "13300003333", "长丰路", "诈骗罪"):
        assert plain not in stored


def test_report_in_within_ten_days_with_an_overdue_alert_across_national_day(officer):
    # K2: effective Tue 2024-09-24; ten days end Fri 10-04, inside National Day → Tue 10-08.
    subject = register(officer)
    clock = clock_for(subject, rules.REPORT_IN)
    assert clock.due_date == date(2024, 10, 8)
    assert "《社区矫正法》第二十一条" in clock.explanation
    # K1: notified 09-26 (within 5 days: due 09-29, a 调休 working Sunday); documents 10-08
    # (10 days end 10-04, a holiday → 10-08): both on time.
    assert not subject.notice_late and not subject.documents_late
    with time_machine.travel(date(2024, 10, 9), tick=False):
        (item,) = corrections_items(officer)
        assert item.level == "overdue" and "已逾期未报到" in item.title
    subject = services.subject_report_in(actor=officer, subject=subject, on=date(2024, 10, 9))
    assert clock_for(subject, rules.REPORT_IN).state == ClockState.MISSED
    late = register(officer, notified_on=date(2024, 10, 9), documents_received_on=date(2024, 10, 9))
    assert late.notice_late and late.documents_late


def test_the_workbench_reads_the_same_statements_for_one_subject_or_many(officer):
    """Each awaiting subject's report-in clock is read with the others (once per 工作台)."""

    def statements():
        with CaptureQueriesContext(connection) as queries:
            items = corrections_items(officer)
        return len(queries), len(items)

    register(officer)
    with time_machine.travel(date(2024, 10, 9), tick=False):
        one = statements()
        for n in range(5):
            register(officer, id_number=resident_id("19800101", 40 + n), name=f"孙某{n}")
        many = statements()
    assert (one[1], many[1]) == (1, 6)
    assert one[0] == many[0]


def test_reception_needs_the_whole_checklist(officer):
    subject = register(officer)
    subject = services.subject_report_in(actor=officer, subject=subject, on=date(2024, 9, 30))
    with pytest.raises(ValidationError) as refused:
        services.subject_receive(
            actor=officer,
            subject=subject,
            on=date(2024, 9, 30),
            documents_checked=True,
            identity_verified=True,
            registered=True,
            file_opened=True,
        )
    assert (
        "《社区矫正法》第二十二条" in refused.value.messages[0]
        and "宣告" in refused.value.messages[0]
    )
    subject = services.subject_receive(
        actor=officer,
        subject=subject,
        on=date(2024, 9, 30),
        documents_checked=True,
        identity_verified=True,
        registered=True,
        file_opened=True,
        announced=True,
    )
    assert subject.state == SubjectState.UNDER_CORRECTION


def received(officer, **overrides):
    subject = register(officer, **overrides)
    subject = services.subject_report_in(actor=officer, subject=subject, on=date(2024, 9, 30))
    return services.subject_receive(
        actor=officer,
        subject=subject,
        on=date(2024, 9, 30),
        **dict.fromkeys(
            ("documents_checked", "identity_verified", "registered", "file_opened", "announced"),
            True,
        ),
    )


def test_a_team_without_a_woman_for_a_female_subject_is_refused_and_nothing_written(officer):
    subject = received(officer)
    men = [
        {"name": "司法所干警甲", "gender": "male", "role": "staff"},
        {"name": "社工乙", "gender": "male", "role": "social_worker"},
    ]
    with pytest.raises(ValidationError) as refused:
        services.team_set(
            actor=officer, subject=subject, members=men, plan="每月走访", on=date(2024, 10, 1)
        )
    assert "《社区矫正法》第二十五条" in str(refused.value)
    subject.refresh_from_db()
    assert (
        TeamMember.objects.count() == 0 and subject.plan == "" and subject.team_confirmed_on is None
    )
    team = men + [{"name": "村妇联主任丙", "gender": "female", "role": "village"}]
    services.team_set(
        actor=officer, subject=subject, members=team, plan="每月走访", on=date(2024, 10, 1)
    )
    subject.refresh_from_db()
    assert subject.team.count() == 3 and subject.plan == "每月走访"


def test_leave_thresholds_and_approval_level(officer, settings):
    subject = received(officer)
    short = services.movement_request(
        actor=officer,
        subject=subject,
        kind="leave",
        requested_on=date(2024, 10, 10),
        start=date(2024, 10, 12),
        end=date(2024, 10, 18),  # 7 days
        destination="长沙市",
        reason="探望病重父亲",
    )
    long = services.movement_request(
        actor=officer,
        subject=subject,
        kind="leave",
        requested_on=date(2024, 10, 10),
        start=date(2024, 10, 12),
        end=date(2024, 10, 19),  # 8 days
        destination="长沙市",
        reason="陪护",
    )
    assert short.required_level == "township" and long.required_level == "county"
    with pytest.raises(ValidationError, match="第二十七条"):
        services.movement_decide(
            actor=officer, movement=long, approve=True, level="township", on=date(2024, 10, 11)
        )
    services.movement_decide(
        actor=officer, movement=long, approve=True, level="county", on=date(2024, 10, 11)
    )
    settings.CORRECTIONS_TOWNSHIP_LEAVE_MAX_DAYS = 10
    again = services.movement_request(
        actor=officer,
        subject=subject,
        kind="leave",
        requested_on=date(2024, 11, 1),
        start=date(2024, 11, 2),
        end=date(2024, 11, 9),
        destination="株洲市",
        reason="务工",
    )
    assert again.required_level == "township"


def test_loss_of_contact_alerts_until_found(officer):
    subject = received(officer)
    services.contact_lost(
        actor=officer, subject=subject, on=date(2024, 11, 3), measures="电话、走访家属"
    )
    with time_machine.travel(date(2024, 11, 4), tick=False):
        (item,) = [i for i in corrections_items(officer) if "失去联系" in i.title]
        assert "《社区矫正法》第三十条" in item.title
    services.contact_regained(actor=officer, subject=subject, on=date(2024, 11, 5))
    subject.refresh_from_db()
    assert subject.state == SubjectState.UNDER_CORRECTION
    with time_machine.travel(date(2024, 11, 6), tick=False):
        assert [i for i in corrections_items(officer) if "失去联系" in i.title] == []


def test_tagging_needs_the_county_head_and_at_most_three_months(officer):
    subject = received(officer)
    base = dict(
        actor=officer,
        subject=subject,
        ground="warned",
        approver="局长",
        approved_on=date(2024, 10, 9),
    )
    with pytest.raises(ValidationError, match="县级司法行政部门负责人"):
        services.tagging_approve(
            **base, approver_is_county_head=False, start=date(2024, 10, 10), end=date(2024, 12, 31)
        )
    with pytest.raises(ValidationError, match="三个月"):
        services.tagging_approve(
            **base, approver_is_county_head=True, start=date(2024, 10, 10), end=date(2025, 1, 11)
        )
    services.tagging_approve(
        **base, approver_is_county_head=True, start=date(2024, 10, 10), end=date(2025, 1, 10)
    )


def test_release_only_at_term_end_with_the_notices(officer):
    subject = received(officer, term_end=date(2024, 12, 31))
    with pytest.raises(ValidationError, match="第四十四条"):
        services.subject_release(
            actor=officer, subject=subject, on=date(2024, 12, 30), notices_sent=True
        )
    with pytest.raises(ValidationError, match="书面通知决定机关"):
        services.subject_release(
            actor=officer, subject=subject, on=date(2024, 12, 31), notices_sent=False
        )
    subject = services.subject_release(
        actor=officer, subject=subject, on=date(2024, 12, 31), notices_sent=True
    )
    assert subject.state == SubjectState.RELEASED


def test_training_and_cross_review_indicators(officer):
    subjects = [register(officer, id_number=resident_id("19850101", 100 + i)) for i in range(5)]
    training = services.training_open(
        actor=officer, name="创业技能培训班", kind="entrepreneurship", started_on=date(2024, 4, 1)
    )
    services.training_enrol(actor=officer, training=training, subjects=subjects)
    services.training_graduate(
        actor=officer, training=training, subjects=subjects[:3], on=date(2024, 6, 30)
    )
    other = services.training_open(
        actor=officer, name="职业技能班", kind="vocational", started_on=date(2024, 4, 1)
    )
    services.training_enrol(actor=officer, training=other, subjects=subjects[:2])
    services.cross_review_record(
        actor=officer,
        name="2024年社区矫正案件交叉评查",
        organiser="衡阳市司法局",
        held_on=date(2024, 9, 10),
        files=[{"subject": s, "passed": True} for s in subjects[:4]]
        + [{"subject": subjects[4], "passed": False, "problems": "缺少走访记录"}],
    )
    codes = [
        "corrections.training_participants",
        "corrections.training_graduates",
        "corrections.cases_reviewed",
        "corrections.cases_failed",
    ]
    values = indicator_values(codes, division_or_unit=officer.unit, year=2024)
    assert [values[c].value for c in codes] == [5, 3, 5, 1]
