"""Test rules, clock factories and the isolation factories of the deadline engine."""

from datetime import date

from fazhi.core.testing.factories import UserFactory
from fazhi.core.testing.isolation import isolation_factory
from fazhi.deadlines.models import Reminder, ReminderAudience, ReminderKind
from fazhi.deadlines.rules import PeriodRule, PeriodUnit, register_rules

# Rules modelled on real statutory periods, registered under a test prefix.
WD5 = "deadlines_test.acceptance_review"
WD3 = "deadlines_test.simple_copy"
WD10 = "deadlines_test.reply"
WD20 = "deadlines_test.disclosure_reply"
CAL15 = "deadlines_test.defence"
CAL60 = "deadlines_test.reconsideration_decision"
MONTHS1 = "deadlines_test.one_month"
MONTHS2 = "deadlines_test.inaction"
MONTHS6 = "deadlines_test.suit"
YEARS1 = "deadlines_test.one_year"

register_rules(
    [
        PeriodRule(
            code=WD5,
            name="受理审查期限",
            length=5,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《行政复议法》第三十条",
            trigger_label="收到申请",
        ),
        PeriodRule(
            code=WD3,
            name="简易程序发送副本期限",
            length=3,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《行政复议法》第五十四条",
            trigger_label="受理",
        ),
        PeriodRule(
            code=WD10,
            name="书面答复期限",
            length=10,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《行政复议法》第四十八条",
            trigger_label="收到申请书副本",
        ),
        PeriodRule(
            code=WD20,
            name="依申请公开答复期限",
            length=20,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《政府信息公开条例》第三十三条",
            max_extension_days=20,
            max_extensions=1,
            trigger_label="收到申请",
        ),
        PeriodRule(
            code=CAL15,
            name="答辩举证期限",
            length=15,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《行政诉讼法》第六十七条",
            trigger_label="收到起诉状副本",
        ),
        PeriodRule(
            code=CAL60,
            name="复议决定期限",
            length=60,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《行政复议法》第六十二条",
            max_extension_days=30,
            max_extensions=1,
            trigger_label="受理",
        ),
        PeriodRule(
            code=MONTHS1,
            name="催告履行期限",
            length=1,
            unit=PeriodUnit.MONTHS,
            citation="《民法典》第二百零二条",
            status="U",
        ),
        PeriodRule(
            code=MONTHS2,
            name="履责期限",
            length=2,
            unit=PeriodUnit.MONTHS,
            citation="《行政诉讼法》第四十七条",
            trigger_label="提出申请",
        ),
        PeriodRule(
            code=MONTHS6,
            name="起诉期限",
            length=6,
            unit=PeriodUnit.MONTHS,
            citation="《行政诉讼法》第四十六条",
            trigger_label="知道作出行政行为",
        ),
        PeriodRule(
            code=YEARS1,
            name="最长申请期限",
            length=1,
            unit=PeriodUnit.YEARS,
            citation="《行政复议法》第二十条",
            trigger_label="知道行政行为内容",
        ),
    ]
)


def start_clock(unit, *, rule_code=WD5, trigger=date(2025, 3, 3), owner=None, subject=None):
    from fazhi.deadlines.services import clock_start

    return clock_start(
        rule_code=rule_code,
        trigger_date=trigger,
        subject=subject or unit,
        unit=unit,
        owner=owner,
    )


@isolation_factory("deadlines.Clock")
def clock_for_unit(unit):
    return start_clock(unit)


@isolation_factory("deadlines.Reminder")
def reminder_for_unit(unit):
    clock = start_clock(unit)
    return Reminder.objects.create(
        unit=unit,
        clock=clock,
        recipient=UserFactory(unit=unit),
        audience=ReminderAudience.OWNER,
        kind=ReminderKind.DUE_SOON,
        due_date=clock.due_date,
        message="测试提醒",
    )


def ensure_seeded_calendar():
    """Re-seed calendar version 1 (migration 0002) after a transactional test flushed it."""
    import importlib

    from django.apps import apps

    from fazhi.deadlines.models import CalendarVersion

    if not CalendarVersion.objects.exists():
        seed = importlib.import_module("fazhi.deadlines.migrations.0002_seed_calendar_2024_2026")
        seed.seed(apps, None)
