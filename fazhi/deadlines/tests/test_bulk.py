"""`clocks_start_many`: the rows `clock_start` gives, its refusals, in a constant number of queries."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from fazhi.core.models import Unit
from fazhi.deadlines.bulk import ClockSpec, clocks_start_many
from fazhi.deadlines.exceptions import DeadlineRuleError
from fazhi.deadlines.models import Clock
from fazhi.deadlines.services import clock_close, clock_start
from fazhi.deadlines.tests.factories import CAL60, MONTHS1, WD5, YEARS1
from fazhi.deadlines.tests.test_minimum_interval import INTERVAL_30

pytestmark = pytest.mark.django_db

TODAY = date(2025, 4, 28)


def _row(clock: Clock) -> dict:
    values = {f.attname: getattr(clock, f.attname) for f in Clock._meta.concrete_fields}
    del values["id"]
    return values


def _sample(unit_a, unit_b, clerk_a) -> list[ClockSpec]:
    """Running, due soon, overdue, provisional (2031 has no calendar), across a 劳动节, with
    and without owner and label, two units as subjects."""
    return [
        ClockSpec(WD5, date(2025, 4, 25), unit_a, unit_a, owner=clerk_a),  # due soon, over 5/1
        ClockSpec(WD5, date(2025, 4, 25), unit_b, unit_a, label="蒸政复〔2025〕1号 受理审查期限"),
        ClockSpec(CAL60, date(2025, 3, 3), unit_a, unit_b, owner=clerk_a),  # running
        ClockSpec(CAL60, date(2025, 1, 2), unit_b, unit_b),  # overdue
        ClockSpec(MONTHS1, date(2025, 3, 31), unit_a, unit_a),  # clamped to month end
        ClockSpec(YEARS1, date(2030, 6, 1), unit_a, unit_a),  # provisional
    ]


@time_machine.travel(TODAY, tick=False)
def test_the_same_rows_as_clock_start(unit_a, unit_b, clerk_a):
    specs = _sample(unit_a, unit_b, clerk_a)
    expected = [
        clock_start(
            rule_code=s.rule_code,
            trigger_date=s.trigger_date,
            subject=s.subject,
            unit=s.unit,
            owner=s.owner,
            label=s.label,
        )
        for s in specs
    ]
    started = clocks_start_many(specs)
    assert all(c.pk for c in started)
    stored = {c.pk: c for c in Clock.objects.filter(pk__in=[c.pk for c in started])}
    got = [_row(stored[c.pk]) for c in started]
    want = [_row(Clock.objects.get(pk=c.pk)) for c in expected]
    assert got == want
    states = {row["state"] for row in got}
    assert states == {"running", "due_soon", "overdue"}
    assert any(row["provisional"] for row in got)


def test_refusals_are_clock_starts_and_nothing_is_written(unit_a):
    good = ClockSpec(WD5, date(2025, 4, 25), unit_a, unit_a)
    cases = [
        ClockSpec(INTERVAL_30, date(2025, 4, 1), unit_a, unit_a),
        ClockSpec(WD5, None, unit_a, unit_a),
        ClockSpec(WD5, date(2025, 4, 25), Unit(name="未保存"), unit_a),
        ClockSpec(WD5, date(2025, 4, 25), None, unit_a),
    ]
    for bad in cases:
        with pytest.raises(DeadlineRuleError) as single:
            clock_start(
                rule_code=bad.rule_code,
                trigger_date=bad.trigger_date,
                subject=bad.subject,
                unit=bad.unit,
            )
        with pytest.raises(DeadlineRuleError) as many:
            clocks_start_many([good, bad])
        assert str(many.value) == str(single.value)
        assert not Clock.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_query_count_does_not_grow_with_the_number_of_clocks(unit_a, unit_b, clerk_a):
    def specs(n):
        return [
            ClockSpec(
                (WD5, CAL60)[i % 2], date(2025, 1, 1 + i % 28), (unit_a, unit_b)[i % 2], unit_a
            )
            for i in range(n)
        ]

    clocks_start_many(specs(2))  # the content type is cached per process
    counts = []
    for n in (4, 40):
        with CaptureQueriesContext(connection) as queries:
            assert len(clocks_start_many(specs(n))) == n
        counts.append(len(queries))
    assert counts[0] == counts[1]


@time_machine.travel(TODAY, tick=False)
def test_closed_history_is_what_clock_close_leaves(unit_a, unit_b, clerk_a):
    """A record already past the step: the row of `clock_start` then `clock_close` (met when
    closed by the due date, missed after it), and `clock_close`'s refusal."""
    specs = [
        ClockSpec(
            WD5, date(2024, 4, 25), unit_a, unit_a, owner=clerk_a, closed_on=date(2024, 5, 6)
        ),
        ClockSpec(WD5, date(2024, 4, 25), unit_b, unit_a, closed_on=date(2024, 5, 9)),
        ClockSpec(CAL60, date(2024, 1, 2), unit_a, unit_b, closed_on=date(2024, 1, 2)),
    ]
    expected = []
    for s in specs:
        clock = clock_start(
            rule_code=s.rule_code,
            trigger_date=s.trigger_date,
            subject=s.subject,
            unit=s.unit,
            owner=s.owner,
            label=s.label,
        )
        expected.append(clock_close(clock=clock, on=s.closed_on))
    started = clocks_start_many(specs)
    got = [_row(Clock.objects.get(pk=c.pk)) for c in started]
    want = [_row(Clock.objects.get(pk=c.pk)) for c in expected]
    assert got == want
    assert [row["state"] for row in got] == ["met", "missed", "met"]
    early = ClockSpec(WD5, date(2024, 4, 25), unit_a, unit_a, closed_on=date(2024, 4, 24))
    with pytest.raises(DeadlineRuleError, match="早于起算日"):
        clocks_start_many([early])
