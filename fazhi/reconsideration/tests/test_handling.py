"""Handling: copy and reply (F12, Art 70), hearings (F14-F15), committee (F16), 中止/恢复/终止
(F18-F19, A5), extension (F17), simple → normal (F13). Frozen time, real 2024 calendar."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from fazhi.deadlines import selectors as clock_selectors
from fazhi.reconsideration import deadlines as rules
from fazhi.reconsideration import services
from fazhi.reconsideration.models import (
    CaseStatus,
    HearingKind,
    Outcome,
    Procedure,
    ReconsiderationCase,
    SuspensionGround,
    TerminationGround,
)
from fazhi.reconsideration.tests.factories import accepted, heard, registered
from fazhi.reconsideration.workflow import TransitionRefused

pytestmark = pytest.mark.django_db


def test_copy_within_7_working_days_and_reply_within_10(recon_officer, unit_a):
    with time_machine.travel(date(2024, 3, 8), tick=False):
        case = accepted(recon_officer, unit_a)
    assert case.copy_due_on == date(2024, 3, 19)
    with time_machine.travel(date(2024, 3, 13), tick=False):
        case = services.case_send_copy(
            actor=recon_officer, case=case, sent_on=date(2024, 3, 12), received_on=date(2024, 3, 13)
        )
    assert case.reply_due_on == date(2024, 3, 27)
    assert clock_selectors.clock_for(case, rules.COPY_TO_RESPONDENT).state == "met"
    with time_machine.travel(date(2024, 3, 26), tick=False):
        case = services.case_record_reply(actor=recon_officer, case=case, on=date(2024, 3, 26))
    assert not case.reply_missed
    assert clock_selectors.clock_for(case, rules.RESPONDENT_REPLY).state == "met"


def test_missed_reply_is_flagged_and_limits_the_decision_to_article_70(
    recon_officer, recon_head, unit_a
):
    with time_machine.travel(date(2024, 3, 13), tick=False):
        case = accepted(recon_officer, unit_a)
        case = services.case_send_copy(
            actor=recon_officer, case=case, sent_on=date(2024, 3, 12), received_on=date(2024, 3, 13)
        )
    with time_machine.travel(date(2024, 3, 28), tick=False):
        assert [c.pk for c in services.scan_intake(today=date(2024, 3, 28))] == [case.pk]
    case.refresh_from_db()
    assert case.reply_missed
    assert case.timeline.get(kind="reply_missed").citation == "《行政复议法》第七十条"
    with time_machine.travel(date(2024, 4, 10), tick=False):
        case = heard(recon_officer, case)
        with pytest.raises(TransitionRefused, match="第七十条"):
            services.case_propose_decision(
                actor=recon_officer,
                case=case,
                outcome=Outcome.UPHELD,
                on=date(2024, 4, 10),
                grounds="事实清楚",
            )
        case = services.case_propose_decision(
            actor=recon_officer,
            case=case,
            outcome=Outcome.REVOKED,
            on=date(2024, 4, 10),
            grounds="被申请人未提交证据、依据",
        )
    assert case.default_for_no_reply


def test_hearing_needs_five_working_days_notice_across_qingming_2024(recon_officer, unit_a):
    """Notice Mon 2024-04-01: 4/4-4/6 清明 do not count, Sun 4/7 (调休) does → earliest 4/9."""
    with time_machine.travel(date(2024, 4, 9), tick=False):
        case = accepted(recon_officer, unit_a)
        panel = dict(
            chair="陈刚",
            hearing_officers=["黄敏", "周律师"],
            clerk="李记",
            respondent_head_attended=True,
        )
        with pytest.raises(TransitionRefused, match="2024年04月09日"):
            services.case_record_hearing(
                actor=recon_officer,
                case=case,
                kind=HearingKind.HEARING,
                held_on=date(2024, 4, 8),
                notice_sent_on=date(2024, 4, 1),
                **panel,
            )
        with pytest.raises(TransitionRefused, match="第五十条第三款"):
            services.case_record_hearing(
                actor=recon_officer,
                case=case,
                kind=HearingKind.HEARING,
                held_on=date(2024, 4, 9),
                notice_sent_on=date(2024, 4, 1),
                chair="陈刚",
                hearing_officers=["黄敏"],
                clerk="李记",
                respondent_head_attended=True,
            )
        with pytest.raises(TransitionRefused, match="第五十一条第三款"):
            services.case_record_hearing(
                actor=recon_officer,
                case=case,
                kind=HearingKind.HEARING,
                held_on=date(2024, 4, 9),
                notice_sent_on=date(2024, 4, 1),
                chair="陈刚",
                hearing_officers=["黄敏", "周律师"],
                clerk="李记",
            )
        hearing = services.case_record_hearing(
            actor=recon_officer,
            case=case,
            kind=HearingKind.HEARING,
            held_on=date(2024, 4, 9),
            notice_sent_on=date(2024, 4, 1),
            **panel,
        )
    assert hearing.pk and case.hearings.count() == 1


def test_normal_procedure_decision_needs_the_hearing_of_views(recon_officer, unit_a):
    with time_machine.travel(date(2024, 4, 1), tick=False):
        case = accepted(recon_officer, unit_a)
        with pytest.raises(TransitionRefused, match="第四十九条"):
            services.case_propose_decision(
                actor=recon_officer,
                case=case,
                outcome=Outcome.UPHELD,
                on=date(2024, 4, 1),
                grounds="合法",
            )
        case = services.case_update(
            actor=recon_officer, case=case, written_review_reason="申请人拒绝接听电话、不到场陈述"
        )
        case = services.case_propose_decision(
            actor=recon_officer,
            case=case,
            outcome=Outcome.UPHELD,
            on=date(2024, 4, 1),
            grounds="合法",
        )
    assert case.status == CaseStatus.PENDING_APPROVAL


def test_major_case_needs_a_hearing_and_the_committee_opinion(recon_officer, unit_a):
    with time_machine.travel(date(2024, 4, 15), tick=False):
        case = accepted(recon_officer, unit_a, is_major_complex=True)
        assert case.committee_required
        case = heard(recon_officer, case)
        with pytest.raises(TransitionRefused, match="第五十条第一款"):
            services.case_propose_decision(
                actor=recon_officer,
                case=case,
                outcome=Outcome.UPHELD,
                on=date(2024, 4, 15),
                grounds="合法",
            )
        services.case_record_hearing(
            actor=recon_officer,
            case=case,
            kind=HearingKind.HEARING,
            held_on=date(2024, 4, 12),
            notice_sent_on=date(2024, 4, 1),
            chair="陈刚",
            hearing_officers=["黄敏", "王五"],
            clerk="李记",
            respondent_head_attended=False,
            respondent_head_absence_reason="局长出差，委托副局长参加",
        )
        case.refresh_from_db()
        with pytest.raises(TransitionRefused, match="第五十二条"):
            services.case_propose_decision(
                actor=recon_officer,
                case=case,
                outcome=Outcome.UPHELD,
                on=date(2024, 4, 15),
                grounds="合法",
            )
        case = services.case_record_committee_opinion(
            actor=recon_officer, case=case, on=date(2024, 4, 15), opinion="多数委员认为原行为合法。"
        )
        case = services.case_propose_decision(
            actor=recon_officer,
            case=case,
            outcome=Outcome.UPHELD,
            on=date(2024, 4, 15),
            grounds="合法",
        )
    assert case.status == CaseStatus.PENDING_APPROVAL


def test_suspension_stops_the_decision_clock_and_resumption_moves_the_due_date(
    recon_officer, unit_a
):
    """A5: accepted 2024-03-08 → due 05-07; 中止 04-10 … 恢复 04-30 (20 days) → due 05-27."""
    with time_machine.travel(date(2024, 4, 10), tick=False):
        case = accepted(recon_officer, unit_a)
        assert case.decision_due_on == date(2024, 5, 7)
        case = services.case_suspend(
            actor=recon_officer,
            case=case,
            on=date(2024, 4, 10),
            ground=SuspensionGround.OTHER_CASE,
            detail="等待相关民事案件判决",
            notice_sent_on=date(2024, 4, 10),
        )
    assert case.status == CaseStatus.SUSPENDED
    assert clock_selectors.clock_for(case, rules.DECISION_NORMAL).state == "paused"
    with (
        time_machine.travel(date(2024, 4, 20), tick=False),
        pytest.raises(TransitionRefused, match="中止"),
    ):
        services.case_propose_decision(
            actor=recon_officer,
            case=case,
            outcome=Outcome.UPHELD,
            on=date(2024, 4, 20),
            grounds="合法",
        )
    with time_machine.travel(date(2024, 4, 30), tick=False):
        case = services.case_resume(actor=recon_officer, case=case, on=date(2024, 4, 30))
    assert case.status == CaseStatus.IN_REVIEW
    assert case.decision_due_on == date(2024, 5, 27)
    clock = clock_selectors.clock_for(case, rules.DECISION_NORMAL)
    assert clock.net_elapsed_days == clock.raw_elapsed_days - 20
    assert "其间20日不计" in case.decision_due_explanation


def test_termination_after_sixty_days_of_suspension_on_the_listed_grounds(
    recon_officer, recon_head, unit_a
):
    """F19 (复议法 41(1)(5)): 中止 on ground (一) from 2024-04-10; 60 days end 06-09 (Sun), rolled
    to 06-11 past 端午 (06-10)."""
    with time_machine.travel(date(2024, 4, 10), tick=False):
        case = accepted(recon_officer, unit_a)
        case = services.case_suspend(
            actor=recon_officer,
            case=case,
            on=date(2024, 4, 10),
            ground=SuspensionGround.APPLICANT_DIED,
        )
    with (
        time_machine.travel(date(2024, 6, 7), tick=False),
        pytest.raises(TransitionRefused, match="尚未满六十日"),
    ):
        services.case_propose_decision(
            actor=recon_officer,
            case=case,
            outcome=Outcome.TERMINATED,
            on=date(2024, 6, 7),
            termination_ground=TerminationGround.LONG_SUSPENSION,
        )
    with time_machine.travel(date(2024, 6, 11), tick=False):
        from fazhi.reconsideration.selectors import warnings_for

        assert any(
            "第四十一条第一款第五项" in w for w in warnings_for(case, today=date(2024, 6, 11))
        )
        case = services.case_propose_decision(
            actor=recon_officer,
            case=case,
            outcome=Outcome.TERMINATED,
            on=date(2024, 6, 11),
            termination_ground=TerminationGround.LONG_SUSPENSION,
        )
        case = services.case_approve_decision(
            actor=recon_officer,
            case=case,
            kind="head",
            on=date(2024, 6, 11),
            approver_name="刘建国",
            approver_title="副区长",
        )
        case = services.case_issue_decision(actor=recon_officer, case=case, on=date(2024, 6, 11))
    assert case.status == CaseStatus.CLOSED and case.outcome == Outcome.TERMINATED
    # The decision clock stood still from 04-10, so closing on 06-11 is within the period.
    assert case.decided_on_time


def test_one_extension_of_at_most_30_days_with_the_office_heads_approval(
    recon_officer, recon_head, head_a, unit_a
):
    with time_machine.travel(date(2024, 4, 25), tick=False):
        case = accepted(recon_officer, unit_a)
        version = case.version
        with pytest.raises(TransitionRefused, match="最多不得超过三十日"):
            services.case_extend(
                actor=recon_officer,
                case=case,
                days=31,
                approver=recon_head,
                on=date(2024, 4, 25),
                reason="案情复杂",
            )
        with pytest.raises(TransitionRefused, match="机构的负责人批准"):
            services.case_extend(
                actor=recon_officer,
                case=case,
                days=30,
                approver=head_a,
                on=date(2024, 4, 25),
                reason="案情复杂",
            )
        assert ReconsiderationCase.objects.get(pk=case.pk).version == version  # nothing changed
        case = services.case_extend(
            actor=recon_officer,
            case=case,
            days=30,
            approver=recon_head,
            on=date(2024, 4, 25),
            reason="需现场勘验",
        )
        assert case.decision_due_on == date(2024, 6, 6)  # 05-07 + 30
        assert "延" in case.decision_due_explanation
        with pytest.raises(TransitionRefused, match="只能延长一次"):
            services.case_extend(
                actor=recon_officer,
                case=case,
                days=5,
                approver=recon_head,
                on=date(2024, 4, 25),
                reason="再延",
            )
    assert case.extension_days == 30 and case.extension_approver == recon_head


def test_the_database_refuses_an_extension_over_30_days(recon_officer, unit_a):
    with time_machine.travel(date(2024, 3, 8), tick=False):
        case = accepted(recon_officer, unit_a)
    case.extension_days = 45
    with pytest.raises(ValidationError, match="三十日"):
        case.full_clean()


def test_simple_procedure_cannot_be_extended_and_converts_with_approval(
    recon_officer, recon_head, unit_a
):
    with time_machine.travel(date(2024, 3, 8), tick=False):
        case = registered(recon_officer, unit_a, act_amount=800, act_description="罚款800元")
        case = services.case_accept(
            actor=recon_officer, case=case, on=date(2024, 3, 8), procedure=Procedure.SIMPLE
        )
        assert case.decision_due_on == date(2024, 4, 7)
        with pytest.raises(TransitionRefused, match="第六十二条第二款"):
            services.case_extend(
                actor=recon_officer,
                case=case,
                days=10,
                approver=recon_head,
                on=date(2024, 3, 8),
                reason="复杂",
            )
        with pytest.raises(TransitionRefused, match="第五十五条"):
            services.case_convert_to_normal(
                actor=recon_officer, case=case, on=date(2024, 3, 8), approver=recon_officer
            )
        case = services.case_convert_to_normal(
            actor=recon_officer, case=case, on=date(2024, 3, 8), approver=recon_head
        )
    assert case.procedure == Procedure.NORMAL
    assert case.decision_due_on == date(2024, 5, 7)
    assert clock_selectors.clock_for(case, rules.DECISION_SIMPLE).state == "met"


@time_machine.travel(date(2024, 4, 15), tick=False)
def test_committee_consultation_cannot_be_switched_off_for_a_major_case(recon_officer, unit_a):
    case = accepted(recon_officer, unit_a, is_major_complex=True)
    case = services.case_update(actor=recon_officer, case=case, committee_required=False)
    assert case.committee_required
