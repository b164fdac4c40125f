"""Settings of community corrections (documented in docs/legal-services.md).

- `CORRECTIONS_TOWNSHIP_LEAVE_MAX_DAYS` (K5, status U): a leave of at most this many days is
  approved by the 司法所; a longer one, and every move, by the district (county) corrections
  body. Default 7 (the superseded 2012 rules); the current 实施办法 leaves it to local rules.
"""

from django.conf import settings


def township_leave_max_days() -> int:
    return int(getattr(settings, "CORRECTIONS_TOWNSHIP_LEAVE_MAX_DAYS", 7))
