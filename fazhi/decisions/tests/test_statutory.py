"""Statutory corrections of the major-decision register (issue 21): each test takes the issue's
dates and names the article it applies."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.decisions.models import DecisionCategory, StepKind
from fazhi.decisions.services import decision_initiate, decision_record_step

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
