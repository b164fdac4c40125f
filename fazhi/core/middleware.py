"""Session lifetime, two-factor gate, forced password change, no caching (security.md A5, A7, A2, F4)."""

import json
from datetime import datetime

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import BadRequest
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

# Paths reachable while the gate is still closed (login, OTP, password change, logout, static).
GATE_OPEN_PREFIXES = (
    "/static/",
    "/accounts/",
    "/admin/login/",
    "/admin/logout/",
    "/portal/",
    "/healthz",
)


class SessionLifetimeMiddleware:
    """The 30-minute idle timeout (SESSION_COOKIE_AGE) and the 12-hour absolute lifetime (A5).

    The idle expiry is pushed forward by saving the session, at most once per
    SESSION_REFRESH_INTERVAL rather than on every request (three statements a page): a request
    within 29 minutes of the previous one always finds the session alive."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated:
            return self.get_response(request)
        now = timezone.now()
        login_at = request.session.get("login_at")
        if login_at and now - datetime.fromisoformat(login_at) > settings.SESSION_ABSOLUTE_LIFETIME:
            logout(request)
            return redirect(f"{reverse('admin:login')}?next={request.path}")
        touched_at = request.session.get("touched_at")
        if not touched_at or now - datetime.fromisoformat(touched_at) >= (
            settings.SESSION_REFRESH_INTERVAL
        ):
            request.session["touched_at"] = now.isoformat()  # saved: the expiry moves on
        return self.get_response(request)


class SecurityGateMiddleware:
    """Until two-factor is verified (where required) and an expired password is changed,
    every URL but the gate's own pages redirects there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not request.path.startswith(GATE_OPEN_PREFIXES):
            target = self._gate(user)
            if target:
                return redirect(f"{reverse(target)}?next={request.path}")
        response = self.get_response(request)
        if user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response

    @staticmethod
    def _gate(user) -> str | None:
        if user.needs_otp and not user.is_verified():
            return "core:otp"
        if user.must_change_password or password_expired(user):
            return "core:password_change"
        return None


def password_expired(user) -> bool:
    return timezone.now() - user.password_changed_at > settings.PASSWORD_MAX_AGE


class DatabaseUnavailableMiddleware:
    """A view that finds the database unreachable answers the Chinese 503 page (issue item 9);
    a value out of a column's range (DataError) is a 400, not a 500. Outside views the same is
    done by `fazhi.core.views.server_error` (handler500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import DataError

        from fazhi.core.views import bad_request, database_unavailable, is_database_unavailable

        if is_database_unavailable(exception):
            return database_unavailable(request)
        if isinstance(exception, DataError):
            return bad_request(request, BadRequest("参数超出允许的范围，无法处理。"))
        return None


class RequestGuardMiddleware:
    """Refuse, with a Chinese 400, what no page can use: NUL and other control characters in
    the path or in query/form values (PostgreSQL cannot store NUL: it was a 500)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from fazhi.core.views import bad_request

        in_link = _has_control(request.path) or any(
            _has_control(key) or _has_control(value)
            for key, values in request.GET.lists()
            for value in values
        )
        if in_link or _json_has_control(request):
            where = "链接" if in_link else "提交的数据"
            message = f"{where}中含有不可见的控制字符，无法处理。"
            if request.path.startswith("/api/"):  # the API's one error shape (docs/api.md)
                return JsonResponse(
                    {"code": "bad_request", "message": message, "details": []},
                    status=400,
                    json_dumps_params={"ensure_ascii": False},
                )
            return bad_request(request, BadRequest(message))
        return self.get_response(request)


def _has_control(text: str) -> bool:
    return any(ord(ch) < 32 and ch not in "\t\r\n" or ord(ch) == 127 for ch in text)


def _json_has_control(request) -> bool:
    """A JSON body sent to the API with a control character in any key or text (NUL in a
    letter's number reached PostgreSQL, which cannot store it: a 500). Unparseable bodies are
    left to the API, which answers them with its own 400."""
    if not request.path.startswith("/api/") or request.method not in ("POST", "PUT", "PATCH"):
        return False
    if request.content_type != "application/json":
        return False
    try:
        data = json.loads(request.body or b"null")
    except ValueError:
        return False
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str) and _has_control(item):
            return True
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


class LoginThrottleMiddleware:
    """A4: more than LOGIN_IP_FAILURE_LIMIT failed logins from one address in LOGIN_IP_WINDOW
    (across all usernames) refuse further login attempts from it with a Chinese 429, even with
    a correct password. The address is `client_ip` (X-Forwarded-For only from a trusted proxy)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.path == reverse("admin:login"):
            from django.template.loader import render_to_string

            from fazhi.core.accounts import ip_failures_exceeded
            from fazhi.core.audit import client_ip

            if ip_failures_exceeded(client_ip(request)):
                minutes = int(settings.LOGIN_IP_WINDOW.total_seconds() // 60)
                body = render_to_string(
                    "429.html", {"limit": settings.LOGIN_IP_FAILURE_LIMIT, "minutes": minutes}
                )
                response = HttpResponse(body, status=429)
                response["Retry-After"] = str(minutes * 60)
                return response
        return self.get_response(request)
