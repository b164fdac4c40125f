"""Token authentication per system account: scopes, expiry, revocation and a rate limit."""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.utils import timezone
from ninja.security import HttpBearer

from fazhi.api.errors import ApiError
from fazhi.api.models import ApiToken, Scope, hash_token

DEFAULT_RATE_LIMIT = 600  # calls per token per minute


def rate_limit_for(token: ApiToken) -> int:
    return token.rate_limit or getattr(settings, "API_RATE_LIMIT", DEFAULT_RATE_LIMIT)


def count_call(token: ApiToken) -> int:
    """Count this call in the token's current minute (one atomic UPDATE, shared by every
    worker process); return the calls made in the minute so far."""
    minute = timezone.now().replace(second=0, microsecond=0)
    table = ApiToken._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"""UPDATE {table}
                   SET window_calls = CASE WHEN window_start = %s THEN window_calls + 1 ELSE 1 END,
                       window_start = %s, last_used_at = %s
                 WHERE id = %s RETURNING window_calls""",  # noqa: S608 - table name is ours
            [minute, minute, timezone.now(), token.pk],
        )
        return cursor.fetchone()[0]


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <token>`; the endpoint's `scope` must be among the token's."""

    openapi_description = "接口令牌：由系统管理员在后台“接口令牌”中创建，仅在创建时显示一次。"

    def __init__(self, scope: str = Scope.READ):
        super().__init__()
        self.scope = str(scope)

    def __call__(self, request):
        request.api_token_attempted = True
        return super().__call__(request)

    def authenticate(self, request, token: str):
        record = (
            ApiToken.objects.select_related("account", "account__unit", "account__unit__division")
            .filter(token_hash=hash_token(token[:200]))
            .first()
        )
        if record is None:
            raise ApiError(401, "接口令牌无效。")
        request.api_token = record
        if not record.active or record.revoked_at is not None:
            raise ApiError(401, "接口令牌已被吊销。")
        if record.expires_at <= timezone.now():
            raise ApiError(401, "接口令牌已过期，请联系系统管理员重新申请。")
        if not record.account.is_active:
            raise ApiError(401, "接口令牌所属的系统账号已停用。")
        if count_call(record) > rate_limit_for(record):
            raise ApiError(429, f"调用过于频繁：每分钟不超过 {rate_limit_for(record)} 次。")
        if self.scope not in record.scopes:
            label = Scope(self.scope).label if self.scope in Scope.values else self.scope
            raise ApiError(403, f"该接口令牌没有“{label}”权限（{self.scope}）。")
        request.user = record.account
        return record


def read_auth() -> TokenAuth:
    return TokenAuth(Scope.READ)
