"""System accounts of the API: one token per calling system, acting for one unit."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from fazhi.core.models import Unit, User


class Scope(models.TextChoices):
    READ = "read", "读取数据"
    WRITE_SERVICES = "write:services", "写入政务服务办件与大厅统计"
    WRITE_LETTERS = "write:letters", "写入群众来信"
    WRITE_RECONSIDERATION = "write:reconsideration", "写入网上行政复议申请"


# Scopes only a token of a reconsideration body (the justice bureau) may hold: its account
# then also holds the 行政复议人员 role, which the register's own rule requires to register.
RECONSIDERATION_SCOPES = (Scope.WRITE_RECONSIDERATION,)


TOKEN_PREFIX = "fz_"


def hash_token(raw: str) -> str:
    """SHA-256 of the token: the token is 256 random bits, so a plain digest suffices."""
    return hashlib.sha256(raw.encode()).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiToken(models.Model):
    """A calling system's credential. It acts through `account`, a user of `unit` with no
    password, so that every read and write is scoped exactly as for that unit's clerk."""

    name = models.CharField("系统名称", max_length=100)
    # "owner", not "unit": a credential the system admin keeps, not a business record of
    # the unit (the isolation walk covers models with a `unit` field).
    owner = models.ForeignKey(
        Unit, verbose_name="所属单位", on_delete=models.PROTECT, related_name="+"
    )
    account = models.OneToOneField(
        User,
        verbose_name="系统账号",
        on_delete=models.PROTECT,
        related_name="api_token",
        editable=False,
    )
    token_hash = models.CharField("令牌摘要", max_length=64, unique=True, editable=False)
    token_hint = models.CharField("令牌开头", max_length=12, editable=False)
    scopes = ArrayField(
        models.CharField(max_length=32, choices=Scope.choices),
        verbose_name="权限范围",
        default=list,
        help_text="read：读取数据；write:services：写入办件与大厅统计；write:letters：写入来信；"
        "write:reconsideration：写入网上行政复议申请（仅限行政复议机构，即司法局）。",
    )
    expires_at = models.DateTimeField("有效期至")
    active = models.BooleanField("启用", default=True)
    rate_limit = models.PositiveIntegerField(
        "每分钟调用上限", null=True, blank=True, help_text="留空则使用系统默认值。"
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        User,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField("最近调用", null=True, blank=True, editable=False)
    window_start = models.DateTimeField("本分钟起", null=True, blank=True, editable=False)
    window_calls = models.PositiveIntegerField("本分钟调用次数", default=0, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "接口令牌"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name}（{self.owner}）"

    @property
    def usable(self) -> bool:
        return self.active and self.revoked_at is None and self.expires_at > timezone.now()


class WriteKey(models.Model):
    """The idempotency key of a write whose register has no natural key for it (an online
    reconsideration application carries the filing platform's number, which the case does not
    store): the key, the record it created and a digest of what was posted. Posting the same
    key again returns that record; the same key with other content is a 409."""

    # "owner", not "unit": the calling system's bookkeeping, not a business record
    owner = models.ForeignKey(
        Unit, verbose_name="所属单位", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("写入类别", max_length=64)
    key = models.CharField("幂等键", max_length=64)
    object_id = models.BigIntegerField("所建记录ID")
    digest = models.CharField("提交内容摘要", max_length=64)
    token = models.ForeignKey(
        ApiToken, verbose_name="接口令牌", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("写入时间", default=timezone.now, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "接口写入幂等键"
        constraints = [
            models.UniqueConstraint(fields=["owner", "kind", "key"], name="api_write_key_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind}：{self.key}"
