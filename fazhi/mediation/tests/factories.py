"""Factories of people's mediation and its isolation factories."""

import itertools
from datetime import date
from decimal import Decimal

from fazhi.core.testing.isolation import isolation_factory
from fazhi.mediation.models import Committee, Dispute, Mediator, SubsidyRate

_seq = itertools.count(1)


@isolation_factory("mediation.Committee")
def make_committee(unit, **fields) -> Committee:
    values = {"name": f"调解委员会{next(_seq)}", "kind": "village"}
    values.update(fields)
    return Committee.objects.create(unit=unit, **values)


@isolation_factory("mediation.Mediator")
def make_mediator(unit, committee=None, **fields) -> Mediator:
    committee = committee or make_committee(unit)
    values = {"name": f"调解员{next(_seq)}", "gender": "female", "qualification": "part_time"}
    values.update(fields)
    return Mediator.objects.create(unit=unit, committee=committee, **values)


@isolation_factory("mediation.Dispute")
def make_dispute(unit, committee=None, **fields) -> Dispute:
    committee = committee or make_committee(unit)
    n = next(_seq)
    values = {
        "number": f"调〔2024〕{n}号",
        "year": 2024,
        "serial": n,
        "dispute_type": "neighbour",
        "source": "application",
        "summary": "相邻通行纠纷",
        "received_on": date(2024, 5, 6),
    }
    values.update(fields)
    return Dispute.objects.create(unit=unit, committee=committee, **values)


@isolation_factory("mediation.SubsidyRate")
def make_rate(unit, **fields) -> SubsidyRate:
    values = {
        "difficulty": "ordinary",
        "amount": Decimal("200"),
        "effective_from": date(2024, 1, next(_seq) % 28 + 1),
    }
    values.update(fields)
    return SubsidyRate.objects.create(unit=unit, **values)
