"""Several querysets read in one statement give the objects each would give alone."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, DecimalField, Value
from django.test.utils import CaptureQueriesContext

from fazhi.core.batch import evaluate_together, read_together, run_alone, run_together
from fazhi.core.models import AccessEvent, Division, Unit, User
from fazhi.core.testing.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def _fields(obj):
    if isinstance(obj, dict | tuple):
        return obj
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.fixture
def records(district, client):
    units = [UnitFactory(division=district, name=f"蒸湘区批量读取测试局{n}") for n in range(4)]
    for n, unit in enumerate(units):
        UserFactory(unit=unit, roles=["clerk"] if n % 2 else ["unit_head"])
    user = UserFactory(unit=units[0])
    client.force_login(user)  # an access event: a datetime and JSON details
    return units


def test_each_queryset_gets_the_objects_it_would_get_alone(records):
    querysets = [
        User.objects.select_related("unit__division").order_by("pk"),
        Unit.objects.filter(name__startswith="蒸湘区批量读取测试局").order_by("-name")[:3],
        Unit.objects.values("division__name").annotate(n=Count("id")).order_by("division__name"),
        Division.objects.values_list("code", "path").order_by("code"),
        AccessEvent.objects.order_by("pk"),
        Unit.objects.annotate(
            weight=Value(Decimal("1.50"), output_field=DecimalField(max_digits=4, decimal_places=2))
        ).order_by("pk")[:2],
        Unit.objects.filter(pk__in=[]),
    ]
    alone = [[_fields(obj) for obj in queryset.all()] for queryset in querysets]
    with CaptureQueriesContext(connection) as queries:
        together = evaluate_together(querysets)
    assert len(queries) == 1
    assert [[_fields(obj) for obj in objects] for objects in together] == alone
    users = together[0]
    assert users and all(user.unit.division.name for user in users if user.unit_id)
    assert [unit.weight for unit in together[5]] == [Decimal("1.50")] * 2
    assert together[6] == [] and len(together[1]) == 3


def test_the_statement_count_does_not_grow_with_the_querysets(records):
    def count(n):
        with CaptureQueriesContext(connection) as queries:
            evaluate_together([Unit.objects.filter(pk__gte=k) for k in range(n)])
        return len(queries)

    assert count(2) == count(40) == 1


def _unit_names(prefix):
    """A two-step reader: the units whose name starts with `prefix`, then their users."""
    units = yield Unit.objects.filter(name__startswith=prefix).order_by("name")
    yield f"{len(units)} units"  # not a queryset: kept, the generator goes on
    users, divisions = yield (
        User.objects.filter(unit__in=[u.pk for u in units]).order_by("pk"),
        Division.objects.filter(pk__in=[u.division_id for u in units]),
    )
    return [u.name for u in units], len(users), len(divisions)


def test_generators_of_several_callers_step_together(records):
    """Three two-step readers cost two statements, not six; each gets what it would alone."""
    prefixes = ["蒸湘区批量读取测试局0", "蒸湘区批量读取测试局", "没有这样的单位"]
    alone = [run_alone(_unit_names(prefix)) for prefix in prefixes]
    with CaptureQueriesContext(connection) as queries:
        together = run_together([_unit_names(prefix) for prefix in prefixes] + [["plain"]])
    assert len(queries) == 2
    assert [(o.emitted, o.result) for o in together[:3]] == [(o.emitted, o.result) for o in alone]
    assert together[1].result[0] == [u.name for u in records]
    assert together[1].emitted == ["4 units"]
    assert together[1].result[1] == User.objects.filter(unit__in=records).count() == 5
    assert together[3].result == ["plain"] and together[3].emitted == []


def test_read_together_reads_the_querysets_and_keeps_the_lists(records):
    with CaptureQueriesContext(connection) as queries:
        units, kept, users = read_together(
            Unit.objects.filter(pk__in=[u.pk for u in records]).order_by("name"),
            ["已读"],
            User.objects.filter(unit__in=records).order_by("pk"),
        )
    assert len(queries) == 1
    assert units == records and kept == ["已读"]
    assert users == list(User.objects.filter(unit__in=records).order_by("pk"))
