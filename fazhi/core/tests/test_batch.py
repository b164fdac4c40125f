"""Several querysets read in one statement give the objects each would give alone."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Count, DecimalField, Value
from django.test.utils import CaptureQueriesContext

from fazhi.core.batch import evaluate_together
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
