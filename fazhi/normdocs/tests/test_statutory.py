"""Statutory corrections of the normative-document register (issue 21): each test takes the
issue's dates and names the article it applies."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.meetings.models import AgendaItem
from fazhi.normdocs.models import DocState
from fazhi.normdocs.services import (
    normdoc_discuss,
    normdoc_open_consultation,
    normdoc_submit_for_review,
)
from fazhi.normdocs.tests.flow import (
    department_meeting,
    draft,
    publish,
    reviewed_and_discussed,
    submit,
)
from fazhi.review.models import Outcome, ReviewRequest
from fazhi.review.tests.chain import approve

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("published_on", "effective_on", "too_early"),
    [
        (date(2025, 4, 1), date(2025, 5, 1), date(2025, 4, 30)),
        (date(2025, 9, 1), date(2025, 10, 1), date(2025, 9, 30)),
    ],
)
def test_entry_into_force_thirty_days_after_publication_is_not_rolled_past_the_holiday(
    clerk_a, reviewer, published_on, effective_on, too_early
):
    """《湖南省规范性文件管理办法》第二十条: in force no earlier than 30 days after publication.
    This is a minimum interval, not a period within which an act must be done, so the roll-forward
    of 《民法典》第二百零三条 does not apply: published 04-01 → 05-01 (劳动节) is lawful, as is
    09-01 → 10-01 (国庆节); the day before is still too early."""
    document = reviewed_and_discussed(clerk_a, reviewer)
    number = f"ZXDR-{published_on.year}-00001"
    with pytest.raises(ValidationError) as refused:
        publish(
            clerk_a,
            document,
            number=number,
            published_on=published_on,
            effective_on=too_early,
            valid_until=date(2030, 3, 31),
        )
    assert f"{effective_on:%Y-%m-%d}" in str(refused.value)
    publish(
        clerk_a,
        document,
        number=number,
        published_on=published_on,
        effective_on=effective_on,
        valid_until=date(2030, 3, 31),
    )
    document.refresh_from_db()
    assert document.state == DocState.PUBLISHED and document.effective_on == effective_on


def test_a_thirty_day_consultation_ending_on_national_day_is_long_enough(clerk_a):
    """国办发〔2018〕37号: public consultation generally at least 30 days. 2025-09-01 to 10-01 is
    30 days; the minimum is not rolled past the 国庆 holiday (《民法典》第二百零三条 applies to
    time limits, not to minimum periods), so no shortening reason is needed."""
    document = draft(clerk_a)
    normdoc_open_consultation(actor=clerk_a, document=document, start=date(2025, 9, 1))
    kwargs = {
        "actor": clerk_a,
        "document": document,
        "submitted_on": date(2025, 10, 9),
        "drafting_note": "起草说明",
        "legal_basis": "法律依据",
    }
    with pytest.raises(ValidationError) as refused:
        normdoc_submit_for_review(**kwargs, consultation_end=date(2025, 9, 30))
    assert "2025-10-01" in str(refused.value)
    normdoc_submit_for_review(**kwargs, consultation_end=date(2025, 10, 1))
    document.refresh_from_db()
    assert document.state == DocState.LEGALITY_REVIEW


def test_a_review_opinion_issued_after_the_meeting_does_not_open_the_gate(clerk_a, reviewer):
    """国办发〔2018〕115号 and, for every subject discussed collectively, 《重大行政决策程序暂行条例》
    第二十五条第一款、第二十八条: the opinion comes before the discussion. Submitted 2025-03-03,
    meeting held 03-20, opinion issued 03-25, agenda item recorded 03-26 → refused."""
    document = draft(clerk_a)
    review = submit(clerk_a, document, on=date(2025, 3, 3))
    meeting = department_meeting(clerk_a, held_on=date(2025, 3, 20))
    approve(review, reviewer, on=date(2025, 3, 25), n3_confirmed=True)
    with pytest.raises(ValidationError) as refused:
        normdoc_discuss(actor=clerk_a, document=document, meeting=meeting)
    assert "2025-03-25" in str(refused.value) and "2025-03-20" in str(refused.value)
    assert AgendaItem.objects.count() == 0
    document.refresh_from_db()
    assert document.state == DocState.REVIEW_PASSED


def test_a_normative_document_found_unlawful_never_passes_as_an_exploratory_reform(
    clerk_a, reviewer
):
    """《重大行政决策程序暂行条例》第二十五条第二款 lets only an exploratory-reform *major
    decision* go to the discussion with its legal risk disclosed; a normative document found
    unlawful may not be discussed or published (国办发〔2018〕115号). The flag is refused for a
    document, and a stored flag (e.g. an old record) does not count as a passed review."""
    document = draft(clerk_a)
    review = submit(clerk_a, document, on=date(2025, 3, 3))
    with pytest.raises(ValidationError) as refused:
        approve(
            review,
            reviewer,
            on=date(2025, 3, 14),
            outcome=Outcome.NOT_APPROVED,
            content_ok=False,
            exploratory_reform=True,
            risk_disclosure="存在违法设定义务的风险。",
        )
    assert "第二十五条第二款" in str(refused.value)
    review.refresh_from_db()
    assert review.outcome == "" and not review.exploratory_reform
    approve(review, reviewer, on=date(2025, 3, 14), outcome=Outcome.NOT_APPROVED, content_ok=False)
    document.refresh_from_db()
    assert document.state == DocState.DRAFTING
    # An old record flagged exploratory on a document still does not pass.
    ReviewRequest.objects.filter(pk=review.pk).update(
        exploratory_reform=True, risk_disclosure="历史记录"
    )
    review.refresh_from_db()
    assert not review.passed
    with pytest.raises(ValidationError):
        normdoc_discuss(
            actor=clerk_a,
            document=document,
            meeting=department_meeting(clerk_a, held_on=date(2025, 3, 20)),
        )
    with pytest.raises(ValidationError):
        publish(clerk_a, document, number="ZXDR-2025-00001", published_on=date(2025, 4, 1))
    document.refresh_from_db()
    assert document.state == DocState.DRAFTING and document.registration_number == ""
