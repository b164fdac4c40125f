"""Decision: the closed outcome list (F22), approval before issue (F21), service (F25),
意见书 (F26), 抄告 (F27), mediation and settlement (F24). Frozen time, real calendar."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from fazhi.deadlines import selectors as clock_selectors
from fazhi.reconsideration import deadlines as rules
from fazhi.reconsideration import services
from fazhi.reconsideration.models import ActType, CaseStatus, Outcome, ReconsiderationCase
from fazhi.reconsideration.selectors import warnings_for
from fazhi.reconsideration.tests.factories import accepted, heard, registered
from fazhi.reconsideration.workflow import TransitionRefused

pytestmark = pytest.mark.django_db


def _snapshot(case):
    row = ReconsiderationCase.objects.get(pk=case.pk)
    return (row.version, row.status, row.outcome, row.timeline.count())


@time_machine.travel(date(2024, 4, 1), tick=False)
def test_a_decision_type_outside_the_list_is_refused_and_nothing_changes(recon_officer, unit_a):
    case = heard(recon_officer, accepted(recon_officer, unit_a))
    before = _snapshot(case)
    with pytest.raises(TransitionRefused) as refused:
        services.case_propose_decision(
            actor=recon_officer,
            case=case,
            outcome="partly_upheld",
            on=date(2024, 4, 1),
            grounds="—",
        )
    assert "不在法定清单内" in refused.value.messages[0]
    assert "第六十三条至第七十四条" in refused.value.messages[0]
    assert _snapshot(case) == before
    case.outcome = "partly_upheld"
    with pytest.raises(ValidationError):
        case.full_clean()


@time_machine.travel(date(2024, 4, 1), tick=False)
def test_a_decision_issued_without_approval_is_refused_and_nothing_changes(recon_officer, unit_a):
    case = heard(recon_officer, accepted(recon_officer, unit_a))
    case = services.case_propose_decision(
        actor=recon_officer,
        case=case,
        outcome=Outcome.UPHELD,
        on=date(2024, 4, 1),
        grounds="认定事实清楚",
    )
    before = _snapshot(case)
    with pytest.raises(TransitionRefused) as refused:
        services.case_issue_decision(actor=recon_officer, case=case, on=date(2024, 4, 1))
    assert "负责人同意或者集体讨论通过" in refused.value.messages[0]
    assert "第六十一条第一款" in refused.value.messages[0]
    assert _snapshot(case) == before
    with pytest.raises(TransitionRefused, match="负责人姓名和职务"):
        services.case_approve_decision(
            actor=recon_officer, case=case, kind="head", on=date(2024, 4, 1)
        )
    assert _snapshot(case) == before


def test_approved_decision_closes_the_case_on_time_and_takes_effect_on_service(
    recon_officer, unit_a
):
    with time_machine.travel(date(2024, 4, 26), tick=False):
        case = heard(recon_officer, accepted(recon_officer, unit_a))
        case = services.case_propose_decision(
            actor=recon_officer,
            case=case,
            outcome=Outcome.REVOKED,
            on=date(2024, 4, 22),
            grounds="主要事实不清",
            order_redo=True,
        )
        case = services.case_approve_decision(
            actor=recon_officer,
            case=case,
            kind="collective",
            on=date(2024, 4, 25),
            meeting="区政府第12次常务会议",
        )
        case = services.case_issue_decision(actor=recon_officer, case=case, on=date(2024, 4, 26))
    assert case.status == CaseStatus.CLOSED and case.closed_on == date(2024, 4, 26)
    assert case.decided_on_time is True and case.is_correcting
    assert clock_selectors.clock_for(case, rules.DECISION_NORMAL).state == "met"
    assert case.effective_on is None
    assert any("送达" in w for w in warnings_for(case, today=date(2024, 4, 26)))
    with time_machine.travel(date(2024, 4, 30), tick=False):
        with pytest.raises(TransitionRefused, match="第七十五条"):
            services.case_record_service(actor=recon_officer, case=case, on=date(2024, 4, 25))
        case = services.case_record_service(actor=recon_officer, case=case, on=date(2024, 4, 29))
    assert case.effective_on == date(2024, 4, 29)
    # F27: the respondent is a department of the government → copy to its superior department.
    assert case.copy_report_required
    assert any("抄告" in w for w in warnings_for(case, today=date(2024, 4, 30)))
    with time_machine.travel(date(2024, 4, 30), tick=False):
        case = services.case_record_copy_report(
            actor=recon_officer, case=case, on=date(2024, 4, 30), to="衡阳市人力资源和社会保障局"
        )
    assert not any("抄告" in w for w in warnings_for(case, today=date(2024, 4, 30)))


def test_a_late_decision_is_recorded_as_missed(recon_officer, unit_a):
    with time_machine.travel(date(2024, 5, 10), tick=False):
        case = heard(recon_officer, accepted(recon_officer, unit_a))
        case = services.case_propose_decision(
            actor=recon_officer,
            case=case,
            outcome=Outcome.UPHELD,
            on=date(2024, 5, 8),
            grounds="合法",
        )
        case = services.case_approve_decision(
            actor=recon_officer,
            case=case,
            kind="head",
            on=date(2024, 5, 9),
            approver_name="王区长",
            approver_title="区长",
        )
        case = services.case_issue_decision(actor=recon_officer, case=case, on=date(2024, 5, 10))
    assert case.decided_on_time is False
    assert "超过法定期限" in case.timeline.get(kind="closed").text


@time_machine.travel(date(2024, 4, 1), tick=False)
def test_claim_dismissed_only_for_non_performance_and_agreement_outcomes_only_for_agreements(
    recon_officer, unit_a
):
    case = heard(recon_officer, accepted(recon_officer, unit_a))
    with pytest.raises(TransitionRefused, match="第六十九条"):
        services.case_propose_decision(
            actor=recon_officer,
            case=case,
            outcome=Outcome.CLAIM_DISMISSED,
            on=date(2024, 4, 1),
            grounds="—",
        )
    with pytest.raises(TransitionRefused, match="第七十一条"):
        services.case_propose_decision(
            actor=recon_officer,
            case=case,
            outcome=Outcome.AGREEMENT_LIABILITY,
            on=date(2024, 4, 1),
            grounds="—",
        )
    with pytest.raises(TransitionRefused, match="第六十三条第二款"):
        services.case_propose_decision(
            actor=recon_officer,
            case=case,
            outcome=Outcome.VARIED,
            on=date(2024, 4, 1),
            grounds="—",
            worse_for_applicant=True,
        )
    duty = heard(
        recon_officer,
        accepted(
            recon_officer,
            unit_a,
            act_type=ActType.NON_PERFORMANCE,
            act_description="未答复履职申请",
        ),
    )
    duty = services.case_propose_decision(
        actor=recon_officer,
        case=duty,
        outcome=Outcome.CLAIM_DISMISSED,
        on=date(2024, 4, 1),
        grounds="受理前已履行",
    )
    assert duty.outcome == Outcome.CLAIM_DISMISSED


@time_machine.travel(date(2024, 4, 1), tick=False)
def test_mediation_needs_signatures_and_seal(recon_officer, unit_a):
    case = accepted(recon_officer, unit_a)
    with pytest.raises(TransitionRefused, match="第七十三条"):
        services.case_propose_decision(
            actor=recon_officer, case=case, outcome=Outcome.MEDIATED, on=date(2024, 4, 1)
        )
    with pytest.raises(TransitionRefused, match="印章"):
        services.case_record_mediation(
            actor=recon_officer, case=case, signed_on=date(2024, 3, 28), sealed_on=None
        )
    case = services.case_record_mediation(
        actor=recon_officer, case=case, signed_on=date(2024, 3, 28), sealed_on=date(2024, 3, 29)
    )
    case = services.case_propose_decision(
        actor=recon_officer, case=case, outcome=Outcome.MEDIATED, on=date(2024, 4, 1)
    )
    assert case.status == CaseStatus.PENDING_APPROVAL


def test_after_settlement_and_withdrawal_the_same_application_is_refused(recon_officer, unit_a):
    with time_machine.travel(date(2024, 4, 1), tick=False):
        case = accepted(recon_officer, unit_a)
        case = services.case_record_settlement(
            actor=recon_officer,
            case=case,
            reached_on=date(2024, 3, 25),
            withdrawal_approved_on=date(2024, 3, 26),
        )
        case = services.case_propose_decision(
            actor=recon_officer, case=case, outcome=Outcome.SETTLED_WITHDRAWN, on=date(2024, 3, 27)
        )
        case = services.case_approve_decision(
            actor=recon_officer,
            case=case,
            kind="head",
            on=date(2024, 3, 28),
            approver_name="王区长",
            approver_title="区长",
        )
        case = services.case_issue_decision(actor=recon_officer, case=case, on=date(2024, 3, 28))
    with time_machine.travel(date(2024, 4, 2), tick=False):
        with pytest.raises(ValidationError, match="第七十四条第二款"):
            registered(recon_officer, unit_a, received_on=date(2024, 4, 2))
        again = registered(
            recon_officer,
            unit_a,
            received_on=date(2024, 4, 2),
            reapplication_allowed_reason="申请人提供证据证明撤回系受胁迫",
        )
    assert again.pk


def test_opinion_letter_reply_due_sixty_days_after_receipt(recon_officer, unit_a):
    with time_machine.travel(date(2024, 6, 3), tick=False):
        case = accepted(recon_officer, unit_a)
        letter = services.opinion_letter_issue(
            actor=recon_officer,
            case=case,
            recipient_unit=unit_a,
            content="建议规范处罚程序。",
            issued_on=date(2024, 5, 31),
            received_on=date(2024, 6, 3),
        )
    # 60 days from 2024-06-03 → 2024-08-02 (Fri).
    assert letter.reply_due_on == date(2024, 8, 2)
    assert "第七十六条" in letter.reply_due_explanation
    with time_machine.travel(date(2024, 7, 15), tick=False):
        letter = services.opinion_letter_record_reply(
            actor=recon_officer,
            letter=letter,
            on=date(2024, 7, 15),
            summary="已组织全员培训并修订流程。",
        )
    assert clock_selectors.clock_for(letter, rules.OPINION_LETTER_REPLY).state == "met"
