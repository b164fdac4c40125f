"""Account hygiene (security.md A1, A4, A6).

- A1: an account unused for STALE_ACCOUNT_AFTER (90 days) is deactivated: at its next login
  attempt (`ActiveAccountBackend`) and by the daily `deactivate_stale_accounts` job. Default
  account names and published passwords are reported by `check_accounts` (non-zero exit).
- A6: the sessions of an account that is disabled, or whose password changes, are deleted from
  the session table (not only refused), so re-enabling the account does not revive them.
- A4: `ip_failures_exceeded` counts failed logins from one address across all usernames.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.utils import timezone

DEFAULT_ACCOUNT_NAMES = ("admin", "root", "administrator", "sa", "test", "sfj")
# Passwords published in this repository (demo and test fixtures): never valid in production.
PUBLISHED_PASSWORDS = ("Demo@2024-Zxqpt", "Test#Passw0rd-Long")


def stale_cutoff():
    return timezone.now() - settings.STALE_ACCOUNT_AFTER


def is_stale(user) -> bool:
    last_use = user.last_login or user.date_joined
    return last_use is not None and last_use < stale_cutoff()


def stale_accounts(User):
    cutoff = stale_cutoff()
    return User.objects.filter(is_active=True, is_superuser=False).filter(
        Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff)
    )


def deactivate(user, *, reason: str, request=None) -> None:
    """Disable the account, delete its sessions and record why."""
    from fazhi.core.audit import record_access_event
    from fazhi.core.models import AccessEventKind

    type(user).objects.filter(pk=user.pk).update(is_active=False)
    user.is_active = False
    ended = delete_sessions(user)
    record_access_event(
        request,
        AccessEventKind.ACCOUNT_DISABLED,
        username=user.username,
        obj=user,
        detail={"reason": reason, "sessions": ended},
    )


class ActiveAccountBackend(ModelBackend):
    """Django's backend, but an account unused for 90 days is deactivated instead of let in."""

    def user_can_authenticate(self, user):
        if not super().user_can_authenticate(user):
            return False
        if not user.is_superuser and is_stale(user):
            deactivate(user, reason=f"超过{settings.STALE_ACCOUNT_AFTER.days}天未登录")
            return False
        return True

    def get_user(self, user_id):
        """The signed-in user of each request, with the unit and division every page reads."""
        users = get_user_model()._default_manager.select_related("unit__division")
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


def delete_sessions(user, *, keep_hash: str | None = None) -> int:
    """Delete the user's stored sessions (all, or those not carrying `keep_hash`)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        data = session.get_decoded()
        if str(data.get("_auth_user_id")) != str(user.pk):
            continue
        if keep_hash is not None and data.get("_auth_user_hash") == keep_hash:
            continue
        session.delete()
        ended += 1
    return ended


def remember_previous_state(sender, instance, raw=False, **kwargs) -> None:
    if raw or instance.pk is None:
        return
    previous = sender._base_manager.filter(pk=instance.pk).values("is_active", "password").first()
    instance._previous_account_state = previous


def end_sessions_on_change(sender, instance, created=False, raw=False, **kwargs) -> None:
    previous = getattr(instance, "_previous_account_state", None)
    instance._previous_account_state = None
    if raw or created or previous is None:
        return
    if previous["is_active"] and not instance.is_active:
        delete_sessions(instance)
    elif previous["password"] != instance.password:
        delete_sessions(instance, keep_hash=instance.get_session_auth_hash())


def ip_failures_exceeded(ip: str | None) -> bool:
    from fazhi.core.models import AccessEvent, AccessEventKind

    if not ip:
        return False
    since = timezone.now() - settings.LOGIN_IP_WINDOW
    failures = AccessEvent.objects.filter(
        kind=AccessEventKind.LOGIN_FAILED, ip=ip, occurred_at__gte=since
    )[: settings.LOGIN_IP_FAILURE_LIMIT].count()
    return failures >= settings.LOGIN_IP_FAILURE_LIMIT


def account_findings(User) -> list[str]:
    """Default account names and published passwords (A1): each is a finding."""
    from django.contrib.auth.hashers import check_password

    findings = [
        f"存在默认账号名“{u}”"
        for u in User.objects.filter(username__in=DEFAULT_ACCOUNT_NAMES).values_list(
            "username", flat=True
        )
    ]
    for user in User.objects.filter(is_active=True).only("username", "password"):
        if any(check_password(p, user.password) for p in PUBLISHED_PASSWORDS):
            findings.append(f"账号“{user.username}”使用了公开的演示/测试密码")
    return findings
