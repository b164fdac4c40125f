"""Login safety (security.md A2–A5, A7): lockout, unlock, timeouts, two-factor gate, passwords."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from fazhi.core.models import AccessEvent, AccessEventKind, Role
from fazhi.core.testing.factories import TEST_PASSWORD, UserFactory
from fazhi.core.testing.urlwalk import iter_patterns, sample_path

LOGIN = "/admin/login/"


def attempt(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def is_logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"].endswith("/admin/")


@pytest.mark.django_db
def test_sixth_attempt_with_the_right_password_is_refused_then_unlocked_after_30_minutes(
    client, clerk_a
):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            assert not is_logged_in(attempt(client, "clerk_a", "wrong-password-X1"))
        locked = attempt(client, "clerk_a", TEST_PASSWORD)
        assert not is_logged_in(locked)
        assert "已被锁定" in locked.content.decode()
    assert AccessEvent.objects.filter(kind=AccessEventKind.LOCKOUT, username="clerk_a").exists()
    with time_machine.travel(start + timedelta(minutes=31), tick=False):
        assert is_logged_in(attempt(client, "clerk_a", TEST_PASSWORD))


@pytest.mark.django_db
def test_lockout_is_by_username_not_by_shared_office_ip(client, clerk_a, clerk_b):
    for _ in range(5):
        attempt(client, "clerk_a", "wrong-password-X1")
    assert is_logged_in(attempt(client, "clerk_b", TEST_PASSWORD))


@pytest.mark.django_db
def test_unknown_user_and_wrong_password_get_the_same_response(client, clerk_a):
    unknown = attempt(client, "nobody_here", "wrong-password-X1")
    wrong = attempt(client, "clerk_a", "wrong-password-X1")
    assert unknown.status_code == wrong.status_code == 200
    strip = lambda r: r.content.decode().replace("nobody_here", "USER").replace("clerk_a", "USER")  # noqa: E731
    import re

    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert token.sub("", strip(unknown)) == token.sub("", strip(wrong))
    assert AccessEvent.objects.filter(kind=AccessEventKind.LOGIN_FAILED).count() == 2


@pytest.mark.django_db
def test_idle_timeout_after_30_minutes_and_absolute_lifetime_of_12_hours(client, clerk_a):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert is_logged_in(attempt(client, "clerk_a", TEST_PASSWORD))
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get("/admin/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=29 + 31), tick=False):
        response = client.get("/admin/")
        assert response.status_code == 302 and LOGIN in response["Location"]

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert is_logged_in(attempt(client, "clerk_a", TEST_PASSWORD))
    for step in range(1, 73):  # active every 10 minutes for 12 hours
        with time_machine.travel(start + timedelta(minutes=10 * step), tick=False):
            assert client.get("/admin/").status_code == 200, step
    with time_machine.travel(start + timedelta(hours=12, minutes=1), tick=False):
        response = client.get("/admin/")
        assert response.status_code == 302 and LOGIN in response["Location"]


@pytest.mark.django_db
def test_session_key_changes_at_login_and_logout_ends_the_session(client, clerk_a):
    client.get(LOGIN)
    before = client.cookies.get("sessionid")
    assert is_logged_in(attempt(client, "clerk_a", TEST_PASSWORD))
    after = client.cookies["sessionid"].value
    assert before is None or before.value != after
    client.post("/admin/logout/")
    client.cookies["sessionid"] = after
    response = client.get("/admin/")
    assert response.status_code == 302 and LOGIN in response["Location"]
    assert AccessEvent.objects.filter(kind=AccessEventKind.LOGOUT, username="clerk_a").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN, Role.OFFICE_STAFF]
)
def test_roles_needing_two_factor_are_redirected_on_every_url(client, unit_a, role):
    user = UserFactory(unit=unit_a, roles=[role])
    client.force_login(user)
    checked = 0
    for route, _pattern, _ns in iter_patterns():
        path = sample_path(route)
        if path.startswith(
            ("/accounts/", "/admin/login/", "/admin/logout/", "/static/", "/portal/")
        ) or path in {"/healthz", "/"}:
            continue
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("core:otp")), path
        checked += 1
    assert checked > 20


@pytest.mark.django_db
def test_totp_enrolment_and_verification_opens_the_gate(client, unit_a):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = UserFactory(unit=unit_a, roles=[Role.AUDIT_ADMIN])
    client.force_login(user)
    page = client.get(reverse("core:otp"))
    assert "扫描二维码" in page.content.decode()
    device = TOTPDevice.objects.get(user=user)
    bad = client.post(reverse("core:otp"), {"token": "000000", "next": "/admin/"})
    assert "动态口令错误" in bad.content.decode()
    assert AccessEvent.objects.filter(kind=AccessEventKind.OTP_FAILED).count() == 1
    with time_machine.travel(timezone.now() + timedelta(seconds=65)):  # past the failure throttle
        good = client.post(
            reverse("core:otp"), {"token": f"{totp(device.bin_key):06d}", "next": "/admin/"}
        )
        assert good.status_code == 302
        assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


@pytest.mark.django_db
def test_clerk_needs_no_second_factor(client, clerk_a):
    client.force_login(clerk_a)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_password_rules(clerk_a):
    for password, reason in [
        ("Short1!a", "at least 12"),
        ("alllowercaseletters", "3 of 4 classes"),
        ("Password1234", "common"),
        ("Zhengxiang#2024x", "district name"),
    ]:
        with pytest.raises(ValidationError):
            validate_password(password, clerk_a)
        assert reason
    validate_password("守法为民依法行政建设法治政府人人有责" * 3 + "A1", clerk_a)


@pytest.mark.django_db
def test_no_truncation_of_long_passphrases(client, unit_a):
    passphrase = "Ab1!" + "法治政府建设人人参与共建共享" * 5
    assert len(passphrase) > 64
    user = UserFactory(unit=unit_a, password=passphrase[:64])
    assert user.check_password(passphrase[:64])
    assert not user.check_password(passphrase[:63])
    assert user.password.startswith("argon2$argon2id$")


@pytest.mark.django_db
def test_last_five_passwords_cannot_be_reused(clerk_a):
    passwords = [f"Rotating#Secret-{i}x" for i in range(6)]
    for password in passwords[:5]:
        validate_password(password, clerk_a)
        clerk_a.set_password(password)
        clerk_a.save()
    for password in passwords[:5]:
        with pytest.raises(ValidationError, match="最近5次"):
            validate_password(password, clerk_a)
    validate_password(passwords[5], clerk_a)


@pytest.mark.django_db
def test_password_older_than_90_days_forces_a_change(client, clerk_a):
    with time_machine.travel(timezone.now() + timedelta(days=91), tick=False):
        client.force_login(clerk_a)
        response = client.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("core:password_change"))
        changed = client.post(
            reverse("core:password_change"),
            {
                "old_password": TEST_PASSWORD,
                "new_password1": "Brand#New-Secret9",
                "new_password2": "Brand#New-Secret9",
                "next": "/admin/",
            },
        )
        assert changed.status_code == 302
        assert client.get("/admin/").status_code == 200
