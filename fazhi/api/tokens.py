"""Issuing and revoking API tokens (the system admin, in the admin)."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone

from fazhi.api.models import ApiToken, hash_token, new_token
from fazhi.core.models import Role, User


@transaction.atomic
def token_issue(
    *, actor, name: str, unit, scopes, expires_at, rate_limit=None
) -> tuple[ApiToken, str]:
    """Create the system account (a clerk of `unit` who cannot sign in) and its token; the raw
    token is returned once and only its digest is stored."""
    raw = new_token()
    account = User(
        username=f"api-{secrets.token_hex(6)}",
        full_name=f"接口：{name}"[:32],
        unit=unit,
        roles=[Role.CLERK],
        is_staff=False,
    )
    account.set_unusable_password()
    account.save()
    token = ApiToken.objects.create(
        name=name,
        owner=unit,
        account=account,
        token_hash=hash_token(raw),
        token_hint=raw[:10],
        scopes=list(scopes),
        expires_at=expires_at,
        rate_limit=rate_limit,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    return token, raw


@transaction.atomic
def token_revoke(*, actor, token: ApiToken) -> ApiToken:
    """Revoke at once: the token answers 401 and its account is disabled."""
    token.active = False
    token.revoked_at = token.revoked_at or timezone.now()
    token.save(update_fields=["active", "revoked_at"])
    User.objects.filter(pk=token.account_id).update(is_active=False)
    return token
