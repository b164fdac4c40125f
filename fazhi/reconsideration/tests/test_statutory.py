"""Statutory corrections of the reconsideration register (issue 21): each test takes the issue's
dates and names the article it applies."""

from datetime import date

import pytest
import time_machine

from fazhi.deadlines import selectors as clock_selectors
from fazhi.deadlines.services import scan_deadlines
from fazhi.reconsideration import deadlines as rules
from fazhi.reconsideration import services
from fazhi.reconsideration.models import Outcome, Procedure, ReconsiderationCase
from fazhi.reconsideration.tests.factories import heard, registered
from fazhi.reconsideration.workflow import TransitionRefused

pytestmark = pytest.mark.django_db


def test_an_extension_approved_after_the_decision_period_ran_out_is_refused(
    recon_officer, recon_head, unit_a
):
    """《行政复议法》第六十二条第一款: the 60-day period may be extended by the head's approval only
    while it runs. Accepted 2025-08-01, due 2025-09-30; a +30-day extension approved on 10-10 is
    refused, the case stays overdue, and a decision on 10-20 is recorded as late."""
    with time_machine.travel(date(2025, 8, 1), tick=False):
        case = registered(
            recon_officer,
            unit_a,
            received_on=date(2025, 7, 28),
            known_on=date(2025, 7, 10),
            act_date=date(2025, 7, 8),
        )
        case = services.case_accept(actor=recon_officer, case=case, on=date(2025, 8, 1))
        case = heard(recon_officer, case, on=date(2025, 8, 20))
    assert case.decision_due_on == date(2025, 9, 30)
    with (
        time_machine.travel(date(2025, 10, 10), tick=False),
        pytest.raises(TransitionRefused) as refused,
    ):
        services.case_extend(
            actor=recon_officer,
            case=case,
            days=30,
            approver=recon_head,
            on=date(2025, 10, 10),
            reason="案情复杂，需补充调查",
        )
    assert "第六十二条" in refused.value.messages[0]
    assert "2025年09月30日" in refused.value.messages[0]
    case.refresh_from_db()
    assert case.decision_due_on == date(2025, 9, 30) and case.extension_days == 0
    scan_deadlines(today=date(2025, 10, 10))
    clock = clock_selectors.clock_for(case, rules.DECISION_NORMAL)
    assert clock.state == "overdue" and clock.due_date == date(2025, 9, 30)
    with time_machine.travel(date(2025, 10, 20), tick=False):
        case = services.case_propose_decision(
            actor=recon_officer,
            case=case,
            outcome=Outcome.UPHELD,
            on=date(2025, 10, 20),
            grounds="认定事实清楚",
        )
        case = services.case_approve_decision(
            actor=recon_officer,
            case=case,
            kind="head",
            on=date(2025, 10, 20),
            approver_name="王志刚",
            approver_title="副区长",
        )
        case = services.case_issue_decision(actor=recon_officer, case=case, on=date(2025, 10, 20))
    assert case.decided_on_time is False
    assert clock_selectors.clock_for(case, rules.DECISION_NORMAL).state == "missed"


def test_an_extension_approved_on_the_last_day_is_allowed(recon_officer, recon_head, unit_a):
    """《行政复议法》第六十二条第一款: approved on the due day itself (2025-09-30), the extension
    runs from that due date: +30 days → 10-30."""
    with time_machine.travel(date(2025, 9, 30), tick=False):
        case = registered(
            recon_officer,
            unit_a,
            received_on=date(2025, 7, 28),
            known_on=date(2025, 7, 10),
            act_date=date(2025, 7, 8),
        )
        case = services.case_accept(actor=recon_officer, case=case, on=date(2025, 8, 1))
        case = services.case_extend(
            actor=recon_officer,
            case=case,
            days=30,
            approver=recon_head,
            on=date(2025, 9, 30),
            reason="案情复杂，需补充调查",
        )
    assert case.decision_due_on == date(2025, 10, 30)


def test_a_conversion_to_the_normal_procedure_after_the_simple_period_ran_out_is_refused(
    recon_officer, recon_head, unit_a
):
    """《行政复议法》第六十二条第二款、第五十五条: a simple-procedure case must be decided within 30
    days; converting it to the normal procedure after that period ran out would launder a missed
    deadline. Accepted 2025-03-03 (due 04-02), converting on 04-10 is refused and the case keeps
    its due date 04-02 (it does not get 05-06)."""
    with time_machine.travel(date(2025, 4, 10), tick=False):
        case = registered(
            recon_officer,
            unit_a,
            received_on=date(2025, 2, 27),
            known_on=date(2025, 2, 10),
            act_date=date(2025, 2, 8),
            act_amount=800,
            act_description="罚款800元",
        )
        case = services.case_accept(
            actor=recon_officer, case=case, on=date(2025, 3, 3), procedure=Procedure.SIMPLE
        )
        assert case.decision_due_on == date(2025, 4, 2)
        with pytest.raises(TransitionRefused) as refused:
            services.case_convert_to_normal(
                actor=recon_officer, case=case, on=date(2025, 4, 10), approver=recon_head
            )
    assert "第六十二条第二款" in refused.value.messages[0]
    case = ReconsiderationCase.objects.get(pk=case.pk)
    assert case.procedure == Procedure.SIMPLE and case.decision_due_on == date(2025, 4, 2)
    assert clock_selectors.clock_for(case, rules.DECISION_NORMAL) is None
    assert clock_selectors.clock_for(case, rules.DECISION_SIMPLE).is_open
