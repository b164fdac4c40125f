"""Divisions, units, users and roles; the append-only access-event log."""

import pghistory
import pgtrigger
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fazhi.core.access import UnitScopedManager, subtree_unit_ids
from fazhi.core.sensitivity import Sensitivity


class DivisionLevel(models.TextChoices):
    PROVINCE = "province", "省"
    CITY = "city", "市"
    DISTRICT = "district", "区县"
    TOWN = "town", "乡镇街道"
    VILLAGE = "village", "村社区"


@pghistory.track()
class Division(models.Model):
    """A node of the 行政区划 tree. `path` holds the ancestors' codes, for subtree queries."""

    code = models.CharField("行政区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=64)
    level = models.CharField("层级", max_length=16, choices=DivisionLevel.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级区划",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField("路径", max_length=255, editable=False, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "行政区划"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        prefix = self.parent.path if self.parent_id else ""
        self.path = f"{prefix}{self.code}/"
        super().save(*args, **kwargs)


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    DEPARTMENT = "department", "区直部门"
    TOWN = "town", "镇"
    SUBDISTRICT = "subdistrict", "街道"
    VILLAGE = "village", "村"
    COMMUNITY = "community", "社区"
    OTHER = "other", "其他"


class UnitQuerySet(models.QuerySet):
    def in_subtree(self, division_or_unit):
        """Units of a division and of every division below it (the office's supervision scope)."""
        division = getattr(division_or_unit, "division", division_or_unit)
        return self.filter(division__path__startswith=division.path)


@pghistory.track()
class Unit(models.Model):
    """Any body that owns records: the government, a department, a town, a village…"""

    name = models.CharField("单位名称", max_length=128)
    short_name = models.CharField("简称", max_length=32, blank=True)
    kind = models.CharField("单位类型", max_length=16, choices=UnitKind.choices)
    division = models.ForeignKey(Division, verbose_name="所属区划", on_delete=models.PROTECT)
    parent = models.ForeignKey(
        "self",
        verbose_name="上级单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    uscc = models.CharField("统一社会信用代码", max_length=18, blank=True)
    is_enforcement_body = models.BooleanField("行政执法主体", default=False)
    is_justice_bureau = models.BooleanField("司法局", default=False)
    is_rule_of_law_office = models.BooleanField("依法治区办", default=False)
    active = models.BooleanField("在用", default=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "单位"
        ordering = ["division__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["division", "name"], name="unit_unique_name_in_division"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    CLERK = "clerk", "填报员"
    UNIT_HEAD = "unit_head", "单位负责人"
    OFFICE_STAFF = "office_staff", "依法治区办工作人员"
    RECONSIDERATION_OFFICER = "reconsideration_officer", "行政复议人员"
    LEGAL_ADVISOR = "legal_advisor", "法律顾问"
    SYSTEM_ADMIN = "system_admin", "系统管理员"
    SECURITY_ADMIN = "security_admin", "安全管理员"
    AUDIT_ADMIN = "audit_admin", "审计管理员"


ADMIN_ROLES = (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)
# Roles that may read sensitive personal data (legal aid, corrections, reconsideration applicants).
SENSITIVE_PI_ROLES = (Role.OFFICE_STAFF, Role.RECONSIDERATION_OFFICER)


class ScopedUserManager(UserManager):
    def for_user(self, user):
        """Accounts a user may see: the system admin and office staff their subtree, others their unit."""
        if user.is_superuser or user.has_role(Role.SYSTEM_ADMIN, Role.OFFICE_STAFF):
            units = subtree_unit_ids(user)
            return self.all() if units is None else self.filter(unit__in=units)
        if not user.is_authenticated or user.unit_id is None:
            return self.none()
        return self.filter(unit_id=user.unit_id)


@pghistory.track(exclude=["password", "last_login"])
class User(AbstractUser):
    """A person who signs in. Belongs to one unit and holds one or more roles."""

    unit = models.ForeignKey(
        Unit,
        verbose_name="所属单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    full_name = models.CharField("姓名", max_length=32, blank=True)
    title = models.CharField("职务", max_length=64, blank=True)
    roles = ArrayField(
        models.CharField(max_length=32, choices=Role.choices),
        verbose_name="角色",
        default=list,
        blank=True,
    )
    clearances = ArrayField(
        models.CharField(max_length=16, choices=Sensitivity.choices),
        verbose_name="安全标记授权",
        default=list,
        blank=True,
        help_text="可查看带有这些安全标记的记录（“一般”无需授权）。",
    )
    password_changed_at = models.DateTimeField("密码修改时间", default=timezone.now)
    must_change_password = models.BooleanField("下次登录须修改密码", default=False)

    objects = ScopedUserManager()

    class Meta:
        verbose_name = verbose_name_plural = "用户"
        constraints = [
            # 三员分立 (GB/T 22239 8.1.5): an admin role stands alone on its account.
            models.CheckConstraint(
                condition=~Q(roles__overlap=list(ADMIN_ROLES)) | Q(roles__len=1),
                name="user_admin_role_stands_alone",
                violation_error_message="三员分立：系统管理员、安全管理员、审计管理员不得兼任其他角色。",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def has_role(self, *roles: str) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def is_admin_role(self) -> bool:
        return self.has_role(*ADMIN_ROLES)

    @property
    def needs_otp(self) -> bool:
        """Two-factor is required for the admin roles and roles reading sensitive PI (A7)."""
        return self.is_superuser or self.has_role(*ADMIN_ROLES, *SENSITIVE_PI_ROLES)

    @property
    def display_name(self) -> str:
        return self.full_name or self.username


class PasswordHistory(models.Model):
    """Hashes of a user's previous passwords, to refuse reuse of the last five (A2)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(max_length=256)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user_id}@{self.created_at:%Y-%m-%d}"


class AccessEventKind(models.TextChoices):
    LOGIN = "login", "登录成功"
    LOGIN_FAILED = "login_failed", "登录失败"
    LOGOUT = "logout", "退出登录"
    LOCKOUT = "lockout", "账号锁定"
    OTP_FAILED = "otp_failed", "动态口令错误"
    PERMISSION_DENIED = "permission_denied", "越权访问"
    PASSWORD_CHANGED = "password_changed", "修改密码"
    EXPORT = "export", "导出"
    IMPORT = "import", "导入"
    REPORT = "report", "生成报告"
    SENSITIVE_VIEW = "sensitive_view", "查看敏感个人信息"
    CREATE = "create", "新建"
    STEP = "step", "办理"
    SUBMIT = "submit", "报送"
    ACCEPT = "accept", "审核通过"
    LABEL_CHANGED = "label_changed", "调整安全标记"
    ACCOUNT_DISABLED = "account_disabled", "停用账号"
    SESSIONS_ENDED = "sessions_ended", "终止会话"
    API_CALL = "api_call", "接口调用"


@pgtrigger.register(
    pgtrigger.Protect(name="append_only", operation=pgtrigger.Update | pgtrigger.Delete),
)
class AccessEvent(models.Model):
    """Append-only log of security-relevant reads and authentication events (security.md C1/C2)."""

    occurred_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    kind = models.CharField("事件类型", max_length=32, choices=AccessEventKind.choices)
    success = models.BooleanField("成功", default=True)
    user = models.ForeignKey(
        User,
        verbose_name="用户",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    username = models.CharField("用户名", max_length=150, blank=True)
    unit_name = models.CharField("单位", max_length=128, blank=True)
    ip = models.GenericIPAddressField("IP地址", null=True, blank=True)
    user_agent = models.CharField("客户端", max_length=255, blank=True)
    object_type = models.CharField("对象类型", max_length=100, blank=True)
    object_id = models.CharField("对象ID", max_length=64, blank=True)
    detail = models.JSONField("详情", default=dict, blank=True)
    # D3: set by the BEFORE INSERT trigger (migration 0004): position in the chain and
    # SHA-256(previous hash | canonical row); `manage.py verify_audit_chain` checks them.
    chain_seq = models.BigIntegerField("链序号", db_default=0, editable=False, db_index=True)
    chain_hash = models.CharField("链哈希", max_length=64, db_default="", editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "访问审计日志"
        ordering = ["-occurred_at"]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.get_kind_display()} {self.username}"


class UnitOwned(models.Model):
    """Base for every record a unit owns. Reads go through `objects.for_user(user)`."""

    unit = models.ForeignKey(
        Unit, verbose_name="所属单位", on_delete=models.PROTECT, related_name="+"
    )

    objects = UnitScopedManager()

    class Meta:
        abstract = True
