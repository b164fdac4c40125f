"""The synthetic generator's clocks are the ones the services leave on the same dispute."""

from datetime import date

import pytest
import time_machine

from fazhi.deadlines.bulk import clocks_start_many
from fazhi.deadlines.models import Clock
from fazhi.mediation import deadlines as rules
from fazhi.mediation import services
from fazhi.mediation.synth import history_clocks
from fazhi.mediation.tests.test_disputes import agree, clerk, committee, register  # noqa: F401

pytestmark = pytest.mark.django_db


def _rows(clocks) -> list[dict]:
    skip = {"id", "owner_id"}  # the generator's actor has no account
    fields = [f.attname for f in Clock._meta.concrete_fields if f.attname not in skip]
    return [{name: getattr(c, name) for name in fields} for c in clocks]


@time_machine.travel(date(2024, 9, 20), tick=False)
def test_an_agreed_dispute_leaves_the_services_clocks(clerk, committee):  # noqa: F811
    dispute = register(clerk, committee)
    dispute = services.dispute_start(actor=clerk, dispute=dispute, on=date(2024, 9, 3))
    dispute = agree(clerk, dispute)
    made = Clock.objects.filter(object_id=str(dispute.pk)).order_by("pk")
    expected = _rows(made)
    made.delete()
    dispute.refresh_from_db()
    started = clocks_start_many(history_clocks(dispute))
    got = _rows(Clock.objects.filter(pk__in=[c.pk for c in started]).order_by("pk"))
    assert got == expected
    assert [(row["rule_code"], row["state"]) for row in got] == [
        (rules.CONCLUSION, "met"),
        (rules.CONFIRMATION, "running"),
    ]
