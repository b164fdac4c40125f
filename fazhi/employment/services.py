"""Writes of employment services."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.models import Role
from fazhi.employment.models import FairEmployer, FairPosition, JobFair


def _require_business_user(actor) -> None:
    if actor is not None and not (
        actor.is_superuser or actor.has_role(Role.CLERK, Role.UNIT_HEAD, Role.OFFICE_STAFF)
    ):
        raise ValidationError("当前账号无权登记就业服务信息。")


@transaction.atomic
def fair_register(
    *,
    actor,
    name: str,
    kind: str,
    held_on: date,
    organiser: str,
    venue: str = "",
    unit=None,
) -> JobFair:
    _require_business_user(actor)
    fair = JobFair(
        unit=unit or actor.unit, name=name.strip(), kind=kind, held_on=held_on,
        organiser=organiser, venue=venue,
    )  # fmt: skip
    fair.full_clean()
    fair.save()
    return fair


@transaction.atomic
def fair_record_outcome(
    *, actor, fair: JobFair, applicants: int, matches: int, leaflets: int = 0, views: int = 0
) -> JobFair:
    """The fair's tallies after it closed: applicants, matches (达成意向), leaflets, views."""
    _require_business_user(actor)
    fair = JobFair.objects.select_for_update().get(pk=fair.pk)
    fair.applicants, fair.matches, fair.leaflets, fair.views = applicants, matches, leaflets, views
    fair.full_clean()
    fair.save()
    return fair


@transaction.atomic
def positions_record(*, actor, fair: JobFair, rows: list[dict]) -> int:
    """Employers and positions of a fair (`employer`, `uscc`, `title`, `openings`); an employer
    listed twice in one fair is one participation."""
    _require_business_user(actor)
    employers: dict[str, FairEmployer] = {e.name: e for e in FairEmployer.objects.filter(fair=fair)}
    created = 0
    for row in rows:
        name = row["employer"].strip()
        employer = employers.get(name)
        if employer is None:
            employer = FairEmployer(
                unit=fair.unit, fair=fair, name=name, uscc=row.get("uscc") or ""
            )
            employer.full_clean()
            employer.save()
            employers[name] = employer
        position = FairPosition(
            unit=fair.unit, employer=employer, title=row["title"].strip(), openings=row["openings"]
        )
        position.full_clean()
        position.save()
        created += 1
    return created
