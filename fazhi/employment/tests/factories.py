"""Factories of employment services and their isolation factories."""

import itertools
from datetime import date

from fazhi.core.testing.isolation import isolation_factory
from fazhi.employment.models import FairEmployer, FairKind, FairPosition, JobFair

_seq = itertools.count(1)


@isolation_factory("employment.JobFair")
def make_fair(unit, **fields) -> JobFair:
    values = {
        "name": f"招聘会{next(_seq)}",
        "kind": FairKind.ONSITE,
        "held_on": date(2024, 3, 1),
        "organiser": "区人社局",
    }
    values.update(fields)
    return JobFair.objects.create(unit=unit, **values)


@isolation_factory("employment.FairEmployer")
def make_employer(unit, **fields) -> FairEmployer:
    values = {"name": f"企业{next(_seq)}"}
    values.update(fields)
    fair = values.pop("fair", None) or make_fair(unit)
    return FairEmployer.objects.create(unit=unit, fair=fair, **values)


@isolation_factory("employment.FairPosition")
def make_position(unit, **fields) -> FairPosition:
    values = {"title": "普工", "openings": 5}
    values.update(fields)
    employer = values.pop("employer", None) or make_employer(unit)
    return FairPosition.objects.create(unit=unit, employer=employer, **values)
