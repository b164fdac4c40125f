"""Statutory corrections of the major-decision register (issue 21): each test takes the issue's
dates and names the article it applies."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.decisions.models import DecisionCategory, DecisionState, StepKind
from fazhi.decisions.services import (
    decision_discuss,
    decision_initiate,
    decision_record_step,
    decision_submit_for_review,
)
from fazhi.meetings.models import AgendaItem, AgendaOutcome, MeetingKind
from fazhi.meetings.services import meeting_create
from fazhi.review.models import Outcome
from fazhi.review.services import advisor_opinion_record, review_request_advisor_opinion
from fazhi.review.tests.chain import approve

pytestmark = pytest.mark.django_db


@pytest.fixture
def decision(office_staff, government, unit_a):
    return decision_initiate(
        actor=office_staff,
        unit=government,
        title="蒸湘区城市更新三年行动方案",
        category=DecisionCategory.PUBLIC_POLICY,
        lead_unit=unit_a,
        year=2025,
        hearing_required=True,
    )


def test_a_thirty_day_comment_period_ending_on_national_day_is_long_enough(clerk_a, decision):
    """《重大行政决策程序暂行条例》第十五条: public comment generally at least 30 days. Comment
    from 2025-09-01 to 10-01 is 30 days: a minimum period is not rolled past the 国庆 holiday
    (《民法典》第二百零三条 applies to time limits), and the Hunan 20 working days end 09-28."""
    with pytest.raises(ValidationError) as refused:
        decision_record_step(
            actor=clerk_a,
            decision=decision,
            kind=StepKind.PUBLIC_PARTICIPATION,
            started_on=date(2025, 9, 1),
            completed_on=date(2025, 9, 30),
            evidence="网站公开征求意见",
        )
    assert "2025-10-01" in str(refused.value) and "第十五条" in str(refused.value)
    step = decision_record_step(
        actor=clerk_a,
        decision=decision,
        kind=StepKind.PUBLIC_PARTICIPATION,
        started_on=date(2025, 9, 1),
        completed_on=date(2025, 10, 1),
        evidence="网站公开征求意见",
    )
    assert step.completed_on == date(2025, 10, 1)


def test_hearing_materials_seven_days_before_a_weekend_hearing(clerk_a, decision):
    """《重大行政决策程序暂行条例》第十六条第三款: materials reach the participants 7 days before
    the hearing. Sent Sat 2025-03-08, a hearing on Sat 03-15 is 7 days later and lawful (the
    minimum is not rolled to Mon 03-17); a hearing on Fri 03-14 is too early."""
    with pytest.raises(ValidationError) as refused:
        decision_record_step(
            actor=clerk_a,
            decision=decision,
            kind=StepKind.HEARING,
            materials_sent_on=date(2025, 3, 8),
            started_on=date(2025, 3, 14),
            completed_on=date(2025, 3, 14),
            evidence="听证会记录",
        )
    assert "第十六条第三款" in str(refused.value) and "2025-03-15" in str(refused.value)
    step = decision_record_step(
        actor=clerk_a,
        decision=decision,
        kind=StepKind.HEARING,
        materials_sent_on=date(2025, 3, 8),
        started_on=date(2025, 3, 15),
        completed_on=date(2025, 3, 15),
        evidence="听证会记录，听证参加人签字确认",
    )
    assert step.started_on == date(2025, 3, 15)


@pytest.fixture
def plain_decision(office_staff, government, unit_a):
    """A decision with no formation step required (no public comment, hearing, experts, risk)."""
    return decision_initiate(
        actor=office_staff,
        unit=government,
        title="蒸湘区政务服务事项清单调整方案",
        category=DecisionCategory.PUBLIC_POLICY,
        lead_unit=unit_a,
        year=2025,
        public_participation_required=False,
    )


def _submit(clerk, decision, on):
    return decision_submit_for_review(
        actor=clerk,
        decision=decision,
        submitted_on=on,
        draft="方案全文",
        legal_basis="《优化营商环境条例》",
        procedure_statement="已书面征求相关部门意见。",
    )


def _advise(reviewer, advisor, review, on):
    opinion = review_request_advisor_opinion(
        actor=reviewer, review=review, advisor=advisor, requested_on=review.submitted_on
    )
    advisor_opinion_record(actor=reviewer, opinion=opinion, given_on=on, text="程序合法。")


def test_a_legality_opinion_issued_after_the_meeting_does_not_open_the_gate(
    office_staff, clerk_a, reviewer, advisor, government, plain_decision
):
    """《重大行政决策程序暂行条例》第二十五条第一款、第二十八条: the draft is reviewed before the
    government discusses it. Submitted 2025-03-03, meeting held 03-20, opinion issued 03-25: an
    agenda item recorded on 03-26 for the 03-20 meeting is refused (the discussion would precede
    the opinion). A meeting held on the day of the opinion or later is accepted."""
    review = _submit(clerk_a, plain_decision, date(2025, 3, 3))
    meeting = meeting_create(
        actor=office_staff,
        unit=government,
        kind=MeetingKind.EXECUTIVE,
        held_on=date(2025, 3, 20),
        number=5,
    )
    _advise(reviewer, advisor, review, date(2025, 3, 18))
    approve(review, reviewer, on=date(2025, 3, 25))
    with pytest.raises(ValidationError) as refused:
        decision_discuss(
            actor=office_staff,
            decision=plain_decision,
            meeting=meeting,
            outcome=AgendaOutcome.APPROVED,
        )
    message = str(refused.value)
    assert "第二十五条" in message and "2025-03-25" in message and "2025-03-20" in message
    assert AgendaItem.objects.count() == 0
    plain_decision.refresh_from_db()
    assert plain_decision.state == DecisionState.REVIEW_PASSED
    later = meeting_create(
        actor=office_staff,
        unit=government,
        kind=MeetingKind.EXECUTIVE,
        held_on=date(2025, 3, 27),
        number=6,
    )
    decision_discuss(
        actor=office_staff, decision=plain_decision, meeting=later, outcome=AgendaOutcome.APPROVED
    )
    plain_decision.refresh_from_db()
    assert plain_decision.state == DecisionState.DECIDED
    assert plain_decision.discussed_on == date(2025, 3, 27)


def test_an_exploratory_reform_with_its_risk_disclosed_may_be_discussed(
    office_staff, clerk_a, reviewer, advisor, government, plain_decision
):
    """《重大行政决策程序暂行条例》第二十五条第二款: a major decision on an exploratory reform the
    State has not yet regulated may go to the discussion with its legal risk disclosed, even
    when the review finds it not lawful. The exception is the major decision's alone."""
    review = _submit(clerk_a, plain_decision, date(2025, 3, 3))
    _advise(reviewer, advisor, review, date(2025, 3, 10))
    approve(
        review,
        reviewer,
        on=date(2025, 3, 14),
        outcome=Outcome.NOT_APPROVED,
        content_ok=False,
        exploratory_reform=True,
        risk_disclosure="国家尚无明确规定，存在被认定超越权限的风险。",
    )
    meeting = meeting_create(
        actor=office_staff,
        unit=government,
        kind=MeetingKind.EXECUTIVE,
        held_on=date(2025, 3, 20),
        number=5,
    )
    decision_discuss(
        actor=office_staff, decision=plain_decision, meeting=meeting, outcome=AgendaOutcome.APPROVED
    )
    plain_decision.refresh_from_db()
    assert plain_decision.state == DecisionState.DECIDED


@pytest.fixture
def consulted_decision(office_staff, government, unit_a):
    """A decision whose draft must be put to public comment (决策条例第十四条、第十五条)."""
    return decision_initiate(
        actor=office_staff,
        unit=government,
        title="蒸湘区生活垃圾分类实施方案",
        category=DecisionCategory.PUBLIC_POLICY,
        lead_unit=unit_a,
        year=2025,
    )


def _comment(clerk, decision):
    return decision_record_step(
        actor=clerk,
        decision=decision,
        kind=StepKind.PUBLIC_PARTICIPATION,
        started_on=date(2025, 3, 3),
        completed_on=date(2025, 4, 2),
        evidence="在区政府门户网站公开征求意见30日",
    )


def test_the_draft_goes_to_legality_review_only_after_its_public_comment(
    clerk_a, consulted_decision
):
    """《重大行政决策程序暂行条例》第二十六条第一款、第二十七条第二项 (the review checks that the
    draft was formed through the statutory procedures, 第十四条至第二十四条): a draft whose public
    comment has not happened, or is still open (03-03 to 04-02, submitted 03-10), is not
    submitted; submitted on 04-03 it is."""
    with pytest.raises(ValidationError) as refused:
        _submit(clerk_a, consulted_decision, date(2025, 3, 10))
    assert "公众参与" in str(refused.value) and "第二十七条" in str(refused.value)
    _comment(clerk_a, consulted_decision)
    with pytest.raises(ValidationError) as refused:
        _submit(clerk_a, consulted_decision, date(2025, 3, 10))
    assert "2025-04-02" in str(refused.value)
    consulted_decision.refresh_from_db()
    assert consulted_decision.state == DecisionState.DRAFTING
    review = _submit(clerk_a, consulted_decision, date(2025, 4, 3))
    consulted_decision.refresh_from_db()
    assert review.submitted_on == date(2025, 4, 3)
    assert consulted_decision.state == DecisionState.LEGALITY_REVIEW


def test_no_discussion_while_the_comment_period_is_still_open(
    settings, office_staff, clerk_a, reviewer, advisor, government, consulted_decision
):
    """《重大行政决策程序暂行条例》第十五条、第二十九条第二项: the discussion materials include how
    the public's comments were handled, so a meeting held while the comment period runs (03-03
    to 04-02, meeting 03-20) may not discuss the draft, even where the office lets the review
    start before the comment ends (FAZHI_DECISIONS steps_before_legality_review = [])."""
    settings.FAZHI_DECISIONS = {"steps_before_legality_review": []}
    _comment(clerk_a, consulted_decision)
    review = _submit(clerk_a, consulted_decision, date(2025, 3, 5))
    _advise(reviewer, advisor, review, date(2025, 3, 10))
    approve(review, reviewer, on=date(2025, 3, 14))
    meeting = meeting_create(
        actor=office_staff,
        unit=government,
        kind=MeetingKind.EXECUTIVE,
        held_on=date(2025, 3, 20),
        number=5,
    )
    with pytest.raises(ValidationError) as refused:
        decision_discuss(
            actor=office_staff,
            decision=consulted_decision,
            meeting=meeting,
            outcome=AgendaOutcome.APPROVED,
        )
    message = str(refused.value)
    assert "2025-04-02" in message and "第二十九条" in message
    assert AgendaItem.objects.count() == 0
    consulted_decision.refresh_from_db()
    assert consulted_decision.state == DecisionState.REVIEW_PASSED


@pytest.mark.parametrize("kind", [MeetingKind.SPECIAL, MeetingKind.DEPARTMENT])
def test_a_major_decision_is_discussed_only_at_the_executive_or_plenary_meeting(
    office_staff, clerk_a, reviewer, advisor, government, plain_decision, kind
):
    """《重大行政决策程序暂行条例》第三十条第一款: the draft is discussed at the deciding
    government's 常务会议 or 全体会议; a 专题会议 or a 部门办公会议 is refused by the service, not
    only by the form."""
    review = _submit(clerk_a, plain_decision, date(2025, 3, 3))
    _advise(reviewer, advisor, review, date(2025, 3, 10))
    approve(review, reviewer, on=date(2025, 3, 14))
    meeting = meeting_create(
        actor=office_staff, unit=government, kind=kind, held_on=date(2025, 3, 20)
    )
    with pytest.raises(ValidationError) as refused:
        decision_discuss(
            actor=office_staff,
            decision=plain_decision,
            meeting=meeting,
            outcome=AgendaOutcome.APPROVED,
        )
    assert "第三十条" in str(refused.value)
    assert AgendaItem.objects.count() == 0
    plain_decision.refresh_from_db()
    assert plain_decision.state == DecisionState.REVIEW_PASSED
