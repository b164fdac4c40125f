"""The register's indicators and compliance findings, computed for a unit and a year."""

from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.deadlines.services import compute_due
from fazhi.indicators.selectors import findings_for as all_findings
from fazhi.indicators.selectors import indicator_values
from fazhi.normdocs.indicators import FILING_RULE
from fazhi.normdocs.models import CleanupKind, CleanupState
from fazhi.normdocs.services import filed_on_time, normdoc_discuss, normdoc_file
from fazhi.normdocs.tests.factories import make_campaign, make_published
from fazhi.normdocs.tests.flow import department_meeting, draft, publish, submit
from fazhi.review.tests.chain import approve


def findings_for(*, division_or_unit, year, codes):
    """The compliance findings of the given checks only."""
    found = all_findings(division_or_unit=division_or_unit, year=year)
    return [f for f in found if f.check in codes]


pytestmark = pytest.mark.django_db


FILING_DAYS = 15  # 《湖南省规范性文件管理办法》第二十二条: 公布之日起15日内报送备案

# published on these days, the 15th day falls in 国庆 2024 (1–7 Oct) and 春节 2025 (28 Jan–4 Feb)
HOLIDAY_PUBLICATIONS = [date(2024, 9, 20), date(2025, 1, 20)]


def _published_through_services(clerk, reviewer, published_on, serial):
    document = draft(clerk, title=f"蒸湘区见习补贴管理办法（{published_on:%Y%m%d}-{serial}）")
    approve(submit(clerk, document), reviewer, on=date(2024, 8, 12), n3_confirmed=True)
    normdoc_discuss(actor=clerk, document=document, meeting=department_meeting(clerk))
    return publish(
        clerk,
        document,
        number=f"ZXDR-{published_on.year}-{serial:05d}",
        published_on=published_on,
        effective_on=published_on + timedelta(days=31),
        valid_until=date(published_on.year + 5, 12, 31),
    )


def _filed(clerk, document, on):
    return normdoc_file(actor=clerk, document=document, filed_on=on)


def test_filing_across_a_holiday_is_read_from_the_stored_due_date(clerk_a, reviewer, unit_a):
    expected = {}
    serial = iter(range(1, 100))
    for published_on in HOLIDAY_PUBLICATIONS:
        due = compute_due(FILING_RULE, published_on).due_date
        assert due > published_on + timedelta(days=FILING_DAYS)  # rolled past the holiday
        on_time = _published_through_services(clerk_a, reviewer, published_on, next(serial))
        late = _published_through_services(clerk_a, reviewer, published_on, next(serial))
        _filed(clerk_a, on_time, due)
        late = _filed(clerk_a, late, due + timedelta(days=1))
        expected[published_on.year] = (due, late)
    codes = ["normdocs.published_filed", "normdocs.filed_on_time", "normdocs.filing_timely_rate"]
    with time_machine.travel(date(2026, 3, 2)):
        for year, (due, late) in expected.items():
            values = indicator_values(codes, division_or_unit=unit_a, year=year)
            assert values["normdocs.published_filed"].value == 2
            assert values["normdocs.filed_on_time"].value == 1
            assert values["normdocs.filing_timely_rate"].display == "50%"
            findings = findings_for(
                division_or_unit=unit_a, year=year, codes=["normdocs.filing_late"]
            )
            assert [f.records[0].pk for f in findings] == [late.pk]
            assert f"应于{due:%Y-%m-%d}前报备" in findings[0].message
            assert "逾期1日" in findings[0].message
            assert filed_on_time(late) is False


def test_late_and_missing_filings_against_the_clock(clerk_a, reviewer, unit_a):
    published_on = date(2024, 11, 4)
    due = compute_due(FILING_RULE, published_on).due_date
    filed = _filed(clerk_a, _published_through_services(clerk_a, reviewer, published_on, 1), due)
    missing = _published_through_services(clerk_a, reviewer, published_on, 2)
    with time_machine.travel(due):
        assert (
            findings_for(division_or_unit=unit_a, year=2024, codes=["normdocs.filing_late"]) == []
        )
    with time_machine.travel(date(2025, 1, 10)):
        values = indicator_values(
            ["normdocs.published", "normdocs.filing_rate", "normdocs.filing_timely_rate"],
            division_or_unit=unit_a,
            year=2024,
        )
        findings = findings_for(division_or_unit=unit_a, year=2024, codes=["normdocs.filing_late"])
    assert values["normdocs.published"].value == 2
    assert values["normdocs.filing_rate"].display == "50%"
    assert values["normdocs.filing_timely_rate"].display == "100%"
    assert [f.records[0].pk for f in findings] == [missing.pk]
    assert "尚未报备" in findings[0].message and f"应于{due:%Y-%m-%d}前报备" in findings[0].message
    assert filed_on_time(filed) is True and filed_on_time(missing) is None


def test_a_document_without_a_filing_clock_is_not_counted_late(unit_a):
    # history recorded without its period (factories, synthetic data): no due date on record
    published_on = date(2024, 9, 20)
    late = compute_due(FILING_RULE, published_on).due_date + timedelta(days=30)
    document = make_published(unit_a, published_on=published_on, filed_on=late)
    make_published(unit_a, published_on=published_on)
    with time_machine.travel(date(2025, 1, 10)):
        values = indicator_values(["normdocs.filed_on_time"], division_or_unit=unit_a, year=2024)
        findings = findings_for(division_or_unit=unit_a, year=2024, codes=["normdocs.filing_late"])
    assert values["normdocs.filed_on_time"].value == 1
    assert findings == []
    assert filed_on_time(document) is True


def test_the_values_page_reads_timely_filing_in_the_batch_statement(
    clerk_a, reviewer, unit_a, office_staff
):
    published_on = date(2024, 9, 20)
    document = _published_through_services(clerk_a, reviewer, published_on, 1)
    _filed(clerk_a, document, compute_due(FILING_RULE, published_on).due_date)
    with time_machine.travel(date(2025, 1, 10)), CaptureQueriesContext(connection) as queries:
        values = indicator_values(division_or_unit=unit_a.division, year=2024, user=office_staff)
    assert values["normdocs.filed_on_time"].value == 1
    reads = [q["sql"] for q in queries.captured_queries if "normdocs_normativedocument" in q["sql"]]
    assert reads and all("UNION ALL" in sql for sql in reads), reads


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
