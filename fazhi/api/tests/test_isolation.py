"""The isolation walk over the API: for every list/detail endpoint, a token of unit A sees its
own row, never unit B's (list and detail, 404), exactly as A's clerk does."""

import contextlib
import importlib

import pytest
from django.apps import apps

from fazhi.api import urls  # noqa: F401 - builds the API, filling SCOPED_MODELS
from fazhi.api.root import SCOPED_MODELS
from fazhi.core.testing.isolation import factory_for

for _app in apps.get_app_configs():
    if _app.name.startswith("fazhi."):
        with contextlib.suppress(ModuleNotFoundError):
            importlib.import_module(f"{_app.name}.tests.factories")

ROUTES = sorted(SCOPED_MODELS.items())


def test_every_register_listed_in_the_brief_has_endpoints():
    apps_with_routes = {route.split("/")[0] for route in SCOPED_MODELS}
    expected = {
        "enforcement", "legal_aid", "mediation", "corrections", "govservices", "disclosure",
        "employment", "study", "publicity", "normdocs", "decisions", "meetings", "review",
        "advisors", "deadlines", "reconsideration", "litigation",
    }  # fmt: skip
    assert expected <= apps_with_routes


@pytest.mark.parametrize(("route", "model"), ROUTES, ids=[r for r, _m in ROUTES])
def test_another_units_object_is_404_and_never_listed(route, model, api_a, clerk_a, unit_a, unit_b):
    make = factory_for(model)
    assert make is not None, f"{model._meta.label} 缺少隔离测试工厂"
    mine, theirs = make(unit_a), make(unit_b)
    list_url = "/api/" + route.removesuffix("/{id}")
    # the clerk of unit A sees exactly what the token of unit A sees
    assert model.objects.for_user(clerk_a).filter(pk=mine.pk).exists()

    listed = api_a.get(list_url, {"limit": 500})
    assert listed.status_code == 200, listed.content
    ids = {row["id"] for row in listed.json()["items"]}
    assert mine.pk in ids
    assert theirs.pk not in ids

    filtered = api_a.get(list_url, {"unit_id": unit_b.pk})
    assert filtered.json() == {"count": 0, "items": []}

    assert api_a.get(f"{list_url}/{theirs.pk}").status_code == 404
    body = api_a.get(f"{list_url}/{theirs.pk}").json()
    assert body["code"] == "not_found"
    assert api_a.get(f"{list_url}/{mine.pk}").json()["id"] == mine.pk
