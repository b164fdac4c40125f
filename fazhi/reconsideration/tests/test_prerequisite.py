"""复议前置 (issue 21 item 10; F6, F11): the flag with its statutory ground, and the 15-day window
to sue after a 复议前置 case (《行政复议法》第二十三条、第三十四条，《行政诉讼法》第四十五条).
Every expected date is counted by hand from the dates in the test."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from fazhi.deadlines import selectors as clock_selectors
from fazhi.litigation import services as litigation
from fazhi.litigation.tests.factories import lawsuit_data
from fazhi.reconsideration import deadlines as rules
from fazhi.reconsideration import services
from fazhi.reconsideration.models import (
    AcceptanceCondition,
    ActType,
    CaseStatus,
    Outcome,
    PrerequisiteGround,
)
from fazhi.reconsideration.tests.factories import heard, registered

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _calendar():
    """The 2025 holiday notice (seeded by a migration; a reused test database may have lost it to
    the flush of a transactional test)."""
    from fazhi.deadlines.tests.factories import ensure_seeded_calendar

    ensure_seeded_calendar()


def _decided_and_served(officer, respondent, *, served_on, **overrides):
    """An on-the-spot penalty (复议前置 第一项) received 2025-01-06, accepted 01-08, decided 02-24
    (维持) and served on `served_on`."""
    data = {
        "received_on": date(2025, 1, 6),
        "known_on": date(2024, 12, 20),
        "act_date": date(2024, 12, 20),
        "act_on_the_spot": True,
        "act_amount": 200,
        "act_description": "当场作出的罚款200元",
        "prerequisite_ground": PrerequisiteGround.ON_THE_SPOT_PENALTY,
    }
    data.update(overrides)
    with time_machine.travel(served_on, tick=False):
        case = registered(officer, respondent, **data)
        case = services.case_accept(actor=officer, case=case, on=date(2025, 1, 8))
        case = heard(officer, case, on=date(2025, 1, 20))
        case = services.case_propose_decision(
            actor=officer, case=case, outcome=Outcome.UPHELD, on=date(2025, 2, 20), grounds="理由"
        )
        case = services.case_approve_decision(
            actor=officer,
            case=case,
            kind="head",
            on=date(2025, 2, 21),
            approver_name="王志刚",
            approver_title="副区长",
        )
        case = services.case_issue_decision(actor=officer, case=case, on=date(2025, 2, 24))
        return services.case_record_service(actor=officer, case=case, on=served_on)


def test_a_served_decision_in_a_prerequisite_case_opens_the_fifteen_day_window(
    recon_officer, unit_a
):
    """《行政复议法》第三十四条，《行政诉讼法》第四十五条: after a decision in a 复议前置 case the
    applicant may sue within 15 days of receiving it. Served 2025-03-03 → last day 03-18 (day 1 is
    03-04, 《民法典》第二百零一条); the clock runs in the deadline engine and is explained."""
    case = _decided_and_served(recon_officer, unit_a, served_on=date(2025, 3, 3))
    assert case.litigation_due_on == date(2025, 3, 18)
    clock = clock_selectors.clock_for(case, rules.LITIGATION_WINDOW)
    assert clock.trigger_date == date(2025, 3, 3) and clock.due_date == date(2025, 3, 18)
    assert clock.is_open
    assert "第三十四条" in case.litigation_due_explanation
    assert "2025年03月18日" in case.timeline.get(kind="litigation_window").text


def test_a_lawsuit_filed_in_the_window_closes_it(recon_officer, unit_a):
    """《行政复议法》第三十四条: the applicant sued on 2025-03-10, within the window ending 03-18:
    registering the lawsuit linked to the case closes the clock as met."""
    case = _decided_and_served(recon_officer, unit_a, served_on=date(2025, 3, 3))
    with time_machine.travel(date(2025, 3, 12), tick=False):
        lawsuit = litigation.lawsuit_register(
            actor=recon_officer,
            **lawsuit_data(
                unit_a,
                filed_on=date(2025, 3, 10),
                reconsideration_case=case,
                co_defendant="蒸湘区人民政府",
            ),
        )
    assert lawsuit.prerequisite_ground == PrerequisiteGround.ON_THE_SPOT_PENALTY
    clock = clock_selectors.clock_for(case, rules.LITIGATION_WINDOW)
    assert clock.state == "met" and clock.closed_on == date(2025, 3, 10)


def test_a_case_not_marked_prerequisite_starts_no_window(recon_officer, unit_a):
    """《行政复议法》第三十四条 applies to 复议前置 cases (第二十三条): an ordinary case served on
    2025-03-03 gets no 第三十四条 clock."""
    case = _decided_and_served(
        recon_officer, unit_a, served_on=date(2025, 3, 3), prerequisite_ground=""
    )
    assert case.litigation_due_on is None
    assert clock_selectors.clock_for(case, rules.LITIGATION_WINDOW) is None


def test_a_non_acceptance_served_before_national_day_rolls_past_the_holiday(recon_officer, unit_a):
    """《行政复议法》第三十四条: 不予受理 in a 复议前置 case (不予公开政府信息, 第二十三条第一款第四项).
    The decision of 2025-09-17 is served 09-20; 15 days end on 10-05, inside the 国庆、中秋 holiday
    (10-01 to 10-08), and a period within which an act must be done ends on the first working
    day after it (《民法典》第二百零三条): 10-09."""
    with time_machine.travel(date(2025, 9, 20), tick=False):
        case = registered(
            recon_officer,
            unit_a,
            received_on=date(2025, 9, 15),
            known_on=date(2025, 9, 1),
            act_date=date(2025, 8, 29),
            act_type=ActType.INFORMATION_DISCLOSURE,
            act_description="政府信息公开申请答复（不予公开）",
            prerequisite_ground=PrerequisiteGround.DISCLOSURE_REFUSED,
        )
        case = services.case_reject(
            actor=recon_officer,
            case=case,
            on=date(2025, 9, 17),
            unmet_conditions=[AcceptanceCondition.INTEREST],
            reason="申请人与该行政行为没有利害关系",
        )
        assert case.litigation_due_on is None  # not yet served
        case = services.case_record_service(actor=recon_officer, case=case, on=date(2025, 9, 20))
    assert case.status == CaseStatus.NOT_ACCEPTED
    assert case.litigation_due_on == date(2025, 10, 9)
    assert "10/5（周日）为国庆节、中秋节放假，顺延至 10/9" in case.litigation_due_explanation


def test_no_decision_within_the_period_opens_the_window_from_its_last_day(recon_officer, unit_a):
    """《行政复议法》第三十四条 (受理后超过行政复议期限不作答复): accepted 2025-01-02, the 60-day
    period ends 03-03 (第六十二条); the daily scan of 03-04 opens the window: 15 days from 03-03
    → 03-18."""
    with time_machine.travel(date(2025, 1, 2), tick=False):
        case = registered(
            recon_officer,
            unit_a,
            received_on=date(2024, 12, 30),
            known_on=date(2024, 12, 10),
            act_date=date(2024, 12, 1),
            act_type=ActType.NON_PERFORMANCE,
            act_description="未履行查处举报的法定职责",
            prerequisite_ground=PrerequisiteGround.NON_PERFORMANCE,
        )
        case = services.case_accept(actor=recon_officer, case=case, on=date(2025, 1, 2))
    assert case.decision_due_on == date(2025, 3, 3)
    services.scan_intake(today=date(2025, 3, 3))
    assert clock_selectors.clock_for(case, rules.LITIGATION_WINDOW) is None  # the last day itself
    services.scan_intake(today=date(2025, 3, 4))
    case.refresh_from_db()
    clock = clock_selectors.clock_for(case, rules.LITIGATION_WINDOW)
    assert clock.trigger_date == date(2025, 3, 3) and case.litigation_due_on == date(2025, 3, 18)
    services.scan_intake(today=date(2025, 3, 5))  # a second scan starts no second clock
    assert clock_selectors.clocks_for(case).filter(rule_code=rules.LITIGATION_WINDOW).count() == 1


def test_the_prerequisite_ground_must_fit_the_act(recon_officer, unit_a):
    """《行政复议法》第二十三条第一款第一项: only an on-the-spot penalty; a penalty not made on
    the spot cannot be marked with that ground; 第五项 needs the law that requires it."""
    with pytest.raises(ValidationError) as refused:
        registered(
            recon_officer, unit_a, prerequisite_ground=PrerequisiteGround.ON_THE_SPOT_PENALTY
        )
    assert "第二十三条第一款第一项" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        registered(recon_officer, unit_a, prerequisite_ground=PrerequisiteGround.OTHER_LAW)
    assert "第五项" in str(refused.value)
    case = registered(
        recon_officer,
        unit_a,
        prerequisite_ground=PrerequisiteGround.OTHER_LAW,
        prerequisite_basis="《中华人民共和国某法》第X条",
    )
    assert case.is_prerequisite


def test_a_lawsuit_in_a_prerequisite_case_without_reconsideration_is_refused(recon_officer, unit_a):
    """《行政复议法》第二十三条第一款: in a 复议前置 case the applicant goes to reconsideration
    first; registering a lawsuit with no reconsideration is refused naming the article; with
    the reconsideration decision's number it is registered."""
    data = lawsuit_data(
        unit_a,
        act_type=ActType.INFORMATION_DISCLOSURE,
        contested_act="政府信息公开申请答复（不予公开）",
        prerequisite_ground=PrerequisiteGround.DISCLOSURE_REFUSED,
    )
    with pytest.raises(ValidationError) as refused:
        litigation.lawsuit_register(actor=recon_officer, **data)
    assert "《行政复议法》第二十三条第一款第四项" in str(refused.value)
    data["reconsideration_reference"] = "蒸政复决〔2024〕8号"
    lawsuit = litigation.lawsuit_register(actor=recon_officer, **data)
    assert lawsuit.reconsideration_first is False and lawsuit.pk is not None


def test_the_case_page_shows_the_window_and_its_explanation(recon_officer, unit_a, verified_client):
    """《行政复议法》第三十四条: the officer reads the last day to sue (03-18) and why on the case."""
    from django.urls import reverse

    case = _decided_and_served(recon_officer, unit_a, served_on=date(2025, 3, 3))
    page = verified_client(recon_officer).get(
        reverse("admin:reconsideration_reconsiderationcase_change", args=[case.pk])
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="litigation-due-date">2025-03-18<' in html
    assert "复议前置案件起诉期限15日" in html and "第二十三条第一款" in html
