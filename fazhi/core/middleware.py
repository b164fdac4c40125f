"""Session lifetime, two-factor gate, forced password change, no caching (security.md A5, A7, A2, F4)."""

from datetime import datetime

from django.conf import settings
from django.contrib.auth import logout
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
    """Idle timeout comes from SESSION_COOKIE_AGE; this adds the 12-hour absolute lifetime."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        login_at = request.session.get("login_at") if request.user.is_authenticated else None
        if login_at:
            started = datetime.fromisoformat(login_at)
            if timezone.now() - started > settings.SESSION_ABSOLUTE_LIFETIME:
                logout(request)
                return redirect(f"{reverse('admin:login')}?next={request.path}")
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
