"""The indicator catalog and statistical returns (统计填报): requests, unit returns, revisions, values."""

import calendar
from datetime import date

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q

from fazhi.core.models import Division, Unit, UnitOwned
from fazhi.indicators.periods import Period
from fazhi.indicators.registry import Bound, Granularity, Kind, Reporters, Source


class Indicator(models.Model):
    """A catalog row. Code-registered indicators are synced here; the office adds returned ones."""

    code = models.CharField("指标代码", max_length=64, unique=True)
    name = models.CharField("指标名称", max_length=128)
    domain = models.CharField("领域", max_length=32)
    measure = models.CharField("计量单位", max_length=16, blank=True, help_text="比值留空。")
    kind = models.CharField("类型", max_length=8, choices=Kind.choices)
    period = models.CharField(
        "统计周期", max_length=8, choices=Granularity.choices, default=Granularity.YEAR
    )
    formula = models.TextField("口径（计算公式）")
    source = models.CharField("来源", max_length=10, choices=Source.choices)
    numerator = models.CharField("分子指标", max_length=64, blank=True)
    denominator = models.CharField("分母指标", max_length=64, blank=True)
    terms = models.JSONField("组成项", default=list, blank=True)
    variant_of = models.CharField("所属比率（口径族）", max_length=64, blank=True)
    variant_label = models.CharField("口径说明", max_length=64, blank=True)
    is_default_variant = models.BooleanField("默认口径", default=False)
    approximate = models.PositiveSmallIntegerField(
        "“余”数显示有效位数",
        default=0,
        help_text="0 表示显示精确值；N 表示报告中向下取 N 位有效数字并加“余”。",
    )
    bound = models.CharField(
        "约数显示", max_length=10, choices=Bound.choices, blank=True, default=""
    )
    places = models.PositiveSmallIntegerField("比值小数位数", default=2)
    part_of = models.CharField(
        "所属复合比率", max_length=64, blank=True, help_text="复合比率的分子或分母（不单独列示）。"
    )
    window = models.ForeignKey(
        "Window",
        verbose_name="统计期",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
        help_text="统计周期为“自定义统计期”的填报指标按此统计期填报。",
    )
    reporters = models.CharField(
        "填报单位范围", max_length=24, choices=Reporters.choices, blank=True
    )
    reporter_name = models.CharField("指定单位名称包含", max_length=64, blank=True)
    reporting_units = models.ManyToManyField(
        Unit, verbose_name="须填报单位", blank=True, related_name="+"
    )
    required = models.BooleanField("必填", default=True)
    stated_for = models.CharField("核对的比率", max_length=64, blank=True)
    defined_in = models.CharField(
        "定义位置", max_length=128, blank=True, help_text="空白表示由依法治区办在运行中新增。"
    )
    active = models.BooleanField("在用", default=True)
    order = models.PositiveIntegerField("排序", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="新增人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("新增时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "指标目录"
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(defined_in="") | Q(source__in=[Source.RETURNED, Source.DERIVED]),
                name="indicator_runtime_added_is_returned_or_derived",
                violation_error_message="运行中新增的指标只能是填报指标或由其他指标计算的比率。",
            ),
            models.CheckConstraint(
                condition=~Q(source=Source.DERIVED, defined_in="")
                | (~Q(numerator="") & ~Q(denominator="")),
                name="indicator_runtime_rate_has_parts",
                violation_error_message="比率须有分子和分母。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    @property
    def added_at_runtime(self) -> bool:
        return not self.defined_in


@pghistory.track()
class Window(UnitOwned):
    """A named period other than the calendar year (统计期), defined by an office.

    `unit` is the office that defined it; the window is offered to every unit of that office's
    division subtree (returns, campaigns such as the enforcement file review, report text).
    """

    name = models.CharField("统计期名称", max_length=64)
    start = models.DateField("起始日期")
    end = models.DateField("截止日期")
    note = models.CharField("说明", max_length=200, blank=True)
    active = models.BooleanField("在用", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="定义人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("定义时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "统计期"
        ordering = ["-end", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="window_name_once_per_office"),
            models.CheckConstraint(
                condition=Q(end__gte=models.F("start")),
                name="window_ordered",
                violation_error_message="统计期的截止日期不能早于起始日期。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.period.dates_label}）"

    @property
    def period(self) -> Period:
        return Period(self.start, self.end, self.name)


class RelationOp(models.TextChoices):
    EQUAL = "==", "等于（各项之和 = 合计）"
    AT_MOST = "<=", "不大于（如 办结 ≤ 结转 + 新收）"


@pghistory.track()
class ConsistencyRule(UnitOwned):
    """A consistency rule the office declares at runtime (no code): sum(left) op sum(right).

    Checked on every computation and every return, like the rules registered in code.
    `unit` is the office that declared it.
    """

    name = models.CharField("规则名称", max_length=128)
    left = models.JSONField("左边各项（指标）", default=list)
    op = models.CharField("关系", max_length=2, choices=RelationOp.choices)
    right = models.JSONField("右边各项（指标）", default=list)
    active = models.BooleanField("在用", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="设定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("设定时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "一致性规则"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def code(self) -> str:
        return f"rule.{self.pk}"


class TargetOp(models.TextChoices):
    AT_MOST = "le", "≤（不高于）"
    AT_LEAST = "ge", "≥（不低于）"


@pghistory.track()
class Target(UnitOwned):
    """A target for one indicator, scope and period (目标值), set by an office for its own
    division or a unit or division below it. `unit` is the office that set it.

    A division's target also applies to the divisions below it that have none of their own
    (a city's target for every district); a unit's target applies to that unit only.
    """

    indicator = models.ForeignKey(
        Indicator, verbose_name="指标", on_delete=models.PROTECT, related_name="targets"
    )
    division = models.ForeignKey(
        Division,
        verbose_name="适用区划",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target_unit = models.ForeignKey(
        Unit,
        verbose_name="适用单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField("年度")
    window = models.ForeignKey(
        Window,
        verbose_name="统计期",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="targets",
        help_text="留空表示整个年度。",
    )
    op = models.CharField("方向", max_length=2, choices=TargetOp.choices)
    value = models.DecimalField("目标值", max_digits=18, decimal_places=4)
    label = models.CharField(
        "目标名称", max_length=32, default="目标", help_text="如：市考核目标、年度目标。"
    )
    note = models.CharField("说明", max_length=200, blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="设定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    set_at = models.DateTimeField("设定时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "指标目标值"
        ordering = ["-year", "indicator__order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(division__isnull=True, target_unit__isnull=False)
                | Q(division__isnull=False, target_unit__isnull=True),
                name="target_one_scope",
                violation_error_message="目标须指定一个区划或一个单位。",
            ),
            models.UniqueConstraint(
                fields=["indicator", "division", "target_unit", "year", "window"],
                nulls_distinct=False,
                name="target_once_per_scope_period",
            ),
        ]

    def __str__(self) -> str:
        scope = self.target_unit or self.division
        return f"{scope}·{self.year}·{self.indicator.name}{self.get_op_display()[0]}{self.value.normalize()}"


def period_bounds(year: int, granularity: str, index: int) -> tuple[date, date]:
    """First and last day of a year, a quarter (index 1-4) or a month (index 1-12)."""
    if granularity == Granularity.YEAR:
        return date(year, 1, 1), date(year, 12, 31)
    if granularity == Granularity.QUARTER:
        first_month = 3 * (index - 1) + 1
        last_month = first_month + 2
        return date(year, first_month, 1), date(
            year, last_month, calendar.monthrange(year, last_month)[1]
        )
    return date(year, index, 1), date(year, index, calendar.monthrange(year, index)[1])


@pghistory.track()
class ReturnRequest(UnitOwned):
    """A statistical return opened by the office: indicators × period × units, with a due date.

    `unit` is the office that opened it.
    """

    title = models.CharField("填报任务名称", max_length=128)
    year = models.PositiveSmallIntegerField("年度")
    granularity = models.CharField(
        "统计周期", max_length=8, choices=Granularity.choices, default=Granularity.YEAR
    )
    period_index = models.PositiveSmallIntegerField("季度/月份", default=0)
    period_start = models.DateField("统计期起")
    period_end = models.DateField("统计期止")
    window = models.ForeignKey(
        Window,
        verbose_name="自定义统计期",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="return_requests",
    )
    due_date = models.DateField("报送截止日期")
    due_explanation = models.TextField("截止日期计算说明", blank=True)
    indicators = models.ManyToManyField(Indicator, verbose_name="填报指标", related_name="+")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="发起人", on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField("发起时间", auto_now_add=True)
    note = models.TextField("填报说明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "统计填报任务"
        ordering = ["-year", "-opened_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="return_request_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def period_label(self) -> str:
        if self.granularity == Granularity.WINDOW:
            return Period(
                self.period_start, self.period_end, self.window.name if self.window else ""
            ).label
        if self.granularity == Granularity.QUARTER:
            return f"{self.year}年第{self.period_index}季度"
        if self.granularity == Granularity.MONTH:
            return f"{self.year}年{self.period_index}月"
        return f"{self.year}年度"


class ReturnState(models.TextChoices):
    DRAFT = "draft", "填报中"
    SUBMITTED = "submitted", "已报送"
    ACCEPTED = "accepted", "已接收"
    RETURNED = "returned", "已退回"
    SUPERSEDED = "superseded", "已被更正"


class Channel(models.TextChoices):
    FORM = "form", "在线表单"
    EXCEL = "excel", "Excel 导入"


@pghistory.track()
class UnitReturn(UnitOwned):
    """One unit's return for one request (统计报表). Its state is that of its working revision."""

    request = models.ForeignKey(
        ReturnRequest, verbose_name="填报任务", on_delete=models.PROTECT, related_name="returns"
    )
    state = models.CharField(
        "状态", max_length=12, choices=ReturnState.choices, default=ReturnState.DRAFT
    )
    revision = models.PositiveSmallIntegerField("当前修订号", default=1)
    indicators = models.ManyToManyField(Indicator, verbose_name="本单位填报指标", related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "统计报表"
        ordering = ["request", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["request", "unit"], name="unit_return_once_per_unit"),
            models.CheckConstraint(
                condition=~Q(state=ReturnState.SUPERSEDED), name="unit_return_state_not_superseded"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}·{self.request}"


@pghistory.track()
class ReturnRevision(UnitOwned):
    """A revision of a unit return. Accepted revisions are locked; a correction is a new revision."""

    unit_return = models.ForeignKey(
        UnitReturn, verbose_name="统计报表", on_delete=models.PROTECT, related_name="revisions"
    )
    number = models.PositiveSmallIntegerField("修订号")
    state = models.CharField(
        "状态", max_length=12, choices=ReturnState.choices, default=ReturnState.DRAFT
    )
    reason = models.TextField("更正原因", blank=True)
    channel = models.CharField("填报方式", max_length=8, choices=Channel.choices, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    filled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="填报人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    filled_at = models.DateTimeField("填报时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报送人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    return_reason = models.TextField("退回原因", blank=True)
    findings = models.JSONField("一致性核查结果", default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "统计报表修订"
        ordering = ["unit_return", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit_return", "number"], name="return_revision_number_unique"
            ),
            models.CheckConstraint(
                condition=Q(number=1) | ~Q(reason=""),
                name="return_revision_correction_has_reason",
                violation_error_message="更正须说明原因。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_return} 第{self.number}版"


@pghistory.track()
class ReturnedValue(UnitOwned):
    """One figure of one revision. `effective` marks the values of the latest accepted revision."""

    revision = models.ForeignKey(
        ReturnRevision, verbose_name="修订", on_delete=models.PROTECT, related_name="values"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name="指标", on_delete=models.PROTECT, related_name="values"
    )
    value = models.DecimalField("数值", max_digits=18, decimal_places=4)
    period_start = models.DateField("统计期起")
    period_end = models.DateField("统计期止")
    effective = models.BooleanField("生效", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "填报数值"
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "indicator"], name="returned_value_once_per_revision"
            ),
        ]
        indexes = [
            models.Index(
                fields=["indicator", "period_end", "unit"],
                condition=Q(effective=True),
                name="returned_value_effective",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}={self.value}"
