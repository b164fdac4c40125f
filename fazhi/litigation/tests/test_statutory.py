"""Statutory corrections of the litigation register (issue 21): each test takes the issue's
dates and names the article it applies."""

from datetime import date

import pytest
import time_machine

from fazhi.deadlines.selectors import clocks_for
from fazhi.litigation import services
from fazhi.litigation.models import Instance, JudgmentType, LawsuitStatus
from fazhi.litigation.tests.factories import lawsuit_data
from fazhi.reconsideration.workflow import TransitionRefused

pytestmark = pytest.mark.django_db


def register(officer, defendant, **overrides):
    return services.lawsuit_register(actor=officer, **lawsuit_data(defendant, **overrides))


def _judged(officer, defendant, judgment_type, *, judged=date(2025, 2, 28), served=None):
    with time_machine.travel(date(2025, 3, 3), tick=False):
        lawsuit = register(officer, defendant, filed_on=date(2024, 12, 2))
        return services.lawsuit_record_judgment(
            actor=officer,
            lawsuit=lawsuit,
            judgment_type=judgment_type,
            judgment_on=judged,
            served_on=served,
        )


def test_a_judgment_takes_effect_only_after_every_partys_appeal_period(recon_officer, unit_a):
    """《行政诉讼法》第八十五条: each party may appeal within 15 days of its own service; the
    judgment takes effect only when no party appealed in time. Agency served 2025-03-03 (its
    deadline 03-18), plaintiff served 03-10 (deadline 03-25): the daily scan of 03-19 leaves the
    judgment pending, and the plaintiff's appeal of 03-24 is registered."""
    lawsuit = _judged(recon_officer, unit_a, JudgmentType.REVOKED, served=date(2025, 3, 3))
    assert lawsuit.appeal_due_on == date(2025, 3, 18)
    assert services.scan_effective(today=date(2025, 3, 19)) == []
    lawsuit.refresh_from_db()
    assert lawsuit.status == LawsuitStatus.JUDGED
    with time_machine.travel(date(2025, 3, 10), tick=False):
        lawsuit = services.lawsuit_record_service(
            actor=recon_officer, lawsuit=lawsuit, on=date(2025, 3, 10), party="plaintiff"
        )
    plaintiff = lawsuit.services.get(party="plaintiff")
    assert plaintiff.appeal_due_on == date(2025, 3, 25)
    assert lawsuit.all_appeals_due_on == date(2025, 3, 25)
    assert services.scan_effective(today=date(2025, 3, 24)) == []
    with time_machine.travel(date(2025, 3, 24), tick=False):
        appeal = services.lawsuit_appeal(
            actor=recon_officer,
            lawsuit=lawsuit,
            court="衡阳市中级人民法院",
            court_case_number="（2025）湘04行终12号",
            appellant="李四",
            filed_on=date(2025, 3, 24),
        )
    lawsuit.refresh_from_db()
    assert lawsuit.appealed and lawsuit.status == LawsuitStatus.JUDGED
    assert appeal.instance == Instance.APPEAL and appeal.first_instance == lawsuit


def test_without_an_appeal_the_judgment_takes_effect_the_day_after_the_last_period(
    recon_officer, unit_a
):
    """《行政诉讼法》第八十五条: with the plaintiff's service unrecorded the judgment never takes
    effect by itself; once recorded (03-10, deadline 03-25), it takes effect on 03-26."""
    lawsuit = _judged(recon_officer, unit_a, JudgmentType.CLAIM_DISMISSED, served=date(2025, 3, 3))
    assert services.scan_effective(today=date(2025, 6, 1)) == []
    with pytest.raises(TransitionRefused, match="各方当事人"):
        services.lawsuit_close(actor=recon_officer, lawsuit=lawsuit, on=date(2025, 6, 1))
    with time_machine.travel(date(2025, 6, 1), tick=False):
        services.lawsuit_record_service(
            actor=recon_officer, lawsuit=lawsuit, on=date(2025, 3, 10), party="plaintiff"
        )
    with pytest.raises(TransitionRefused, match="2025年03月25日"):
        services.lawsuit_close(actor=recon_officer, lawsuit=lawsuit, on=date(2025, 3, 25))
    closed = services.scan_effective(today=date(2025, 6, 1))
    assert [x.pk for x in closed] == [lawsuit.pk]
    lawsuit.refresh_from_db()
    assert lawsuit.status == LawsuitStatus.CLOSED and lawsuit.closed_on == date(2025, 3, 26)


def test_a_ruling_allowing_withdrawal_is_final_on_service(recon_officer, unit_a):
    """《行政诉讼法》第八十五条、行诉解释第一百零一条第二款: only the rulings on 不予立案, 驳回起诉
    and 管辖异议 may be appealed. 准许撤诉 served 2025-03-03 is final that day: no 10-day clock to
    03-13, no appeal."""
    lawsuit = _judged(recon_officer, unit_a, JudgmentType.WITHDRAWN, served=date(2025, 3, 3))
    assert lawsuit.status == LawsuitStatus.CLOSED and lawsuit.closed_on == date(2025, 3, 3)
    appeal_clocks = clocks_for(lawsuit).filter(
        rule_code__in=["litigation.appeal_ruling", "litigation.appeal_judgment"]
    )
    assert lawsuit.appeal_due_on is None and not appeal_clocks.exists()
    with pytest.raises(TransitionRefused):
        services.lawsuit_appeal(
            actor=recon_officer,
            lawsuit=lawsuit,
            court="衡阳市中级人民法院",
            court_case_number="（2025）湘04行终13号",
            appellant="李四",
            filed_on=date(2025, 3, 10),
        )
    dismissed = _judged(recon_officer, unit_a, JudgmentType.SUIT_DISMISSED, served=date(2025, 3, 3))
    assert dismissed.status == LawsuitStatus.JUDGED
    assert dismissed.appeal_due_on == date(2025, 3, 13)


def _reconsidered(officer, respondent, outcome, **propose):
    """A reconsideration case accepted 2024-03-08 and closed on 2024-04-10 with `outcome`."""
    from fazhi.reconsideration import services as recon
    from fazhi.reconsideration.tests.factories import accepted, heard

    with time_machine.travel(date(2024, 4, 10), tick=False):
        case = heard(officer, accepted(officer, respondent))
        case = recon.case_propose_decision(
            actor=officer,
            case=case,
            outcome=outcome,
            on=date(2024, 4, 8),
            grounds="理由",
            **propose,
        )
        case = recon.case_approve_decision(
            actor=officer,
            case=case,
            kind="head",
            on=date(2024, 4, 9),
            approver_name="王志刚",
            approver_title="副区长",
        )
        return recon.case_issue_decision(actor=officer, case=case, on=date(2024, 4, 10))


def test_a_reconsideration_declaring_the_act_unlawful_for_procedure_counts_as_upheld(
    recon_officer, unit_a
):
    """行诉解释第二十二条第三款: a 确认违法 by the reconsideration body is a change of the act,
    except on the ground of a breach of statutory procedure, which counts as 维持: the original
    agency and the reconsideration body are then co-defendants (《行政诉讼法》第二十六条第二款)."""
    procedural = _reconsidered(
        recon_officer, unit_a, "declared_unlawful", unlawful_ground="minor_procedural"
    )
    other = _reconsidered(
        recon_officer, unit_a, "declared_unlawful", unlawful_ground="nothing_to_revoke"
    )
    with time_machine.travel(date(2024, 5, 10), tick=False):
        first = register(
            recon_officer,
            unit_a,
            reconsideration_case=procedural,
            co_defendant="衡阳市蒸湘区人民政府",
        )
        second = register(
            recon_officer,
            unit_a,
            reconsideration_case=other,
            co_defendant="衡阳市蒸湘区人民政府",
        )
    assert "视为复议维持" in first.expected_defendant_note
    assert "共同被告" in first.expected_defendant_note
    assert "第二十二条第三款" in first.expected_defendant_note
    assert second.expected_defendant_note.startswith("复议改变原行政行为：复议机关为被告")


def test_the_courts_trial_period_is_computed_on_registration(recon_officer, unit_a):
    """《行政诉讼法》第八十一条: the first instance is concluded within six months of 立案. Filed
    2025-04-01 → 10-01, in the 国庆 holiday → 10-09 (a time limit, rolled forward under
    《民法典》第二百零三条); the appeal (第八十八条) three months from 2025-04-07 → 07-07."""
    with time_machine.travel(date(2025, 4, 7), tick=False):
        lawsuit = register(recon_officer, unit_a, filed_on=date(2025, 4, 1))
        assert lawsuit.trial_due_on == date(2025, 10, 9)
        assert "第八十一条" in lawsuit.trial_due_explanation
        other = register(recon_officer, unit_a, filed_on=date(2025, 1, 6))
        other = services.lawsuit_record_judgment(
            actor=recon_officer,
            lawsuit=other,
            judgment_type=JudgmentType.CLAIM_DISMISSED,
            judgment_on=date(2025, 3, 20),
            served_on=date(2025, 3, 24),
        )
        appeal = services.lawsuit_appeal(
            actor=recon_officer,
            lawsuit=other,
            court="衡阳市中级人民法院",
            court_case_number="（2025）湘04行终20号",
            appellant="李四",
            filed_on=date(2025, 4, 7),
        )
    assert appeal.trial_due_on == date(2025, 7, 7)
    assert "第八十八条" in appeal.trial_due_explanation


def test_the_heads_mandatory_appearance_is_checked_when_the_hearing_is_scheduled(
    recon_officer, unit_a
):
    """行诉解释第一百二十九条第一款、第三款: in a case of major public interest the head of the
    sued agency shall appear; the check runs when the hearing is scheduled. A staff member
    without a good reason and a sealed statement is refused; the head is accepted."""
    with time_machine.travel(date(2025, 5, 6), tick=False):
        lawsuit = register(recon_officer, unit_a, is_major_public_interest=True)
        with pytest.raises(TransitionRefused, match="第一百二十九条第一款"):
            services.lawsuit_schedule_hearing(
                actor=recon_officer,
                lawsuit=lawsuit,
                held_on=date(2025, 5, 20),
                appearance="staff",
                staff_name="陈晓东",
                staff_position="法制股股长",
            )
        with pytest.raises(TransitionRefused, match="第一百二十八条"):
            services.lawsuit_schedule_hearing(
                actor=recon_officer,
                lawsuit=lawsuit,
                held_on=date(2025, 5, 20),
                appearance="lawyer_only",
            )
        lawsuit.refresh_from_db()
        assert lawsuit.hearing_scheduled_on is None
        lawsuit = services.lawsuit_schedule_hearing(
            actor=recon_officer,
            lawsuit=lawsuit,
            held_on=date(2025, 5, 20),
            appearance="head",
            head_name="李强",
            head_title="局长",
        )
    assert lawsuit.hearing_scheduled_on == date(2025, 5, 20)
    assert lawsuit.hearing_planned_attendee == "李强（局长）"


def test_the_trial_period_is_a_clock_on_the_lawsuit_closed_by_the_judgment(recon_officer, unit_a):
    """《行政诉讼法》第八十一条: filed 2025-01-06, six months end on 07-06, a Sunday → 07-07
    (《民法典》第二百零三条). The clock runs on the lawsuit in the deadline engine and the
    judgment of 03-20 closes it in time."""
    from fazhi.deadlines.selectors import clock_for
    from fazhi.litigation import deadlines as rules

    with time_machine.travel(date(2025, 3, 24), tick=False):
        lawsuit = register(recon_officer, unit_a, filed_on=date(2025, 1, 6))
        clock = clock_for(lawsuit, rules.FIRST_INSTANCE_TRIAL)
        assert clock.is_open and clock.due_date == date(2025, 7, 7)
        assert lawsuit.trial_due_on == date(2025, 7, 7)
        services.lawsuit_record_judgment(
            actor=recon_officer,
            lawsuit=lawsuit,
            judgment_type=JudgmentType.CLAIM_DISMISSED,
            judgment_on=date(2025, 3, 20),
        )
    clock.refresh_from_db()
    assert clock.state == "met" and clock.closed_on == date(2025, 3, 20)
