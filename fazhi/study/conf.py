"""Configuration of the study register (override with `FAZHI_STUDY` in settings).

The thresholds of the compliance check behind the report's problem 一 are local practice, not
statute (docs/rules.md, status U): the office sets them.
"""

from decimal import Decimal

from django.conf import settings

from fazhi.core.models import UnitKind

DEFAULTS = {
    # Units expected to hold law-study sessions: streets/towns and district departments.
    "checked_kinds": [UnitKind.DEPARTMENT, UnitKind.SUBDISTRICT, UnitKind.TOWN],
    # Fewer law-study sessions than this in a year is "安排法治专题学习次数有限".
    "min_sessions": 4,
    # Share of the 应知应会 list a unit should have studied in the year.
    "min_coverage": Decimal("0.5"),
}


def setting(key: str):
    return getattr(settings, "FAZHI_STUDY", {}).get(key, DEFAULTS[key])
