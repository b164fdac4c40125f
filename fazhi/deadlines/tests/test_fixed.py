"""Rules and calendar read once per request or import, and afresh after either is written."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.deadlines.calendar import current_version
from fazhi.deadlines.fixed import FixedRulesMiddleware, fixed
from fazhi.deadlines.models import CalendarVersion, RuleOverride
from fazhi.deadlines.rules import PeriodUnit, effective_rule
from fazhi.deadlines.tests.factories import MONTHS1, WD5

pytestmark = pytest.mark.django_db


def _queries(read) -> int:
    with CaptureQueriesContext(connection) as captured:
        read()
    return len(captured)


def test_inside_the_block_each_rule_and_the_calendar_are_read_once():
    def read_twice():
        for _ in range(2):
            effective_rule(MONTHS1), effective_rule(WD5), current_version()

    assert _queries(read_twice) == 6  # outside: every call reads
    with fixed():
        assert _queries(read_twice) == 2  # every override in one read, and the calendar
    assert _queries(read_twice) == 6  # the memo ends with the block


def test_the_active_override_applies_and_an_inactive_one_does_not(office_staff):
    override = RuleOverride.objects.create(
        rule_code=WD5, length=7, unit=PeriodUnit.WORKING_DAYS, reason="测试", active=False
    )
    assert effective_rule(WD5).length == 5
    override.active = True
    override.save()
    with fixed():
        assert (effective_rule(WD5).length, effective_rule(MONTHS1).length) == (7, 1)


def test_an_override_saved_inside_the_block_is_seen_at_once(office_staff):
    with fixed():
        assert effective_rule(MONTHS1).length == 1
        override = RuleOverride.objects.create(
            rule_code=MONTHS1, length=20, unit=PeriodUnit.WORKING_DAYS, reason="测试"
        )
        assert effective_rule(MONTHS1).length == 20
        override.delete()
        assert effective_rule(MONTHS1).length == 1


def test_a_calendar_version_saved_inside_the_block_is_the_one_in_force():
    with fixed():
        before = current_version()
        new = CalendarVersion.objects.create(number=before.number + 1, years=before.years)
        assert current_version() == new


def test_the_middleware_gives_each_request_its_own_memo():
    def first_request(request):
        return _queries(lambda: (effective_rule(MONTHS1), effective_rule(MONTHS1)))

    def second_request(request):
        return effective_rule(MONTHS1).length

    assert FixedRulesMiddleware(first_request)(None) == 1  # one read for two calls
    RuleOverride.objects.create(
        rule_code=MONTHS1, length=20, unit=PeriodUnit.WORKING_DAYS, reason="测试"
    )  # written between the two requests
    assert FixedRulesMiddleware(second_request)(None) == 20
