"""Chinese error pages with DEBUG off, the 503 page and /healthz when the database is down,
and query/path parameters that can never make a 500 (issue items 7, 8, 9)."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client

from fazhi.core.testing.urlwalk import iter_patterns, sample_path

ENGLISH_DEBUG = ("Page not found", "URLconf", "Traceback", "Django", "Using the URLconf")


def assert_chinese_page(response, status: int, words: str):
    body = response.content.decode()
    assert response.status_code == status
    assert words in body
    assert not any(marker in body for marker in ENGLISH_DEBUG), body[:500]


@pytest.mark.django_db
def test_unknown_paths_and_documents_are_a_chinese_404(client):
    assert_chinese_page(client.get("/portal/no-such-page/"), 404, "没有找到该页面或记录")
    assert_chinese_page(client.get("/portal/normdocs/不存在-2024-001/"), 404, "没有找到")
    assert_chinese_page(client.get("/no/such/page/"), 404, "法治政府建设综合管理平台")


@pytest.mark.django_db
@pytest.mark.urls("fazhi.core.tests.urls_boom")
def test_an_unexpected_error_is_a_chinese_500_without_details():
    response = Client(raise_request_exception=False).get("/boom/")
    assert_chinese_page(response, 500, "系统出错了")
    assert "secret-internal-detail" not in response.content.decode()


@pytest.mark.django_db
def test_nul_in_a_public_search_is_a_chinese_400(client):
    assert_chinese_page(client.get("/portal/normdocs/?q=%00"), 400, "控制字符")
    assert client.get("/portal/normdocs/?q=%25_'%5C").status_code == 200


@pytest.mark.django_db
def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"


@pytest.fixture
def database_down(transactional_db):
    """Point the connection at a closed port: every query fails with OperationalError."""
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    yield
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)


def test_database_down_gives_503_everywhere(clerk_a, database_down):
    anonymous = Client(raise_request_exception=False)
    health = anonymous.get("/healthz")
    assert health.status_code == 503 and "数据库不可用" in health.content.decode()
    assert_chinese_page(anonymous.get("/portal/normdocs/"), 503, "系统暂时无法访问")
    assert anonymous.get("/portal/normdocs/")["Retry-After"] == "60"


def test_a_signed_in_user_gets_503_when_the_database_goes(clerk_a, transactional_db):
    client = Client(raise_request_exception=False)
    client.force_login(clerk_a)
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT="1")
    try:
        response = client.get("/admin/")  # the session lookup itself fails (middleware)
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
    assert_chinese_page(response, 503, "系统暂时无法访问")


# --- every URL, every query parameter it reads ----------------------------------------------

BAD_VALUES = ["abc", "-1", "99999999999", "9" * 30, "1.5", "２０２４", "\x00", "'\"<x>"]
ADMIN_BAD_VALUES = ["abc", "9" * 30]  # NUL is refused for every URL by RequestGuardMiddleware
ALWAYS = ("year", "page", "q")
ADMIN_ALWAYS = ("q", "p", "o")


class KeyRecorder:
    """Which query-string keys a view asks for (QueryDict reads are recorded for one request)."""

    def __init__(self, monkeypatch):
        self.keys: set[str] = set()
        recorder = self
        for method in ("get", "__getitem__", "getlist", "__contains__"):
            original = getattr(QueryDict, method)

            def wrapper(self, key, *args, _original=original, **kwargs):
                recorder.keys.add(key)
                return _original(self, key, *args, **kwargs)

            monkeypatch.setattr(QueryDict, method, wrapper)


def _client_for(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
        if user.needs_otp:
            device = TOTPDevice.objects.create(user=user, name="测试", confirmed=True)
            session = client.session
            session["otp_device_id"] = device.persistent_id
            session.save()
    return client


def _filter_keys(response) -> set[str]:
    context = response.context
    changelist = context.get("cl") if context is not None else None
    keys: set[str] = set()
    for spec in getattr(changelist, "filter_specs", []) or []:
        keys.update(spec.expected_parameters())
    return keys


@pytest.mark.django_db(transaction=True)  # a refused query must not poison a test transaction
def test_every_url_survives_bad_query_parameters(
    monkeypatch, clerk_a, office_staff, recon_officer, auditor
):
    clients = [_client_for(u) for u in (None, office_staff, clerk_a, recon_officer, auditor)]
    recorder = KeyRecorder(monkeypatch)
    failures, checked = [], 0
    for route, _pattern, _namespace in iter_patterns():
        path = sample_path(route)
        if path.startswith("/static/") or "logout" in path:
            continue
        for client in clients:
            recorder.keys.clear()
            first = client.get(path)
            if first.status_code != 200:
                if first.status_code >= 500:
                    failures.append(f"{path}: {first.status_code}")
                continue
            filters = _filter_keys(first)
            if filters or path.startswith("/admin/"):  # Django's changelist: its own keys
                keys, values = filters | set(ADMIN_ALWAYS), ADMIN_BAD_VALUES
            else:
                keys, values = recorder.keys | set(ALWAYS), BAD_VALUES
            for key in sorted(keys - {"next", "_changelist_filters"}):
                for value in values:
                    checked += 1
                    response = client.get(path, {key: value})
                    if response.status_code >= 500:
                        failures.append(f"{path}?{key}={value!r}: {response.status_code}")
            break  # one reader per URL
    assert checked > 300
    assert failures == [], "\n".join(failures)


@pytest.mark.django_db(transaction=True)
def test_every_url_survives_out_of_range_path_values(clerk_a, office_staff, recon_officer):
    clients = [_client_for(u) for u in (None, office_staff, clerk_a, recon_officer)]
    failures = []
    for route, pattern, _namespace in iter_patterns():
        if not getattr(pattern.pattern, "converters", None) or route.startswith("static"):
            continue
        for value in ("99999999999999999999", "-1", "%00"):
            path = sample_path(route, value)
            for client in clients:
                status = client.get(path).status_code
                if status >= 500:
                    failures.append(f"{path}: {status}")
    assert failures == [], "\n".join(failures)
