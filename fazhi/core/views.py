"""Account pages outside the admin: two-factor enrolment and verification, forced password change."""

import base64
import io

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from fazhi.core.admin import site
from fazhi.core.audit import record_access_event
from fazhi.core.models import AccessEventKind


class TokenForm(forms.Form):
    token = forms.CharField(
        label="动态口令",
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )


def _next_url(request) -> str:
    target = request.GET.get("next") or request.POST.get("next") or "/admin/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return "/admin/"
    return target


def _context(request, **extra):
    return {**site.each_context(request), **extra}


@login_required
def otp(request):
    """Enrol a TOTP device on first use, then verify a code; required for admin and sensitive-PI roles."""
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device, _ = TOTPDevice.objects.get_or_create(
            user=request.user, confirmed=False, defaults={"name": "手机动态口令"}
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next_url(request))
        record_access_event(request, AccessEventKind.OTP_FAILED, success=False)
        form.add_error("token", "动态口令错误或已使用，请重新输入。")
    qr_svg = _qr_svg(device.config_url) if enrolling else ""
    return render(
        request,
        "core/otp.html",
        _context(
            request,
            title="双因素认证",
            form=form,
            enrolling=enrolling,
            qr_svg=qr_svg,
            secret=base64.b32encode(device.bin_key).decode() if enrolling else "",
            next=_next_url(request),
        ),
    )


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@login_required
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        record_access_event(request, AccessEventKind.PASSWORD_CHANGED, user=user)
        messages.success(request, "密码已修改。")
        return redirect(_next_url(request))
    return render(
        request,
        "core/password_change.html",
        _context(
            request,
            title="修改密码",
            form=form,
            next=_next_url(request),
        ),
    )


# --- error pages (DEBUG off): Chinese, in the site's style, no traceback ----------------------


def is_database_unavailable(exc: BaseException | None) -> bool:
    from django.db import InterfaceError, OperationalError

    return isinstance(exc, OperationalError | InterfaceError)


def database_unavailable(request) -> HttpResponse:
    """The 503 page: rendered without touching the database (no user, no session)."""
    response = HttpResponse(
        render_to_string("503.html", {"request_path": request.path}), status=503
    )
    response["Retry-After"] = "60"
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception=None):
    message = str(exception) if exception is not None and _is_chinese(str(exception)) else ""
    return HttpResponseBadRequest(render_to_string("400.html", {"message": message}))


def server_error(request):
    """handler500; a database outage anywhere (middleware included) is a 503, not a 500."""
    import sys

    if is_database_unavailable(sys.exc_info()[1]):
        return database_unavailable(request)
    return HttpResponseServerError(render_to_string("500.html"))


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def healthz(request):
    """200 "ok" only when the database answers a query; 503 otherwise."""
    from django.db import connection

    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means not healthy
        return HttpResponse("数据库不可用", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
