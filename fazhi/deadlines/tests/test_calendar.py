"""The seeded calendar against the `chinesecalendar` package, and the rest-day predicate (A2, A3)."""

from datetime import date, timedelta

import chinese_calendar
import pytest

from fazhi.deadlines.calendar import current_version, load_calendar
from fazhi.deadlines.models import CalendarDay, DayKind

pytestmark = pytest.mark.django_db


def every_day(year_from, year_to):
    d = date(year_from, 1, 1)
    while d <= date(year_to, 12, 31):
        yield d
        d += timedelta(days=1)


def test_seed_is_version_one_covering_2024_to_2026():
    version = current_version()
    assert version.number == 1
    assert sorted(version.years) == [2024, 2025, 2026]
    # T13-T15: 2024 has 11 statutory days plus bridging days; count what the notices list.
    holidays = CalendarDay.objects.filter(version=version, kind=DayKind.HOLIDAY)
    assert holidays.filter(date__year=2024).count() == 1 + 8 + 3 + 5 + 1 + 3 + 7
    assert holidays.filter(date__year=2025).count() == 1 + 8 + 3 + 5 + 3 + 8
    assert holidays.filter(date__year=2026).count() == 3 + 9 + 3 + 5 + 3 + 3 + 7


def test_seed_agrees_with_chinesecalendar_every_day_2024_2026():
    """A2: a rest day is a holiday, or a weekend day that is not an adjusted working day."""
    cal = load_calendar()
    disagreements = [
        d for d in every_day(2024, 2026) if cal.is_rest_day(d) == chinese_calendar.is_workday(d)
    ]
    assert disagreements == []


def test_seed_holidays_and_adjusted_workdays_match_chinesecalendar():
    cal = load_calendar()
    theirs_holidays = {
        d
        for d in every_day(2024, 2026)
        if chinese_calendar.get_holiday_detail(d)[1] is not None and chinese_calendar.is_holiday(d)
    }
    theirs_workdays = {
        d for d in every_day(2024, 2026) if d.weekday() >= 5 and chinese_calendar.is_workday(d)
    }
    assert set(cal.holidays) == theirs_holidays
    assert set(cal.workdays) == theirs_workdays


def test_adjusted_workday_setting_a3(settings):
    saturday = date(2026, 2, 14)  # 调休上班 (T15)
    assert not load_calendar().is_rest_day(saturday)
    settings.DEADLINES_COUNT_ADJUSTED_WORKDAYS = False
    assert load_calendar().is_rest_day(saturday)


def test_unloaded_year_assumes_weekends_and_fixed_statutory_dates():
    cal = load_calendar()
    assert not cal.is_loaded(date(2027, 3, 1))
    assert cal.is_rest_day(date(2027, 1, 1))  # 元旦, 放假办法 2
    assert cal.is_rest_day(date(2027, 10, 1))
    assert cal.is_rest_day(date(2027, 3, 6))  # Saturday
    assert not cal.is_rest_day(date(2027, 2, 8))  # 春节 2027 not known yet: a Monday
