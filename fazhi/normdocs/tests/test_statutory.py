"""Statutory corrections of the normative-document register (issue 21): each test takes the
issue's dates and names the article it applies."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.normdocs.models import DocState
from fazhi.normdocs.services import normdoc_open_consultation, normdoc_submit_for_review
from fazhi.normdocs.tests.flow import draft, publish, reviewed_and_discussed

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
