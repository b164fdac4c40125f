"""The portal's own reads: the districts. Every published record is read through its
register's public selectors (`reports.selectors.published_reports`,
`decisions.selectors.published_catalogs`, `disclosure.selectors.published_annual_reports`,
`normdocs.selectors.public_documents`, `advisors.selectors.village_advisors`,
`legal_aid.selectors.public_notice`): "published" is the register's own mark."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from fazhi.core.models import Division, DivisionLevel, Unit
from fazhi.legal_aid.selectors import public_notice


def districts() -> QuerySet:
    return Division.objects.filter(level=DivisionLevel.DISTRICT).order_by("code")


def district(code: str) -> Division | None:
    return districts().filter(code=code[:12]).first()


def legal_aid_notice(division: Division, year: int):
    """The yearly legal-aid notice (《法律援助法》第五十八条) of the district's units, for a
    finished year only (the figures of a year still running are not a notice)."""
    if not 2000 <= year < timezone.localdate().year:
        return None
    return public_notice(Unit.objects.in_subtree(division).values("pk"), year)
