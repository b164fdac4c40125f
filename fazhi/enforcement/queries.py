"""Querysets shared by selectors, indicators and services: built from units and dates only
(no user), so the indicator backbone can compile them for any scope."""

from __future__ import annotations

import random
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q

from fazhi.core.models import Unit
from fazhi.enforcement import conf
from fazhi.enforcement.models import (
    CaseType,
    Certificate,
    CertificateState,
    EnforcementCase,
    ExamRegistration,
    Officer,
    OfficerStatus,
    PersonType,
    ReviewCampaign,
)


def enforcement_units(units) -> object:
    """Units that enforce: flagged 行政执法主体, or of a kind that enforces (乡镇街道)."""
    return Unit.objects.filter(pk__in=units, active=True).filter(
        Q(is_enforcement_body=True) | Q(kind__in=conf.setting("enforcement_unit_kinds"))
    )


def certified_officers(units, on: date):
    """行政执法人员 (E3) in `units`, in post, holding a certificate valid on `on` (E4)."""
    valid = Certificate.objects.valid_on(on).filter(officer=OuterRef("pk"))
    return Officer.objects.filter(
        unit__in=units, person_type=PersonType.OFFICER, status=OfficerStatus.ACTIVE
    ).filter(Exists(valid))


def certified_count_by_unit(units, on: date) -> dict[int, int]:
    rows = certified_officers(units, on).values("unit_id").annotate(n=Count("pk"))
    return {row["unit_id"]: row["n"] for row in rows}


def registrations_in(units, start: date, end: date):
    return ExamRegistration.objects.filter(unit__in=units, sitting__held_on__range=(start, end))


def pass_count_rows(units, start: date, end: date):
    """One row per unit: unit_id, sat, passed, for sittings held in [start, end]."""
    return (
        registrations_in(units, start, end)
        .filter(passed__isnull=False)
        .values("unit_id")
        .annotate(sat=Count("pk"), passed=Count("pk", filter=Q(passed=True)))
    )


def pass_counts_by_unit(units, start: date, end: date) -> dict[int, tuple[int, int]]:
    """unit id → (sat, passed) for sittings held in [start, end]."""
    return {
        row["unit_id"]: (row["sat"], row["passed"]) for row in pass_count_rows(units, start, end)
    }


def cases_with_uncertified_officers(units, start: date, end: date):
    """Cases decided in [start, end] on which an officer acted whose certificate had run out
    (or was revoked) by the decision date: 过期执法证仍在办案."""
    links = EnforcementCase.officers.through.objects.filter(
        enforcementcase__unit__in=units, enforcementcase__decided_on__range=(start, end)
    )
    decided = OuterRef("enforcementcase__decided_on")
    issued = Certificate.objects.filter(
        officer=OuterRef("officer"), issued_on__lte=decided
    ).exclude(state=CertificateState.APPLYING)
    valid = issued.filter(valid_until__gte=decided).exclude(revoked_on__lte=decided)
    stale = links.filter(Exists(issued), ~Exists(valid)).values("enforcementcase_id")
    return EnforcementCase.objects.filter(pk__in=stale)


def eligible_cases(campaign: ReviewCampaign, unit) -> list[EnforcementCase]:
    """Cases of `unit` in the campaign's window and kinds, in case-number order."""
    types = [
        t
        for t, wanted in (
            (CaseType.LICENCE, campaign.include_licences),
            (CaseType.PENALTY, campaign.include_penalties),
        )
        if wanted
    ]
    return list(
        EnforcementCase.objects.filter(
            unit=unit,
            closed_on__range=(campaign.window_start, campaign.window_end),
            procedure=campaign.procedure,
            case_type__in=types,
        ).order_by("case_number")
    )


def draw_sample(campaign: ReviewCampaign) -> dict:
    """C1: a random sample per unit, reproducible: the generator is seeded with the campaign's
    seed and the unit's name, and draws from the cases in case-number order."""
    sample = {}
    for unit in campaign.units.order_by("name"):
        cases = eligible_cases(campaign, unit)
        rng = random.Random(f"{campaign.seed}:{unit.name}")  # noqa: S311 - a reproducible draw, not a secret
        sample[unit] = rng.sample(cases, min(campaign.sample_size, len(cases)))
    return sample


def officer_norm_reads(units, on: date) -> tuple:
    """What `short_of_norm` needs, as querysets: certified officers per unit on `on`, the
    officers' domains, and the enforcement units by name."""
    return (
        certified_officers(units, on).values("unit_id").annotate(n=Count("pk")),
        Officer.objects.filter(unit__in=units)
        .exclude(domains="")
        .values_list("unit_id", "domains"),
        enforcement_units(units).order_by("name"),
    )


def short_of_norm(counted, officer_domains, units) -> list[tuple[Unit, int, int]]:
    """(unit, certified officers, norm) for the enforcement units below their norm; a unit's
    norm is that of its kind, raised by the norm of its officers' domains (conf)."""
    counts = {row["unit_id"]: row["n"] for row in counted}
    domains: dict[int, set[str]] = {}
    for unit_id, text in officer_domains:
        domains.setdefault(unit_id, set()).update(d for d in text.split("、") if d)
    short = []
    for unit in units:
        norm = conf.officer_norm(unit, "、".join(sorted(domains.get(unit.pk, ()))))
        if counts.get(unit.pk, 0) < norm:
            short.append((unit, counts.get(unit.pk, 0), norm))
    return short
