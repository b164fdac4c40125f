"""The audit admin's view of the access log (security.md C6; issue item 12): filters by unit,
user, object and kind; Chinese object names and details, not `app.Model` labels or JSON."""

import pytest

from fazhi.core.models import AccessEvent, AccessEventKind

URL = "/admin/core/accessevent/"


@pytest.fixture
def events(clerk_a, clerk_b, unit_a):
    def event(user, kind, obj=None, **detail):
        return AccessEvent.objects.create(
            kind=kind,
            user=user,
            username=user.username,
            unit_name=user.unit.name,
            object_type=obj._meta.label if obj else "",
            object_id=str(obj.pk) if obj else "",
            detail=detail,
        )

    return [
        event(clerk_a, AccessEventKind.IMPORT, unit_a, model="core.Unit", rows=3),
        event(clerk_a, AccessEventKind.CREATE, unit_a),
        event(clerk_b, AccessEventKind.EXPORT, None, model="core.Division", rows=7),
        event(clerk_b, AccessEventKind.STEP, unit_a, step="受理"),
    ]


@pytest.mark.django_db
def test_the_list_is_in_chinese_with_object_names(verified_client, auditor, events, unit_a):
    page = verified_client(auditor).get(URL).content.decode()
    assert "单位：<a" in page and unit_a.name in page
    assert "对象类型：单位" in page and "行数：3" in page and "办理事项：受理" in page
    assert "core.Unit" not in page.split("<tbody")[1]
    assert '{"' not in page and "&quot;model&quot;" not in page
    for label in ("导入", "新建", "导出", "办理"):
        assert label in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=step", {"step"}),
        ("user=clerk_b", {"export", "step"}),
        ("unit=蒸湘区人力资源和社会保障局", {"import", "create"}),
        ("object_type=core.Unit", {"import", "create", "step"}),
    ],
)
def test_filters(verified_client, auditor, events, unit_a, query, expected):
    client = verified_client(auditor)
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    shown = {e.kind for e in response.context["cl"].result_list}
    assert shown == expected


@pytest.mark.django_db
def test_one_objects_trail(verified_client, auditor, events, unit_a):
    response = verified_client(auditor).get(f"{URL}?object_type=core.Unit&object_id={unit_a.pk}")
    assert {e.kind for e in response.context["cl"].result_list} == {"import", "create", "step"}


@pytest.mark.django_db
def test_the_audit_log_is_closed_to_business_roles(verified_client, clerk_a, events):
    assert verified_client(clerk_a).get(URL).status_code == 403
