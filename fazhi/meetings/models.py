"""Meetings of the district government and of departments, their agenda items (the one notion of
collective discussion, 决策条例第三十条, D12) and their minutes (会议纪要)."""

import pghistory
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import ExtractYear

from fazhi.advisors.access import ChainQuerySet
from fazhi.core.models import Unit, UnitOwned


class MeetingKind(models.TextChoices):
    EXECUTIVE = "executive", "政府常务会议"
    PLENARY = "plenary", "政府全体会议"
    DEPARTMENT = "department", "部门办公会议"
    SPECIAL = "special", "专题会议"


COLLECTIVE_KINDS = (MeetingKind.EXECUTIVE, MeetingKind.PLENARY, MeetingKind.DEPARTMENT)


@pghistory.track()
class Meeting(UnitOwned):
    """A meeting convened by `unit`: 常务会议/全体会议 of the government, or a department's."""

    kind = models.CharField("会议类型", max_length=16, choices=MeetingKind.choices)
    number = models.PositiveIntegerField("届次（第几次）", null=True, blank=True)
    held_on = models.DateField("会议日期")
    title = models.CharField("会议名称", max_length=128, blank=True)
    chair = models.CharField("主持人", max_length=64, blank=True)
    attendees = models.TextField("出席人员", blank=True)
    location = models.CharField("会议地点", max_length=128, blank=True)
    advisors_present = models.ManyToManyField(
        "advisors.LegalAdvisor", verbose_name="列席法律顾问", blank=True, related_name="meetings"
    )

    class Meta:
        verbose_name = verbose_name_plural = "会议"
        ordering = ["-held_on", "-number"]
        constraints = [
            models.UniqueConstraint(
                "unit",
                "kind",
                ExtractYear("held_on"),
                "number",
                name="meeting_unique_number_in_year",
                violation_error_message="本单位当年已有该届次的同类会议。",
            )
        ]
        indexes = [models.Index(fields=["kind", "held_on"])]

    def __str__(self) -> str:
        return self.title or self.default_title()

    def default_title(self) -> str:
        number = f"第{self.number}次" if self.number else ""
        return f"{self.held_on:%Y}年{number}{self.get_kind_display()}"


class AgendaItemKind(models.TextChoices):
    FIRST_AGENDA_STUDY = "first_agenda_study", "第一议题学习"
    MAJOR_DECISION = "major_decision", "重大行政决策"
    NORMATIVE_DOCUMENT = "normative_document", "行政规范性文件"
    CONTRACT = "contract", "政府合同"
    MAJOR_PROJECT = "major_project", "重点项目"
    OTHER = "other", "其他重大事项"


class AgendaOutcome(models.TextChoices):
    APPROVED = "approved", "审议通过"
    APPROVED_IN_PRINCIPLE = "approved_in_principle", "原则通过"
    DEFERRED = "deferred", "暂缓审议"
    REJECTED = "rejected", "不予通过"
    STUDIED = "studied", "已学习"
    NOTED = "noted", "听取汇报"


ADOPTED_OUTCOMES = (AgendaOutcome.APPROVED, AgendaOutcome.APPROVED_IN_PRINCIPLE)


class AgendaItemQuerySet(ChainQuerySet):
    """Visible to the convening unit and to the unit that presented the item."""

    also_visible_to = ("presenting_unit",)

    def discussed(self):
        """Items actually discussed (study items are not discussions of a matter)."""
        return self.exclude(kind=AgendaItemKind.FIRST_AGENDA_STUDY)

    def adopted(self):
        return self.filter(outcome__in=ADOPTED_OUTCOMES)

    def for_subject(self, subject):
        return self.filter(
            subject_ct=ContentType.objects.get_for_model(type(subject)), subject_id=subject.pk
        )


@pghistory.track()
class AgendaItem(UnitOwned):
    """One matter on a meeting's agenda; `unit` is the convening unit (the meeting's)."""

    meeting = models.ForeignKey(
        Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField("议题序号")
    kind = models.CharField("议题类型", max_length=24, choices=AgendaItemKind.choices)
    title = models.CharField("议题", max_length=255)
    presenting_unit = models.ForeignKey(
        Unit,
        verbose_name="汇报单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_ct = models.ForeignKey(
        ContentType,
        verbose_name="关联对象类型",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject_id = models.PositiveBigIntegerField("关联对象ID", null=True, blank=True)
    subject = GenericForeignKey("subject_ct", "subject_id")
    outcome = models.CharField("审议结果", max_length=24, choices=AgendaOutcome.choices)
    dissent = models.TextField("不同意见", blank=True)
    head_decision = models.TextField("行政首长决定", blank=True)
    departs_from_majority_reason = models.TextField("与多数意见不一致的理由", blank=True)
    review_period_warning = models.CharField("审查期限提示", max_length=255, blank=True)

    objects = AgendaItemQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "会议议题"
        ordering = ["meeting", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "order"],
                name="agenda_item_unique_order",
                violation_error_message="该会议已有相同序号的议题。",
            )
        ]
        indexes = [models.Index(fields=["subject_ct", "subject_id"])]

    def __str__(self) -> str:
        return f"{self.meeting}·议题{self.order}：{self.title}"


class MinutesQuerySet(ChainQuerySet):
    pass


@pghistory.track()
class Minutes(UnitOwned):
    """会议纪要: issued by `unit`; it can be sent for legality review before issue."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name="会议",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="minutes",
    )
    meeting_name = models.CharField("会议名称", max_length=128, blank=True)
    number = models.CharField("纪要编号", max_length=64)
    title = models.CharField("纪要标题", max_length=255)
    issued_on = models.DateField("印发日期", null=True, blank=True)
    body = models.TextField("纪要正文", blank=True)

    objects = MinutesQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "会议纪要"
        ordering = ["-issued_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "number"],
                name="minutes_unique_number",
                violation_error_message="本单位已有该编号的会议纪要。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def clean(self):
        if self.meeting_id and self.issued_on and self.issued_on < self.meeting.held_on:
            raise ValidationError({"issued_on": "纪要印发日期不能早于会议日期。"})
