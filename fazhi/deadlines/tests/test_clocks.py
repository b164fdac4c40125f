"""The clock interface of docs/contracts.md: start, pause, resume, extend, close, selectors."""

from datetime import date

import pytest
import time_machine

from fazhi.deadlines import selectors
from fazhi.deadlines.models import ClockState
from fazhi.deadlines.services import (
    DeadlineRuleError,
    clock_close,
    clock_extend,
    clock_pause,
    clock_resume,
    clock_start,
    compute_due,
)
from fazhi.deadlines.tests.factories import CAL60, WD5, WD20

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2025, 1, 24), tick=False)
def test_clock_start_computes_due_date_and_explanation(unit_a, clerk_a):
    clock = clock_start(
        rule_code=WD5, trigger_date=date(2025, 1, 24), subject=unit_a, unit=unit_a, owner=clerk_a
    )
    assert clock.due_date == date(2025, 2, 7)
    assert clock.state == ClockState.RUNNING
    assert not clock.provisional
    assert clock.calendar_version.number == 1
    assert clock.explanation == (
        "2025-01-24 收到申请，受理审查期限5个工作日（《行政复议法》第三十条）："
        "1/26（周日）调休上班计入，1/28–2/4 春节放假不计，截止 2025-02-07（周五）"
    )
    assert selectors.clock_for(unit_a, WD5) == clock
    assert list(selectors.clocks_for(unit_a)) == [clock]
    assert compute_due(WD5, date(2025, 1, 24)).due_date == clock.due_date


def test_pause_resume_and_elapsed_days(unit_a):
    with time_machine.travel(date(2025, 3, 3), tick=False):
        clock = clock_start(
            rule_code=CAL60, trigger_date=date(2025, 3, 3), subject=unit_a, unit=unit_a
        )
    assert clock.due_date == date(2025, 5, 6)  # 5/2 falls in 劳动节 5/1-5/5 → 5/6 (T3)
    with time_machine.travel(date(2025, 3, 10), tick=False):
        clock = clock_pause(clock=clock, on=date(2025, 3, 10), reason="中止审理")
        assert clock.state == ClockState.PAUSED
        with pytest.raises(DeadlineRuleError, match="已处于中止状态"):
            clock_pause(clock=clock, on=date(2025, 3, 10), reason="中止审理")
    with time_machine.travel(date(2025, 3, 20), tick=False):
        clock = clock_resume(clock=clock, on=date(2025, 3, 20))
        # 3/2 + 60 = 5/2; +10 paused days = 5/12 (Mon), a working day.
        assert clock.due_date == date(2025, 5, 12)
        assert clock.raw_elapsed_days == 17
        assert clock.net_elapsed_days == 7
        assert clock.state == ClockState.RUNNING
        assert "3/10 因中止审理中止，3/20 恢复，其间10日不计" in clock.explanation


def test_extension_within_and_over_maximum(unit_a, head_a):
    with time_machine.travel(date(2025, 6, 3), tick=False):
        clock = clock_start(
            rule_code=WD20, trigger_date=date(2025, 6, 3), subject=unit_a, unit=unit_a
        )
        assert clock.due_date == date(2025, 7, 1)
        clock = clock_extend(clock=clock, days=20, approver=head_a, reason="需要协调")
        assert clock.due_date == date(2025, 7, 29)
        assert clock.extension_days == 20
        assert "经" in clock.explanation and "批准延长20个工作日" in clock.explanation
        with pytest.raises(DeadlineRuleError, match="政府信息公开条例》第三十三条最多延长1次"):
            clock_extend(clock=clock, days=1, approver=head_a, reason="再延")


def test_an_extension_approved_after_the_due_date_is_refused(unit_a, head_a):
    """A period can only be extended while it runs (《政府信息公开条例》第三十三条, 《行政复议法》
    第六十二条): due 2025-07-01, an approval dated 07-02 is refused and nothing is written; one
    dated 07-01 (the last day) is accepted."""
    with time_machine.travel(date(2025, 7, 2), tick=False):
        clock = clock_start(
            rule_code=WD20, trigger_date=date(2025, 6, 3), subject=unit_a, unit=unit_a
        )
        with pytest.raises(DeadlineRuleError, match="2025-07-01 届满"):
            clock_extend(
                clock=clock, days=20, approver=head_a, reason="需要协调", on=date(2025, 7, 2)
            )
        clock.refresh_from_db()
        assert clock.extensions.count() == 0 and clock.due_date == date(2025, 7, 1)
        clock = clock_extend(
            clock=clock, days=20, approver=head_a, reason="需要协调", on=date(2025, 7, 1)
        )
    assert clock.due_date == date(2025, 7, 29)


def test_extension_refused_where_rule_allows_none(unit_a, head_a):
    clock = clock_start(rule_code=WD5, trigger_date=date(2025, 6, 3), subject=unit_a, unit=unit_a)
    with pytest.raises(DeadlineRuleError, match="《行政复议法》第三十条不得延长"):
        clock_extend(clock=clock, days=2, approver=head_a, reason="来不及")
    clock.refresh_from_db()
    assert clock.extensions.count() == 0


def test_close_met_and_missed(unit_a):
    on_time = clock_start(
        rule_code=WD5, trigger_date=date(2025, 1, 24), subject=unit_a, unit=unit_a
    )
    late = clock_start(rule_code=WD5, trigger_date=date(2025, 1, 24), subject=unit_a, unit=unit_a)
    assert clock_close(clock=on_time, on=date(2025, 2, 7)).state == ClockState.MET
    assert clock_close(clock=late, on=date(2025, 2, 10)).state == ClockState.MISSED
    with pytest.raises(DeadlineRuleError, match="已办结"):
        clock_pause(clock=late, on=date(2025, 2, 10), reason="中止")
