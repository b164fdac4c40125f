"""Issuing and revoking API tokens (the system admin, in the admin)."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from fazhi.api.models import RECONSIDERATION_SCOPES, ApiToken, Scope, hash_token, new_token
from fazhi.core.models import Role, User


def check_scopes(unit, scopes) -> None:
    """Writing reconsideration applications is for the reconsideration body's own system: a
    token of any other unit cannot hold that scope (《行政复议法》第三十六条第一款: only the
    body's officers register applications)."""
    wanted = [s for s in RECONSIDERATION_SCOPES if s in scopes]
    if wanted and not getattr(unit, "is_justice_bureau", False):
        labels = "、".join(str(Scope(s).label) for s in wanted)
        raise ValidationError({"scopes": f"“{labels}”只能授予行政复议机构（司法局）的接口令牌。"})


def account_roles(scopes) -> list[str]:
    """The system account's roles: a clerk; also a 行政复议人员 when the token may register
    reconsideration applications (the register's rule for who registers them)."""
    roles = [Role.CLERK]
    if any(s in scopes for s in RECONSIDERATION_SCOPES):
        roles.append(Role.RECONSIDERATION_OFFICER)
    return roles


@transaction.atomic
def token_set_scopes(*, actor, token: ApiToken, scopes) -> ApiToken:
    """Change a token's scopes; its account's roles follow."""
    check_scopes(token.owner, scopes)
    token.scopes = list(scopes)
    token.save(update_fields=["scopes"])
    User.objects.filter(pk=token.account_id).update(roles=account_roles(scopes))
    return token


@transaction.atomic
def token_issue(
    *, actor, name: str, unit, scopes, expires_at, rate_limit=None
) -> tuple[ApiToken, str]:
    """Create the system account (a clerk of `unit` who cannot sign in) and its token; the raw
    token is returned once and only its digest is stored."""
    check_scopes(unit, scopes)
    raw = new_token()
    account = User(
        username=f"api-{secrets.token_hex(6)}",
        full_name=f"接口：{name}"[:32],
        unit=unit,
        roles=account_roles(scopes),
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
