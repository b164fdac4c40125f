"""普法 (rule-of-law publicity): the 普法责任制 lists (谁执法谁普法), activities with materials,
consultations and livestreams, 法治文化阵地, 民主法治示范村 and 法律明白人 per village."""

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from fazhi.core.models import UnitKind, UnitOwned

VILLAGE_KINDS = (UnitKind.VILLAGE, UnitKind.COMMUNITY)


class DutyState(models.TextChoices):
    PLANNED = "planned", "未完成"
    DONE = "done", "已完成"


@pghistory.track()
class PublicityDuty(UnitOwned):
    """One yearly duty of `unit` in the 普法责任清单 (谁执法谁普法), and its completion."""

    year = models.PositiveIntegerField("年度")
    title = models.CharField("普法责任事项", max_length=255)
    laws = models.CharField("重点宣传的法律法规", max_length=255, blank=True)
    audience = models.CharField("普法对象", max_length=128, blank=True)
    planned_events = models.PositiveIntegerField("计划开展活动（次）", default=1)
    state = models.CharField(
        "完成情况", max_length=16, choices=DutyState.choices, default=DutyState.PLANNED
    )
    completed_on = models.DateField("完成日期", null=True, blank=True)
    completion_note = models.TextField("完成情况说明", blank=True)
    version = models.PositiveIntegerField("版本", default=1, editable=False)
    updated_at = models.DateTimeField("更新时间", null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后办理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "普法责任清单"
        ordering = ["-year", "unit", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "title"],
                name="publicity_duty_unique_title",
                violation_error_message="本单位当年已有该普法责任事项。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.title}"


class EventKind(models.TextChoices):
    NINE_INTO = "nine_into", "法律九进"
    CONSTITUTION_WEEK = "constitution_week", "宪法宣传周"
    CIVIL_CODE_MONTH = "civil_code_month", "民法典宣传月"
    LAW_TO_COUNTRYSIDE = "law_to_countryside", "送法下乡"
    NATIONAL_SECURITY_DAY = "national_security_day", "国家安全教育日"
    RURAL_MONTH = "rural_month", "农村法治宣传教育月"
    YOUTH_MONTH = "youth_month", "青少年法治宣传教育月"
    OTHER = "other", "其他法治宣传活动"


@pghistory.track()
class PublicityEvent(UnitOwned):
    """A publicity activity of `unit` (the organiser): materials handed out, consultations."""

    kind = models.CharField("活动类型", max_length=24, choices=EventKind.choices)
    title = models.CharField("活动名称", max_length=255)
    held_on = models.DateField("活动日期")
    place = models.CharField("活动地点", max_length=128)
    organiser = models.CharField("主办/承办", max_length=128, blank=True)
    audience = models.CharField("宣传对象", max_length=128, blank=True)
    participants = models.PositiveIntegerField("参与群众（人次）", default=0)
    materials = models.PositiveIntegerField("派发资料（份）", default=0)
    consultations = models.PositiveIntegerField("解答法律咨询（次）", default=0)
    duty = models.ForeignKey(
        PublicityDuty,
        verbose_name="落实的普法责任事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )

    class Meta:
        verbose_name = verbose_name_plural = "普法活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["unit", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}"


@pghistory.track()
class Livestream(UnitOwned):
    """A livestream (直播普法); views and likes are entered from the platform's statistics."""

    title = models.CharField("直播主题", max_length=255)
    platform = models.CharField("直播平台", max_length=64)
    held_on = models.DateField("直播日期")
    views = models.PositiveIntegerField("观看（人次）", default=0)
    likes = models.PositiveIntegerField("获赞（个）", default=0)
    stats_on = models.DateField("统计截至日期")
    event = models.ForeignKey(
        PublicityEvent,
        verbose_name="所属普法活动",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="livestreams",
    )

    class Meta:
        verbose_name = verbose_name_plural = "直播普法"
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.title}（{self.platform}）"

    def clean(self):
        if self.held_on and self.stats_on and self.stats_on < self.held_on:
            raise ValidationError({"stats_on": "统计截至日期不能早于直播日期。"})


class SiteKind(models.TextChoices):
    SQUARE = "square", "法治文化广场"
    PARK = "park", "法治文化公园"
    BELT = "belt", "法治宣传示范带"
    CORRIDOR = "corridor", "法治文化长廊"
    OTHER = "other", "其他法治文化阵地"


@pghistory.track()
class CultureSite(UnitOwned):
    """A 法治文化阵地 kept by `unit`: its sections, themes and sculptures."""

    name = models.CharField("阵地名称", max_length=128)
    kind = models.CharField("类型", max_length=16, choices=SiteKind.choices)
    location = models.CharField("位置", max_length=128)
    sections = models.TextField("版块（每行一个）", blank=True)
    themes = models.PositiveIntegerField("宣传主题（个）", default=0)
    sculptures = models.PositiveIntegerField("人物雕塑（个）", default=0)
    small_sculptures = models.PositiveIntegerField("小雕塑（个）", default=0)
    opened_on = models.DateField("建成日期")
    updated_on = models.DateField("最近更新日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "法治文化阵地"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def section_names(self) -> list[str]:
        return [line.strip() for line in self.sections.splitlines() if line.strip()]


class VillageLevel(models.TextChoices):
    NATIONAL = "national", "全国民主法治示范村（社区）"
    PROVINCIAL = "provincial", "省级民主法治示范村（社区）"
    CITY = "city", "市级民主法治示范村（社区）"


@pghistory.track()
class DemonstrationVillage(UnitOwned):
    """A 民主法治示范村（社区）title held by the village or community `unit`."""

    level = models.CharField("级别", max_length=16, choices=VillageLevel.choices)
    awarded_year = models.PositiveIntegerField("命名年度")
    awarded_by = models.CharField("命名机关", max_length=128, blank=True)
    revoked_on = models.DateField("撤销日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "民主法治示范村（社区）"
        ordering = ["-awarded_year", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "level"],
                condition=Q(revoked_on__isnull=True),
                name="demonstration_village_one_title_per_level",
                violation_error_message="该村（社区）已有该级别的示范称号。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit}（{self.get_level_display()}，{self.awarded_year}年）"


@pghistory.track()
class LegalLiterate(UnitOwned):
    """A 法律明白人 of the village or community `unit`."""

    name = models.CharField("姓名", max_length=32)
    occupation = models.CharField("身份", max_length=64, blank=True)
    trained_on = models.DateField("培训日期", null=True, blank=True)
    active = models.BooleanField("在册", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "法律明白人"
        ordering = ["unit", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.unit}）"
