"""Tokens: expiry, revocation, scopes, rate limit, audit, the one error shape."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from fazhi.api.models import Scope
from fazhi.api.tests.conftest import issue
from fazhi.api.tokens import token_revoke

pytestmark = pytest.mark.django_db

URL = "/api/deadlines"


def _shape(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"code", "message", "details"}
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"])
    return body


def test_no_token_is_401(client):
    _shape(client.get(URL), 401)


def test_unknown_token_is_401(client):
    body = _shape(client.get(URL, HTTP_AUTHORIZATION="Bearer fz_nonsense"), 401)
    assert body["message"] == "接口令牌无效。"


def test_valid_token_reads(client, token_a):
    response = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {token_a[1]}")
    assert response.status_code == 200
    assert response.json() == {"count": 0, "items": []}


def test_expired_token_is_401(client, unit_a):
    token, raw = issue(unit_a)
    token.expires_at = timezone.now() - timedelta(seconds=1)
    token.save()
    body = _shape(client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}"), 401)
    assert "过期" in body["message"]


def test_revoked_token_is_401(client, unit_a):
    token, raw = issue(unit_a)
    assert client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 200
    token_revoke(actor=None, token=token)
    body = _shape(client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}"), 401)
    assert "吊销" in body["message"]


def test_missing_scope_is_403(client, unit_a):
    _token, raw = issue(unit_a, scopes=[Scope.WRITE_LETTERS])
    body = _shape(client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}"), 403)
    assert "read" in body["message"]


def test_rate_limit_is_429(client, unit_a):
    _token, raw = issue(unit_a, rate_limit=3)
    statuses = [client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    _shape(client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}"), 429)


def test_every_call_is_audited(client, token_a):
    token, raw = token_a
    client.get(URL, HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.get(URL + "/999999", HTTP_AUTHORIZATION=f"Bearer {raw}")
    client.get(URL)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT username, success, detail->>'status', user_id FROM core_accessevent"
            " WHERE kind = 'api_call' ORDER BY chain_seq"
        )
        rows = cursor.fetchall()
    name = token.account.username
    assert rows == [
        (name, True, "200", token.account_id),
        (name, False, "404", token.account_id),
        ("", False, "401", None),
    ]


def test_bad_query_is_chinese_422(api_a):
    body = _shape(api_a.get(URL, {"limit": "abc"}), 422)
    assert body["details"] == [{"field": "limit", "message": "须为整数。"}]
    body = _shape(api_a.get(URL, {"limit": 501}), 422)
    assert body["details"][0]["field"] == "limit"


def test_unknown_path_is_404_json(api_a):
    _shape(api_a.get("/api/nothing-here"), 404)


def test_openapi_is_chinese(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "法治政府建设综合管理平台数据接口"
    summaries = [op["summary"] for ops in schema["paths"].values() for op in ops.values()]
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in s) for s in summaries)
