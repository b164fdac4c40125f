"""Access events: who read, exported, imported or signed in (security.md C1, C2, C7).

Writes to business tables are audited by pghistory triggers; this log covers what
triggers cannot see. Each event is also emitted as one JSON log line.
"""

import logging

from django.contrib.auth import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from fazhi.core.models import AccessEvent, AccessEventKind

logger = logging.getLogger("fazhi.audit")


def client_ip(request) -> str | None:
    """The client's address (A4, J7): REMOTE_ADDR, unless the request came through a proxy
    listed in FAZHI_TRUSTED_PROXIES, in which case the last X-Forwarded-For hop that is not a
    trusted proxy. A spoofed X-Forwarded-For from anywhere else changes nothing."""
    from django.conf import settings

    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR")
    trusted = set(getattr(settings, "TRUSTED_PROXIES", ()))
    if remote not in trusted:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if hop not in trusted:
            return hop if _is_ip(hop) else remote
    return remote


def _is_ip(text: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def record_access_event(
    request,
    kind: str,
    *,
    user=None,
    username: str = "",
    success: bool = True,
    obj=None,
    detail: dict | None = None,
) -> AccessEvent:
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        user = candidate if candidate is not None and candidate.is_authenticated else None
    event = AccessEvent.objects.create(
        kind=kind,
        success=success,
        user=user,
        username=(user.username if user else username)[:150],
        unit_name=(user.unit.name if user and user.unit_id else "")[:128],
        ip=client_ip(request),
        user_agent=(request.META.get("HTTP_USER_AGENT", "") if request else "")[:255],
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        detail=detail or {},
    )
    logger.info(
        "access event",
        extra={
            "event": {
                "id": event.pk,
                "at": event.occurred_at.isoformat(),
                "kind": kind,
                "success": success,
                "username": event.username,
                "unit": event.unit_name,
                "ip": event.ip,
                "object": f"{event.object_type}:{event.object_id}",
                "chain": [event.chain_seq, event.chain_hash],
            }
        },
    )
    return event


@receiver(user_logged_in)
def _on_login(sender, request, user, **kwargs):
    request.session["login_at"] = _now_iso()
    record_access_event(request, AccessEventKind.LOGIN, user=user)


@receiver(user_logged_out)
def _on_logout(sender, request, user, **kwargs):
    if user is not None:
        record_access_event(request, AccessEventKind.LOGOUT, user=user)


@receiver(user_login_failed)
def _on_login_failed(sender, credentials, request=None, **kwargs):
    record_access_event(
        request,
        AccessEventKind.LOGIN_FAILED,
        username=str(credentials.get("username", "")),
        success=False,
    )


def _now_iso() -> str:
    from django.utils import timezone

    return timezone.now().isoformat()
