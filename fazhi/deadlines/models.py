"""Versioned working-day calendar, rule overrides, clocks with pauses and extensions, reminders."""

import pghistory
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from fazhi.core.models import UnitOwned
from fazhi.deadlines.fixed import forget
from fazhi.deadlines.rules import PeriodUnit, registered_rules


@pghistory.track()
class CalendarVersion(models.Model):
    """A complete snapshot of the loaded years (T12-T16). Never edited: a change is a new version."""

    number = models.PositiveIntegerField("版本号", unique=True)
    years = ArrayField(models.PositiveSmallIntegerField(), verbose_name="覆盖年份", default=list)
    note = models.CharField("说明", max_length=255, blank=True)
    source = models.CharField("依据", max_length=255, blank=True)
    created_at = models.DateTimeField("生成时间", default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "放假安排日历版本"
        ordering = ["-number"]

    def __str__(self) -> str:
        years = "、".join(str(y) for y in sorted(self.years))
        return f"第{self.number}版（{years}）"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        forget()  # the rest of this request or import reads the new version in force


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "放假"
    WORKDAY = "workday", "调休上班"


@pghistory.track()
class CalendarDay(models.Model):
    """One date of a version: a holiday (放假) or an adjusted working weekend day (调休上班)."""

    version = models.ForeignKey(
        CalendarVersion, verbose_name="日历版本", on_delete=models.CASCADE, related_name="days"
    )
    date = models.DateField("日期")
    kind = models.CharField("类型", max_length=16, choices=DayKind.choices)
    name = models.CharField("节日", max_length=32)

    class Meta:
        verbose_name = verbose_name_plural = "放假安排日期"
        ordering = ["version", "date"]
        constraints = [
            models.UniqueConstraint(fields=["version", "date"], name="calendarday_unique_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}{self.get_kind_display()}"


@pghistory.track()
class RuleOverride(models.Model):
    """The office's runtime change to a declared period rule (A7: Hunan numbers in configuration)."""

    rule_code = models.CharField("期限规则", max_length=100, unique=True)
    length = models.PositiveIntegerField("期限长度")
    unit = models.CharField("计算单位", max_length=16, choices=PeriodUnit.choices)
    max_extension_days = models.PositiveIntegerField(
        "最长延长天数", null=True, blank=True, help_text="留空则沿用规则原定值。"
    )
    max_extensions = models.PositiveIntegerField(
        "最多延长次数", null=True, blank=True, help_text="留空则沿用规则原定值。"
    )
    reason = models.CharField("调整依据", max_length=255)
    active = models.BooleanField("生效", default=True)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "期限规则调整"
        ordering = ["rule_code"]

    def __str__(self) -> str:
        rule = registered_rules().get(self.rule_code)
        return (
            f"{rule.name if rule else self.rule_code} → {self.length}{PeriodUnit(self.unit).label}"
        )

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        forget()  # the rest of this request or import reads the override afresh

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        forget()
        return result

    def clean(self):
        if self.rule_code not in registered_rules():
            raise ValidationError({"rule_code": f"未登记的期限规则：{self.rule_code}。"})
        if not self.length:
            raise ValidationError({"length": "期限长度须大于 0。"})


class ClockState(models.TextChoices):
    RUNNING = "running", "计时中"
    PAUSED = "paused", "已中止"
    DUE_SOON = "due_soon", "即将到期"
    OVERDUE = "overdue", "已逾期"
    MET = "met", "按期办结"
    MISSED = "missed", "逾期办结"


OPEN_STATES = (ClockState.RUNNING, ClockState.PAUSED, ClockState.DUE_SOON, ClockState.OVERDUE)


def _history_fk(to, *, null=False):
    """A foreign key copied into an event table without index or constraint."""
    return models.ForeignKey(
        to,
        null=null,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )


# A calendar import rewrites every open clock in one UPDATE: statement-level audit triggers,
# and no index on the event table beyond the object and the context.
@pghistory.track(
    level=pghistory.Statement,
    attrs={
        "unit": _history_fk("core.Unit"),
        "content_type": _history_fk(ContentType),
        "owner": _history_fk(settings.AUTH_USER_MODEL, null=True),
        "calendar_version": _history_fk("deadlines.CalendarVersion", null=True),
    },
)
class Clock(UnitOwned):
    """A statutory period running from a trigger event for one subject (a case, a document…)."""

    rule_code = models.CharField("期限规则", max_length=100)
    label = models.CharField("事项", max_length=200, blank=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name="对象类型",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # covered by clock_subject_idx
    )
    object_id = models.CharField("对象ID", max_length=64)
    subject = GenericForeignKey("content_type", "object_id")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    trigger_date = models.DateField("起算日")
    period_length = models.PositiveIntegerField("期限长度")
    period_unit = models.CharField("计算单位", max_length=16, choices=PeriodUnit.choices)
    extension_days = models.PositiveIntegerField("已延长", default=0)
    due_date = models.DateField("截止日期")
    provisional = models.BooleanField("临时期限", default=False)
    calendar_version = models.ForeignKey(
        CalendarVersion,
        verbose_name="计算所用日历版本",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # versions are never deleted; recomputes rewrite this column in bulk
    )
    explanation = models.TextField("期限说明")
    state = models.CharField(
        "状态", max_length=16, choices=ClockState.choices, default=ClockState.RUNNING
    )
    closed_on = models.DateField("办结日", null=True, blank=True)
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "法定期限"
        ordering = ["due_date", "pk"]
        # No index on the columns a recompute rewrites (due date, state, explanation…), and
        # a fillfactor of 70 (migration 0003), so the bulk UPDATE stays heap-only (HOT).
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="clock_subject_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.label or self.rule_code}（截止 {self.due_date:%Y-%m-%d}）"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    def _elapsed_until(self):
        return self.closed_on or timezone.localdate()

    @property
    def raw_elapsed_days(self) -> int:
        """Calendar days since the trigger day (T1: the trigger day itself is not counted)."""
        return max((self._elapsed_until() - self.trigger_date).days, 0)

    @property
    def net_elapsed_days(self) -> int:
        """Raw elapsed days less the days the clock stood paused (A5)."""
        until = self._elapsed_until()
        paused = 0
        for pause in self.pauses.all():
            end = min(pause.end or until, until)
            if end > pause.start:
                paused += (end - pause.start).days
        return max(self.raw_elapsed_days - paused, 0)


@pghistory.track()
class ClockPause(models.Model):
    """A stop of the clock (中止, 补正, 征求第三方意见…): days after `start` up to `end` don't count."""

    clock = models.ForeignKey(
        Clock, verbose_name="期限", on_delete=models.CASCADE, related_name="pauses"
    )
    start = models.DateField("中止日")
    end = models.DateField("恢复日", null=True, blank=True)
    reason = models.CharField("中止事由", max_length=100)

    class Meta:
        verbose_name = verbose_name_plural = "期限中止"
        ordering = ["clock", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")),
                name="clockpause_end_after_start",
                violation_error_message="恢复日不能早于中止日。",
            ),
        ]

    def __str__(self) -> str:
        end = f"{self.end:%Y-%m-%d}" if self.end else "未恢复"
        return f"{self.start:%Y-%m-%d}–{end} {self.reason}"


@pghistory.track()
class ClockExtension(models.Model):
    """An approved extension (延期) of a clock, within the rule's maximum."""

    clock = models.ForeignKey(
        Clock, verbose_name="期限", on_delete=models.CASCADE, related_name="extensions"
    )
    days = models.PositiveIntegerField("延长天数")
    approver = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="批准人", on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField("延长理由", max_length=255)
    approved_at = models.DateTimeField("批准时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "期限延长"
        ordering = ["clock", "approved_at"]

    def __str__(self) -> str:
        return f"延长{self.days}日（{self.reason}）"


class ReminderKind(models.TextChoices):
    DUE_SOON = "due_soon", "即将到期"
    DUE_TODAY = "due_today", "今日到期"
    OVERDUE = "overdue", "已逾期"
    MOVED = "moved", "期限变更"


class ReminderAudience(models.TextChoices):
    OWNER = "owner", "承办人"
    UNIT_HEAD = "unit_head", "单位负责人"


@pghistory.track(level=pghistory.Statement)
class Reminder(UnitOwned):
    """A to-do or warning about a clock, created once per clock, person, kind and due date."""

    clock = models.ForeignKey(
        Clock, verbose_name="期限", on_delete=models.CASCADE, related_name="reminders"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE, related_name="+"
    )
    audience = models.CharField("身份", max_length=16, choices=ReminderAudience.choices)
    kind = models.CharField("类型", max_length=16, choices=ReminderKind.choices)
    due_date = models.DateField("截止日期")
    previous_due_date = models.DateField("原截止日期", null=True, blank=True)
    message = models.CharField("内容", max_length=500)
    created_at = models.DateTimeField("生成时间", default=timezone.now)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "期限提醒"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["clock", "recipient", "kind", "due_date", "previous_due_date"],
                name="reminder_once",
                nulls_distinct=False,
            ),
        ]
        indexes = [models.Index(fields=["recipient", "read_at"], name="reminder_inbox_idx")]

    def __str__(self) -> str:
        return self.message
