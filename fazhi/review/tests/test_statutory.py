"""Statutory corrections of the legality review (issue 21): each test takes the issue's dates and
names the article it applies."""

from datetime import date

import pytest

from fazhi.deadlines.models import Reminder
from fazhi.deadlines.selectors import clocks_for
from fazhi.deadlines.services import scan_deadlines
from fazhi.review.models import MaterialKind, SubjectType
from fazhi.review.selectors import earliest_discussion
from fazhi.review.services import (
    advisor_opinion_record,
    review_request_advisor_opinion,
    review_submit,
)
from fazhi.review.tests.chain import approve

pytestmark = pytest.mark.django_db

DECISION_MATERIALS = [
    {"kind": MaterialKind.DRAFT, "title": "决策草案", "note": "草案全文"},
    {"kind": MaterialKind.LEGAL_BASIS, "title": "法律依据", "note": "《某法》第十条"},
    {"kind": MaterialKind.PROCEDURE_STATEMENT, "title": "程序说明", "note": "已公开征求意见30日"},
]


def test_the_seven_working_days_are_a_floor_for_the_reviewer_not_a_due_date(
    clerk_a, reviewer, advisor
):
    """《重大行政决策程序暂行条例》第二十六条第二款: the submitter must leave the reviewer
    generally at least 7 working days; 第二十八条 asks the opinion to be given 及时 and sets no
    period. Submitted Fri 2025-09-26, the 7 working days end Mon 10-13 (9/28 and 10/11 调休上班,
    国庆 10/1-10/8 not counted): that is the earliest discussion date. An opinion on 10-14 is
    neither missed nor overdue, and no reminder tells anyone it is late."""
    review = review_submit(
        actor=clerk_a,
        subject_type=SubjectType.MAJOR_DECISION,
        title="蒸湘区城市更新三年行动方案",
        submitted_on=date(2025, 9, 26),
        materials=DECISION_MATERIALS,
    )
    earliest = earliest_discussion(review)
    assert earliest.due_date == date(2025, 10, 13)
    assert "最早" in earliest.explanation and "第二十六条第二款" in earliest.explanation
    scan_deadlines(today=date(2025, 10, 14))
    assert not [c for c in clocks_for(review) if c.state in ("overdue", "missed")]
    opinion = review_request_advisor_opinion(
        actor=reviewer, review=review, advisor=advisor, requested_on=date(2025, 9, 29)
    )
    advisor_opinion_record(
        actor=reviewer, opinion=opinion, given_on=date(2025, 10, 10), text="建议明确补偿标准。"
    )
    approve(review, reviewer, on=date(2025, 10, 14))
    review.refresh_from_db()
    assert review.passed and review.opinion_issued_on == date(2025, 10, 14)
    assert not [c for c in clocks_for(review) if c.state in ("overdue", "missed")]
    assert not Reminder.objects.filter(unit=review.reviewer_unit).exists()
