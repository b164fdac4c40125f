"""The reminder scan: due in 3 working days, due today, overdue; never twice; the 工作台."""

from datetime import date
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from fazhi.core.workbench import items_for
from fazhi.deadlines.models import Clock, ClockState, Reminder, ReminderAudience, ReminderKind
from fazhi.deadlines.services import clock_close, clock_pause, scan_deadlines
from fazhi.deadlines.tasks import scan_deadlines_task
from fazhi.deadlines.tests.factories import start_clock

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(unit_a, clerk_a, head_a):
    # WD5 from Mon 2025-03-03 → due Mon 2025-03-10.
    return start_clock(unit_a, trigger=date(2025, 3, 3), owner=clerk_a)


def kinds(recipient):
    return sorted(Reminder.objects.filter(recipient=recipient).values_list("kind", flat=True))


def test_scan_reminds_owner_and_head_once_per_stage(clock, clerk_a, head_a, clerk_b):
    assert clock.due_date == date(2025, 3, 10)
    report = scan_deadlines(today=date(2025, 3, 4))  # 3 working days ahead is 3/7: not yet
    assert report.reminders_created == 0
    assert Clock.objects.get(pk=clock.pk).state == ClockState.RUNNING

    report = scan_deadlines(today=date(2025, 3, 5))  # 3/6, 3/7, 3/10: due within 3 working days
    assert report.reminders_created == 2
    assert Clock.objects.get(pk=clock.pk).state == ClockState.DUE_SOON
    own = Reminder.objects.get(recipient=clerk_a)
    assert own.audience == ReminderAudience.OWNER and own.kind == ReminderKind.DUE_SOON
    assert own.message == "【即将到期】受理审查期限将于 2025-03-10（周一） 到期，还有3个工作日。"
    head = Reminder.objects.get(recipient=head_a)
    assert head.audience == ReminderAudience.UNIT_HEAD
    assert head.message == (
        f"【即将到期】{clerk_a.full_name}承办的受理审查期限将于 2025-03-10（周一） 到期，"
        "还有3个工作日。"
    )
    assert scan_deadlines(today=date(2025, 3, 5)).reminders_created == 0
    assert scan_deadlines(today=date(2025, 3, 6)).reminders_created == 0  # still due soon

    assert scan_deadlines(today=date(2025, 3, 10)).reminders_created == 2
    assert Reminder.objects.get(recipient=clerk_a, kind=ReminderKind.DUE_TODAY).message == (
        "【今日到期】受理审查期限今日到期（2025-03-10，周一）。"
    )
    assert scan_deadlines(today=date(2025, 3, 11)).reminders_created == 2
    assert Clock.objects.get(pk=clock.pk).state == ClockState.OVERDUE
    assert Reminder.objects.get(recipient=clerk_a, kind=ReminderKind.OVERDUE).message == (
        "【已逾期】受理审查期限已于 2025-03-10（周一） 到期，逾期1日。"
    )
    assert scan_deadlines(today=date(2025, 3, 12)).reminders_created == 0
    assert kinds(clerk_a) == kinds(head_a) == ["due_soon", "due_today", "overdue"]
    assert kinds(clerk_b) == []


def test_paused_and_closed_clocks_are_not_reminded(unit_a, clerk_a, head_a):
    paused = start_clock(unit_a, trigger=date(2025, 3, 3), owner=clerk_a)
    clock_pause(clock=paused, on=date(2025, 3, 4), reason="补正")
    closed = start_clock(unit_a, trigger=date(2025, 3, 3), owner=clerk_a)
    clock_close(clock=closed, on=date(2025, 3, 7))
    assert scan_deadlines(today=date(2025, 3, 11)).reminders_created == 0
    assert Clock.objects.get(pk=paused.pk).state == ClockState.PAUSED
    assert Clock.objects.get(pk=closed.pk).state == ClockState.MET


def test_command_and_task_run_the_scan(clock):
    out = StringIO()
    call_command("scan_deadlines", "--date", "2025-03-05", stdout=out)
    assert out.getvalue().strip().splitlines() == [
        "2025-03-05：状态更新 1 项，临近或逾期 1 项，新提醒 2 条。",
        "已清理两天前的数据变更记录 0 条。",  # the change log's rows are all recent
    ]
    result = scan_deadlines_task.call("2025-03-11")
    assert result == {
        "today": "2025-03-11",
        "states_changed": 1,
        "open_due": 1,
        "reminders_created": 2,
    }


def test_workbench_shows_own_items_head_warnings_and_office_overview(
    clock, clerk_a, head_a, clerk_b, office_staff
):
    scan_deadlines(today=date(2025, 3, 11))
    with time_machine.travel(date(2025, 3, 11), tick=False):
        todos, warnings = items_for(clerk_a)
        mine = [i for i in todos if i.source == "deadlines"]
        assert [(i.title, i.level, i.due_date) for i in mine] == [
            ("受理审查期限", "overdue", date(2025, 3, 10))
        ]
        assert mine[0].explanation == clock.explanation
        assert mine[0].url.endswith(f"/deadlines/clock/{clock.pk}/change/")

        _todos, head_warnings = items_for(head_a)
        assert [
            (i.title, i.level, i.unit_name) for i in head_warnings if i.source == "deadlines"
        ] == [(f"受理审查期限（承办人：{clerk_a.full_name}）", "overdue", clock.unit.name)]

        _todos, office_warnings = items_for(office_staff)
        assert [(i.title, i.unit_name) for i in office_warnings if i.source == "deadlines"] == [
            ("1 项法定期限已逾期", clock.unit.name)
        ]
        other_todos, other_warnings = items_for(clerk_b)
        assert [i for i in other_todos + other_warnings if i.source == "deadlines"] == []
