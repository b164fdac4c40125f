"""The system admin creates a token in the admin (shown once), it works, and revoking it in the
admin stops it; other roles cannot open the page."""

import re
from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from fazhi.api.models import ApiToken
from fazhi.core.models import Role
from fazhi.core.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/api/apitoken/add/"
LIST = "/admin/api/apitoken/"


@pytest.fixture
def sysadmin(unit_a):
    return UserFactory(username="sysadmin", unit=unit_a, roles=[Role.SYSTEM_ADMIN], is_staff=True)


def test_system_admin_creates_and_revokes_a_token(verified_client, sysadmin, unit_a):
    client = verified_client(sysadmin)
    assert client.get(ADD).status_code == 200
    expires = (timezone.localtime() + timedelta(days=30)).strftime("%Y-%m-%d %H:%M:%S")
    response = client.post(
        ADD,
        {
            "name": "政务服务平台",
            "owner": unit_a.pk,
            "scopes": ["read", "write:services"],
            "expires_at_0": expires[:10],
            "expires_at_1": expires[11:],
            "expires_at": expires,
            "rate_limit": "",
        },  # fmt: skip
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    raw = re.search(r"fz_[A-Za-z0-9_-]{20,}", shown).group(0)
    token = ApiToken.objects.get(name="政务服务平台")
    assert token.token_hash != raw and raw not in str(token.__dict__)
    assert token.account.unit_id == unit_a.pk and not token.account.has_usable_password()

    api = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get("/api/deadlines", **api).status_code == 200
    client.post(LIST, {"action": "revoke", "_selected_action": [token.pk]})
    assert client.get("/api/deadlines", **api).status_code == 401


def test_other_roles_cannot_open_tokens(verified_client, clerk_a, office_staff):
    assert verified_client(clerk_a).get(LIST).status_code in (302, 403)
    assert verified_client(office_staff).get(LIST).status_code in (302, 403)


def _token_form(owner, scopes, name="复议网上申请平台"):
    expires = (timezone.localtime() + timedelta(days=30)).strftime("%Y-%m-%d %H:%M:%S")
    return {"name": name, "owner": owner.pk, "scopes": scopes, "expires_at_0": expires[:10],
            "expires_at_1": expires[11:], "rate_limit": ""}  # fmt: skip


def test_the_reconsideration_write_scope_is_for_the_justice_bureau_only(
    verified_client, sysadmin, unit_a, justice_bureau
):
    client = verified_client(sysadmin)
    refused = client.post(ADD, _token_form(unit_a, ["read", "write:reconsideration"]))
    assert refused.status_code == 200
    assert "只能授予行政复议机构（司法局）的接口令牌" in refused.content.decode()
    assert not ApiToken.objects.exists()

    created = client.post(ADD, _token_form(justice_bureau, ["write:reconsideration"]))
    assert created.status_code == 302, created.content.decode()[:2000]
    token = ApiToken.objects.get()
    assert Role.RECONSIDERATION_OFFICER in token.account.roles


def test_changing_scopes_changes_the_accounts_roles(verified_client, sysadmin, justice_bureau):
    from fazhi.api.tests.conftest import issue

    token, _raw = issue(justice_bureau, scopes=["read"])
    client = verified_client(sysadmin)
    change = f"{LIST}{token.pk}/change/"
    form = {**_token_form(justice_bureau, ["read", "write:reconsideration"], name=token.name),
            "active": "on"}  # fmt: skip
    response = client.post(change, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    token.refresh_from_db()
    token.account.refresh_from_db()
    assert token.scopes == ["read", "write:reconsideration"]
    assert Role.RECONSIDERATION_OFFICER in token.account.roles
    client.post(change, {**form, "scopes": ["read"]})
    token.account.refresh_from_db()
    assert token.account.roles == [Role.CLERK]
