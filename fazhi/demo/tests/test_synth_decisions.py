"""The synthetic decision-making chain: seed-sized volumes per district-year, idempotent."""

import pytest

from fazhi.core.models import Division
from fazhi.demo.synth import run_synth
from fazhi.indicators.selectors import indicator_values
from fazhi.review.models import ReviewRequest


@pytest.mark.django_db
def test_synth_generates_the_chain_per_district_year_and_tops_up_idempotently():
    run_synth(districts=1, years=2, end_year=2024)
    district = Division.objects.get(code="990101")
    values = indicator_values(
        [
            "decisions.executive_meetings",
            "review.documents",
            "review.minutes",
            "normdocs.filed",
            "normdocs.remains_valid",
            "advisors.village_contracts",
            "decisions.major_decisions_discussed",
        ],
        division_or_unit=district,
        year=2024,
    )
    assert 20 * 0.8 <= values["decisions.executive_meetings"].value <= 20 * 1.2
    assert 412 * 0.7 <= values["review.documents"].value <= 412 * 1.3
    assert 55 * 0.7 <= values["review.minutes"].value <= 55 * 1.3
    assert values["normdocs.filed"].value >= 1
    assert values["normdocs.remains_valid"].value >= 1  # 2024 is an even year: periodic cleanup
    assert values["advisors.village_contracts"].value == 54
    assert values["decisions.major_decisions_discussed"].value >= 4
    reviews = ReviewRequest.objects.count()
    run_synth(districts=1, years=2, end_year=2024)
    assert ReviewRequest.objects.count() == reviews
