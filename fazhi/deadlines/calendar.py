"""Loading a calendar version from the database into the pure engine's `WorkCalendar`."""

from __future__ import annotations

from django.conf import settings

from fazhi.deadlines.engine import WorkCalendar
from fazhi.deadlines.fixed import remembered
from fazhi.deadlines.models import CalendarDay, CalendarVersion, DayKind

# Versions are immutable once written, so their day tables are cached per process.
_tables: dict[tuple, tuple[frozenset, dict, dict]] = {}


def count_adjusted_workdays() -> bool:
    """A3: whether 调休上班 weekend days count as working days (setting, default yes)."""
    return bool(getattr(settings, "DEADLINES_COUNT_ADJUSTED_WORKDAYS", True))


def current_version() -> CalendarVersion | None:
    """The version in force: the latest one (read once per request or import: `fixed`)."""
    return remembered(("calendar",), CalendarVersion.objects.order_by("-number").first)


def version_by_number(number: int) -> CalendarVersion:
    return CalendarVersion.objects.get(number=number)


def load_calendar(version: CalendarVersion | int | None = None) -> WorkCalendar:
    if isinstance(version, int):
        version = version_by_number(version)
    elif version is None:
        version = current_version()
    if version is None:
        return WorkCalendar(0, frozenset(), {}, {}, count_adjusted_workdays())
    key = (version.pk, version.number, version.created_at)
    if key not in _tables:
        holidays, workdays = {}, {}
        for day, kind, name in CalendarDay.objects.filter(version=version).values_list(
            "date", "kind", "name"
        ):
            (holidays if kind == DayKind.HOLIDAY else workdays)[day] = name
        _tables[key] = (frozenset(version.years), holidays, workdays)
    years, holidays, workdays = _tables[key]
    return WorkCalendar(version.number, years, holidays, workdays, count_adjusted_workdays())
