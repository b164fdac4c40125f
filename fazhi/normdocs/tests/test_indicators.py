"""The register's indicators and compliance findings, computed for a unit and a year."""

from datetime import date

import pytest
import time_machine

from fazhi.indicators.selectors import findings_for as all_findings
from fazhi.indicators.selectors import indicator_values
from fazhi.normdocs.models import CleanupKind, CleanupState
from fazhi.normdocs.tests.factories import make_campaign, make_published


def findings_for(*, division_or_unit, year, codes):
    """The compliance findings of the given checks only."""
    found = all_findings(division_or_unit=division_or_unit, year=year)
    return [f for f in found if f.check in codes]


pytestmark = pytest.mark.django_db


def test_filing_rates_and_late_filing_findings(unit_a):
    # published Fri 20 Sep 2024: due Tue 8 Oct (国庆 roll-forward)
    make_published(unit_a, published_on=date(2024, 9, 20), filed_on=date(2024, 10, 8))
    late = make_published(unit_a, published_on=date(2024, 9, 20), filed_on=date(2024, 10, 9))
    missing = make_published(unit_a, published_on=date(2024, 11, 4))
    with time_machine.travel(date(2025, 1, 10)):
        values = indicator_values(
            [
                "normdocs.published",
                "normdocs.filed",
                "normdocs.filing_rate",
                "normdocs.filing_timely_rate",
            ],
            division_or_unit=unit_a,
            year=2024,
        )
        findings = findings_for(division_or_unit=unit_a, year=2024, codes=["normdocs.filing_late"])
    assert values["normdocs.published"].value == 3 and values["normdocs.filed"].value == 2
    assert values["normdocs.filing_rate"].display == "66.67%"
    assert values["normdocs.filing_timely_rate"].display == "50%"
    messages = {f.records[0].pk: f.message for f in findings}
    assert set(messages) == {late.pk, missing.pk}
    assert "逾期1日" in messages[late.pk] and "尚未报备" in messages[missing.pk]
    assert all(f.unit == unit_a for f in findings)


def test_documents_past_validity_still_in_force_are_found(unit_a):
    expired = make_published(unit_a, published_on=date(2019, 3, 1), valid_until=date(2024, 3, 1))
    make_published(unit_a, published_on=date(2022, 3, 1), valid_until=date(2027, 3, 1))
    with time_machine.travel(date(2025, 1, 10)):
        findings = findings_for(
            division_or_unit=unit_a, year=2024, codes=["normdocs.expired_still_in_force"]
        )
    assert [f.records[0] for f in findings] == [expired]
    assert "2024-03-01" in findings[0].message


def test_no_periodic_cleanup_in_an_even_years_third_quarter_is_found(government):
    with time_machine.travel(date(2025, 1, 10)):
        missing = findings_for(
            division_or_unit=government, year=2024, codes=["normdocs.periodic_cleanup_missing"]
        )
        assert [f.unit for f in missing] == [government]
        assert "第3季度" in missing[0].message
        make_campaign(
            government,
            kind=CleanupKind.PERIODIC,
            state=CleanupState.COMPLETED,
            completed_on=date(2024, 9, 27),
        )
        assert (
            findings_for(
                division_or_unit=government, year=2024, codes=["normdocs.periodic_cleanup_missing"]
            )
            == []
        )
        assert (
            findings_for(
                division_or_unit=government, year=2023, codes=["normdocs.periodic_cleanup_missing"]
            )
            == []
        )
