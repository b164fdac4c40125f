"""Settings of the legal aid register (documented in docs/legal-services.md).

- `LEGAL_AID_REVIEW_PERIOD_UNIT` (A6, read in deadlines.py): whether the 7-day review of 《法律援助法》第四十三条 counts
  working days (`"working_days"`, the default, as the 2012 程序规定 第十三条 did) or calendar
  days (`"calendar_days"`). The office can also override it at runtime (期限规则调整).
- `LEGAL_AID_URGENT_WINDOW_DAYS` (A4): a limitation or filing deadline fewer than this many days
  away flags the application as urgent (default 7, 《法律援助法》第四十四条).
- `LEGAL_AID_CASE_PREFIX`: the case number's prefix (default "法援"), e.g. 法援〔2024〕12号.
"""

from django.conf import settings


def urgent_window_days() -> int:
    return int(getattr(settings, "LEGAL_AID_URGENT_WINDOW_DAYS", 7))


def case_prefix() -> str:
    return getattr(settings, "LEGAL_AID_CASE_PREFIX", "法援")
