"""Two kinds of period (issue 21 item 4): a deadline rolls past rest days (《民法典》第二百零三条),
a minimum interval does not."""

from datetime import date

import pytest

from fazhi.deadlines.exceptions import DeadlineRuleError
from fazhi.deadlines.rules import PeriodKind, PeriodRule, PeriodUnit, register_rules
from fazhi.deadlines.services import clock_start, compute_due

pytestmark = pytest.mark.django_db

DEADLINE_30 = "deadlines_test.thirty_day_deadline"
INTERVAL_30 = "deadlines_test.thirty_day_interval"

register_rules(
    [
        PeriodRule(
            code=DEADLINE_30,
            name="三十日办理期限",
            length=30,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《民法典》第二百零三条",
        ),
        PeriodRule(
            code=INTERVAL_30,
            name="公布至施行的最短间隔",
            length=30,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《湖南省规范性文件管理办法》第二十条",
            trigger_label="公布",
            kind=PeriodKind.MINIMUM_INTERVAL,
        ),
    ]
)


def test_a_deadline_is_rolled_forward_and_a_minimum_interval_is_not():
    """《民法典》第二百零三条: the last day of a period within which an act must be done moves
    past a holiday; a waiting period before an act may be done keeps its date. 2025-04-01 + 30
    days is 05-01 (劳动节 5/1-5/5): the deadline ends 05-06, the earliest date stays 05-01."""
    deadline = compute_due(DEADLINE_30, date(2025, 4, 1))
    interval = compute_due(INTERVAL_30, date(2025, 4, 1))
    assert deadline.due_date == date(2025, 5, 6)
    assert interval.due_date == date(2025, 5, 1)
    assert interval.explanation == (
        "2025-04-01 公布，公布至施行的最短间隔30日（《湖南省规范性文件管理办法》第二十条）："
        "5/1（周四）为劳动节放假，最短间隔期满日不因节假日顺延，最早 2025-05-01（周四）"
    )


def test_a_minimum_interval_cannot_be_run_as_a_clock(unit_a):
    """A minimum interval sets no time limit on anyone: it is never tracked as a due date."""
    with pytest.raises(DeadlineRuleError, match="最短间隔"):
        clock_start(
            rule_code=INTERVAL_30, trigger_date=date(2025, 4, 1), subject=unit_a, unit=unit_a
        )
