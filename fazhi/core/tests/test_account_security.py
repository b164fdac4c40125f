"""Security rows A1 (stale and default accounts), A4 (per-IP throttle, trusted proxy), A6
(sessions deleted on disable or password change), A7 (TOTP secret encrypted), D3 (hash chain)."""

from datetime import timedelta

import pgtrigger
import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.utils import timezone

from fazhi.core.models import AccessEvent, AccessEventKind, Role, User
from fazhi.core.testing.factories import UserFactory

PASSWORD = "Zx9#unique-Pass-2024"


def login(client, username, password=PASSWORD, **extra):
    return client.post("/admin/login/", {"username": username, "password": password}, **extra)


def logged_in(response) -> bool:
    return response.status_code == 302 and "/login/" not in response["Location"]


def sessions_of(user) -> int:
    return sum(
        1
        for s in Session.objects.all()
        if str(s.get_decoded().get("_auth_user_id")) == str(user.pk)
    )


# --- A1 ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_account_unused_for_91_days_is_disabled_at_login(unit_a):
    user = UserFactory(unit=unit_a, password=PASSWORD)
    user.last_login = timezone.now()
    user.save()
    with time_machine.travel(timezone.now() + timedelta(days=89)):
        assert logged_in(login(Client(), user.username))
    with time_machine.travel(timezone.now() + timedelta(days=89 + 91)):
        assert not logged_in(login(Client(), user.username))
    user.refresh_from_db()
    assert user.is_active is False
    event = AccessEvent.objects.get(kind=AccessEventKind.ACCOUNT_DISABLED)
    assert event.username == user.username and "90天" in event.detail["reason"]


@pytest.mark.django_db
def test_the_daily_job_disables_only_stale_accounts(unit_a):
    now = timezone.now()
    stale = UserFactory(unit=unit_a, last_login=now - timedelta(days=91))
    fresh = UserFactory(unit=unit_a, last_login=now - timedelta(days=89))
    never = UserFactory(unit=unit_a, last_login=None)
    User.objects.filter(pk=never.pk).update(date_joined=now - timedelta(days=120))
    call_command("deactivate_stale_accounts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(User.objects.filter(is_active=False).values_list("pk", flat=True)) == {
        stale.pk,
        never.pk,
    }
    assert User.objects.get(pk=fresh.pk).is_active


@pytest.mark.django_db
def test_check_accounts_finds_default_names_and_published_passwords(unit_a):
    UserFactory(unit=unit_a, username="zhang_clerk", password=PASSWORD)
    call_command("check_accounts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    UserFactory(unit=unit_a, username="admin", password=PASSWORD)
    UserFactory(unit=unit_a, username="li_clerk", password="Demo@2024-Zxqpt")
    with pytest.raises(CommandError) as failed:
        call_command("check_accounts")
    assert "默认账号名“admin”" in str(failed.value)
    assert "账号“li_clerk”使用了公开的演示/测试密码" in str(failed.value)


# --- A4 ------------------------------------------------------------------------------------


def fail_from(ip, count, **extra):
    client = Client()
    for n in range(count):
        login(client, f"nobody{n}", "wrong-password", REMOTE_ADDR=ip, **extra)


@pytest.mark.django_db
def test_sixty_failures_from_one_address_block_it_across_usernames(unit_a, settings):
    user = UserFactory(unit=unit_a, password=PASSWORD)
    fail_from("10.0.0.9", 59)
    assert logged_in(login(Client(), user.username, REMOTE_ADDR="10.0.0.9"))
    fail_from("10.0.0.9", 1)
    blocked = login(Client(), user.username, REMOTE_ADDR="10.0.0.9")
    assert blocked.status_code == 429 and "登录失败次数过多" in blocked.content.decode()
    assert logged_in(login(Client(), user.username, REMOTE_ADDR="10.0.0.10"))
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert logged_in(login(Client(), user.username, REMOTE_ADDR="10.0.0.9"))


@pytest.mark.django_db
def test_x_forwarded_for_counts_only_from_the_trusted_proxy(unit_a, settings):
    user = UserFactory(unit=unit_a, password=PASSWORD)
    fail_from("10.0.0.9", 60)
    spoofed = login(
        Client(), user.username, REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert spoofed.status_code == 429
    settings.TRUSTED_PROXIES = ["10.0.0.1"]
    via_proxy = {"REMOTE_ADDR": "10.0.0.1"}
    assert (
        login(Client(), user.username, HTTP_X_FORWARDED_FOR="10.0.0.9", **via_proxy).status_code
        == 429
    )
    assert logged_in(login(Client(), user.username, HTTP_X_FORWARDED_FOR="10.0.0.50", **via_proxy))
    event = AccessEvent.objects.filter(kind=AccessEventKind.LOGIN).latest("occurred_at")
    assert event.ip == "10.0.0.50"


# --- A6 ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_disabling_an_account_deletes_its_sessions_for_good(unit_a):
    user = UserFactory(unit=unit_a, password=PASSWORD)
    old = Client()
    assert logged_in(login(old, user.username))
    assert sessions_of(user) == 1
    user.is_active = False
    user.save()
    assert sessions_of(user) == 0
    user.is_active = True
    user.save()
    response = old.get("/admin/")
    assert response.status_code == 302 and "/login/" in response["Location"]


@pytest.mark.django_db
def test_a_password_change_ends_the_other_sessions_but_keeps_this_one(unit_a):
    user = UserFactory(unit=unit_a, password=PASSWORD, roles=[Role.CLERK])
    elsewhere, here = Client(), Client()
    assert logged_in(login(elsewhere, user.username)) and logged_in(login(here, user.username))
    new_password = "Qw8#another-Secret-77"
    response = here.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert sessions_of(user) == 1
    assert here.get("/admin/").status_code == 200
    assert elsewhere.get("/admin/").status_code == 302


# --- A7 ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_totp_secret_is_encrypted_at_rest(unit_a):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = UserFactory(unit=unit_a)
    device = TOTPDevice.objects.create(user=user, name="手机", confirmed=True)
    hex_key = device.key
    assert len(hex_key) == 40
    with connection.cursor() as cursor:
        cursor.execute("SELECT key FROM otp_totp_totpdevice WHERE id = %s", [device.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("fz1$") and hex_key not in stored
    loaded = TOTPDevice.objects.get(pk=device.pk)
    assert loaded.key == hex_key
    assert loaded.verify_token(f"{totp(bytes.fromhex(hex_key)):06d}")


# --- D3 ------------------------------------------------------------------------------------


def _events(n):
    for i in range(n):
        AccessEvent.objects.create(kind=AccessEventKind.LOGIN, username=f"u{i}")


@pytest.mark.django_db
def test_the_audit_chain_verifies_and_fails_after_an_out_of_band_edit():
    _events(5)
    call_command("verify_audit_chain", stdout=open("/dev/null", "w"))  # noqa: SIM115
    with pgtrigger.ignore("core.AccessEvent:append_only"), connection.cursor() as cursor:
        cursor.execute("UPDATE core_accessevent SET username = 'forged' WHERE chain_seq = 3")
    with pytest.raises(CommandError, match="第3条审计记录被改动"):
        call_command("verify_audit_chain")


@pytest.mark.django_db
def test_the_audit_chain_notices_a_deleted_row():
    _events(4)
    with pgtrigger.ignore("core.AccessEvent:append_only"), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_accessevent WHERE chain_seq = 2")
    with pytest.raises(CommandError, match="第2条审计记录缺失"):
        call_command("verify_audit_chain")
