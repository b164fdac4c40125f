"""The generic isolation walk: every unit-owned model, every admin page and every URL."""

import pghistory.models
import pytest
from django.urls import reverse

from fazhi.core.access import unit_owned_models, visible_unit_ids
from fazhi.core.admin import UnitScopedAdmin, site
from fazhi.core.testing.isolation import factory_for
from fazhi.core.testing.urlwalk import OBJECT_KWARGS, iter_patterns, sample_path

PUBLIC_ROUTES = {"/healthz", "/admin/login/", "/admin/logout/", "/", "/api/openapi.json"}


def business_models():
    return [m for m in unit_owned_models() if not issubclass(m, pghistory.models.Event)]


def test_every_unit_owned_model_has_an_isolation_factory():
    missing = [m._meta.label for m in business_models() if factory_for(m) is None]
    assert missing == [], f"这些模型缺少隔离测试工厂（fazhi/<app>/tests/factories.py）：{missing}"


@pytest.mark.parametrize("model", business_models(), ids=lambda m: m._meta.label)
def test_scoped_queryset_hides_other_units(model, clerk_a, clerk_b, office_staff, other_district):
    from fazhi.core.testing.factories import UnitFactory

    make = factory_for(model)
    mine, theirs = make(clerk_a.unit), make(clerk_b.unit)
    far = make(UnitFactory(division=other_district))
    visible_to_a = set(model.objects.for_user(clerk_a).values_list("pk", flat=True))
    assert mine.pk in visible_to_a
    assert theirs.pk not in visible_to_a and far.pk not in visible_to_a
    visible_to_office = set(model.objects.for_user(office_staff).values_list("pk", flat=True))
    assert {mine.pk, theirs.pk} <= visible_to_office
    assert far.pk not in visible_to_office


@pytest.mark.parametrize(
    "model", [m for m in business_models() if m in site._registry], ids=lambda m: m._meta.label
)
def test_admin_pages_show_no_other_unit_rows(model, client, clerk_a, clerk_b):
    make = factory_for(model)
    mine, theirs = make(clerk_a.unit), make(clerk_b.unit)
    client.force_login(clerk_a)
    opts = model._meta
    changelist = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
    if changelist.status_code == 403:
        return  # the role cannot open this register at all: nothing leaks
    assert changelist.status_code == 200
    theirs_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[theirs.pk])
    assert theirs_url not in changelist.content.decode()
    assert client.get(theirs_url).status_code == 404
    mine_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[mine.pk])
    assert client.get(mine_url).status_code == 200
    for action in ("delete", "history"):
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_{action}", args=[theirs.pk])
        assert client.get(url).status_code in (403, 404)


def test_object_views_outside_admin_declare_their_model():
    """A non-admin view taking an object id must declare `scoped_model`, so the walk can check it."""
    undeclared = []
    for route, pattern, namespace in iter_patterns():
        if namespace.startswith("admin:"):
            continue
        if OBJECT_KWARGS & set(pattern.pattern.converters) and not hasattr(
            pattern.callback, "scoped_model"
        ):
            undeclared.append(route)
    assert undeclared == []


@pytest.mark.django_db
def test_every_url_is_closed_to_anonymous_visitors(client):
    """Fail closed (security.md B5): every route is public by allowlist, or redirects/forbids."""
    opened = []
    for route, _pattern, _ns in iter_patterns():
        path = sample_path(route)
        if path in PUBLIC_ROUTES or path.startswith(("/static/", "/portal/", "/api/open/")):
            continue
        response = client.get(path)
        if response.status_code in (401, 403, 404, 405):  # 401: the API's token endpoints
            continue
        if response.status_code == 302 and "login" in response["Location"]:
            continue
        opened.append((path, response.status_code))
    assert opened == []


def test_admin_roles_see_no_business_units(auditor, clerk_a):
    assert list(visible_unit_ids(auditor)) == []
    assert [row["pk"] for row in visible_unit_ids(clerk_a)] == [clerk_a.unit_id]


@pytest.mark.parametrize(
    "model",
    [m for m in business_models() if isinstance(site._registry.get(m), UnitScopedAdmin)],
    ids=lambda m: m._meta.label,
)
def test_exports_contain_no_other_unit_rows_and_are_audited(model, client, clerk_a, clerk_b):
    import io

    from openpyxl import load_workbook

    from fazhi.core.models import AccessEvent, AccessEventKind

    make = factory_for(model)
    mine, theirs = make(clerk_a.unit), make(clerk_b.unit)
    client.force_login(clerk_a)
    opts = model._meta
    response = client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": "export_xlsx", "_selected_action": [mine.pk, theirs.pk]},
    )
    assert response.status_code == 200, response.content[:300]
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0]
    assert len(list(sheet.iter_rows(values_only=True))) == 2  # header + my one row
    event = AccessEvent.objects.get(kind=AccessEventKind.EXPORT, username="clerk_a")
    assert event.detail == {"model": opts.label, "rows": 1}
