"""Government services (政务服务): the item catalog, 一件事 packages, service applications imported
from the provincial platform, and the hall (windows, stationed units, daily tallies).

Applications arrive by the tens of thousands per district-year through the set-based import
(`bulk.py`): their audit trigger is statement-level, like the deadline engine's clocks.
"""

import pghistory
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fazhi.core.access import UnitScopedQuerySet
from fazhi.core.models import UnitOwned


class ItemType(models.TextChoices):
    LICENCE = "licence", "行政许可"
    CONFIRMATION = "confirmation", "行政确认"
    PAYMENT = "payment", "行政给付"
    REWARD = "reward", "行政奖励"
    ADJUDICATION = "adjudication", "行政裁决"
    OTHER_POWER = "other_power", "其他行政权力"
    PUBLIC_SERVICE = "public_service", "公共服务"


class Channel(models.TextChoices):
    ONLINE = "online", "网上办理"
    ONSITE = "onsite", "现场办理"


class CatalogQuerySet(UnitScopedQuerySet):
    """Items are kept by the service centre (`unit`) for the implementing department, which
    reads them too."""

    also_visible_to = ("department",)


@pghistory.track()
class ServiceItem(UnitOwned):
    """An item of the 事项清单: who implements it, its promised limit in working days, its
    channels, and whether it is claimed and configured on the 一网通办 system."""

    code = models.CharField("事项编码", max_length=64, unique=True)
    name = models.CharField("事项名称", max_length=200)
    department = models.ForeignKey(
        "core.Unit", verbose_name="实施单位", on_delete=models.PROTECT, related_name="+"
    )
    item_type = models.CharField("事项类型", max_length=24, choices=ItemType.choices)
    promised_days = models.PositiveSmallIntegerField(
        "承诺时限（工作日）", validators=[MinValueValidator(1)]
    )
    statutory_days = models.PositiveSmallIntegerField("法定时限（工作日）", null=True, blank=True)
    online = models.BooleanField("可网上办理", default=True)
    onsite = models.BooleanField("可现场办理", default=True)
    platform_claimed_on = models.DateField("一网通办认领日期", null=True, blank=True)
    platform_configured_on = models.DateField("人员、流程配置完成日期", null=True, blank=True)
    active = models.BooleanField("在用", default=True)

    objects = CatalogQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "政务服务事项"
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(promised_days__gte=1),
                name="serviceitem_promised_days_positive",
                violation_error_message="承诺时限须至少为1个工作日。",
            ),
            models.CheckConstraint(
                condition=Q(statutory_days__isnull=True)
                | Q(promised_days__lte=models.F("statutory_days")),
                name="serviceitem_promise_within_statute",
                violation_error_message="承诺时限不得长于法定时限。",
            ),
            models.CheckConstraint(
                condition=Q(online=True) | Q(onsite=True),
                name="serviceitem_has_channel",
                violation_error_message="事项至少须有一个办理渠道。",
            ),
            models.CheckConstraint(
                condition=Q(platform_configured_on__isnull=True)
                | Q(platform_claimed_on__lte=models.F("platform_configured_on")),
                name="serviceitem_configured_after_claimed",
                violation_error_message="须先认领事项，才能完成人员、流程配置。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


@pghistory.track()
class OneThingPackage(UnitOwned):
    """A “高效办成一件事” package: the items it joins, whether it is accepting applications,
    and why not when it is not."""

    name = models.CharField("“一件事”名称", max_length=100)
    items = models.ManyToManyField(ServiceItem, verbose_name="包含事项", blank=True)
    launched_on = models.DateField("上线日期")
    active = models.BooleanField("正常受理", default=True)
    inactive_reason = models.CharField("未正常受理原因", max_length=255, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "“一件事”事项"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="onething_unique_name"),
            models.CheckConstraint(
                condition=Q(active=True) | ~Q(inactive_reason=""),
                name="onething_reason_when_inactive",
                violation_error_message="未正常受理的“一件事”须写明原因。",
            ),
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class ApplicationSource(UnitOwned):
    """A source system's export format: which header holds which field (the office adjusts it
    per source; `fazhi.govservices.bulk.DEFAULT_HEADERS` is the provincial platform's)."""

    name = models.CharField("数据来源", max_length=100)
    headers = models.JSONField("列名对照", default=dict)
    note = models.CharField("说明", max_length=255, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "办件数据来源"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="appsource_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class ImportBatch(UnitOwned):
    """One file loaded through the bulk import: what it held and what it changed."""

    source = models.ForeignKey(
        ApplicationSource,
        verbose_name="数据来源",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="batches",
    )
    file_name = models.CharField("文件名", max_length=255, blank=True)
    file_format = models.CharField("文件格式", max_length=8)
    encoding = models.CharField("文件编码", max_length=32, blank=True)
    rows = models.PositiveIntegerField("数据行数")
    created = models.PositiveIntegerField("新增办件")
    completed = models.PositiveIntegerField("补录办结", default=0)
    skipped = models.PositiveIntegerField("此前已导入", default=0)
    calendar_version = models.PositiveIntegerField("所用放假安排日历版本", null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField("导入时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "办件导入记录"
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.imported_at:%Y-%m-%d %H:%M} {self.file_name}（{self.rows}行）"


class ApplicationResult(models.TextChoices):
    PENDING = "pending", "办理中"
    APPROVED = "approved", "办结（准予）"
    REFUSED = "refused", "办结（不予）"
    WITHDRAWN = "withdrawn", "撤回"


class ApplicationQuerySet(UnitScopedQuerySet):
    """The receiving unit (the service centre) and the implementing department read the row."""

    also_visible_to = ("item__department",)


def _history_fk(to, *, null=False):
    """A foreign key copied into the event table without index or constraint."""
    return models.ForeignKey(
        to,
        null=null,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )


# Tens of thousands of rows per import: statement-level audit triggers (one INSERT … SELECT
# from the transition table per statement), as for the deadline engine's clocks.
@pghistory.track(
    level=pghistory.Statement,
    attrs={
        "unit": _history_fk("core.Unit"),
        "item": _history_fk("govservices.ServiceItem"),
        "package": _history_fk("govservices.OneThingPackage", null=True),
        "batch": _history_fk("govservices.ImportBatch", null=True),
    },
)
class ServiceApplication(UnitOwned):
    """One application (办件) as the service platform exported it. `due_date` and `on_time` are
    computed here in working days with the holiday calendar, never taken from the source."""

    number = models.CharField("申请编号", max_length=64, unique=True)
    item = models.ForeignKey(
        ServiceItem, verbose_name="事项", on_delete=models.PROTECT, related_name="applications"
    )
    channel = models.CharField("办理渠道", max_length=8, choices=Channel.choices)
    received_at = models.DateTimeField("受理时间")
    received_on = models.DateField("受理日期")
    completed_at = models.DateTimeField("办结时间", null=True, blank=True)
    completed_on = models.DateField("办结日期", null=True, blank=True)
    result = models.CharField("办理结果", max_length=16, choices=ApplicationResult.choices)
    promised_days = models.PositiveSmallIntegerField("承诺时限（工作日）")
    due_date = models.DateField("承诺期限届满日")
    on_time = models.BooleanField("按时办结", null=True, blank=True)
    package = models.ForeignKey(
        OneThingPackage,
        verbose_name="“一件事”",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        db_index=False,
    )
    via_platform = models.BooleanField("经一网通办受理", default=False)
    batch = models.ForeignKey(
        ImportBatch,
        verbose_name="导入批次",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
        db_index=False,
    )
    calendar_version = models.PositiveIntegerField("所用放假安排日历版本", null=True, blank=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "政务服务办件"
        ordering = ["-received_at"]
        indexes = [models.Index(fields=["received_on"], name="application_received_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True)
                | Q(completed_at__gte=models.F("received_at")),
                name="application_completed_after_received",
                violation_error_message="办结时间不能早于受理时间。",
            ),
        ]

    def __str__(self) -> str:
        return self.number


@pghistory.track()
class WindowCount(UnitOwned):
    """The number of windows of the service hall from a date on (a stock: the latest counts)."""

    on = models.DateField("起始日期")
    windows = models.PositiveSmallIntegerField("窗口数")
    note = models.CharField("说明", max_length=255, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "政务中心窗口设置"
        ordering = ["-on"]
        constraints = [models.UniqueConstraint(fields=["unit", "on"], name="window_unique_day")]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d}起 {self.windows}个窗口"


class StationedKind(models.TextChoices):
    DEPARTMENT = "department", "部门"
    ENTERPRISE = "enterprise", "企业"


@pghistory.track()
class StationedUnit(UnitOwned):
    """A department or enterprise stationed in the hall, from a date until it leaves."""

    name = models.CharField("进驻单位", max_length=128)
    kind = models.CharField("类型", max_length=16, choices=StationedKind.choices)
    stationed_on = models.DateField("进驻日期")
    left_on = models.DateField("撤出日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "进驻部门及企业"
        ordering = ["stationed_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("stationed_on")),
                name="stationed_left_after_arrival",
                violation_error_message="撤出日期不能早于进驻日期。",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class TallyKind(models.TextChoices):
    CONSULT_PHONE = "consult_phone", "电话咨询"
    CONSULT_ONLINE = "consult_online", "网上咨询"
    CONSULT_WECHAT = "consult_wechat", "微信咨询"
    VISITORS = "visitors", "现场接待"
    FREE_SEAL = "free_seal", "新设立企业免费刻制印章"
    FREE_MAILING = "free_mailing", "免费邮寄"
    FREE_PRINT = "free_print", "免费复印打印"


REMOTE_CONSULTATIONS = (TallyKind.CONSULT_PHONE, TallyKind.CONSULT_ONLINE, TallyKind.CONSULT_WECHAT)


@pghistory.track()
class HallTally(UnitOwned):
    """A dated tally of the hall: consultations by channel, visitors, free services."""

    on = models.DateField("日期")
    kind = models.CharField("类别", max_length=16, choices=TallyKind.choices)
    count = models.PositiveIntegerField("数量")

    class Meta:
        verbose_name = verbose_name_plural = "政务大厅日统计"
        ordering = ["-on", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "on", "kind"], name="tally_unique_day_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.get_kind_display()} {self.count}"
