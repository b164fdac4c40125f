"""The 示范创建 assessment: the national 市县法治政府建设示范指标体系 as a configurable tree
(一级、二级、三级指标 with scores) loaded from the office's file, and one division's yearly
assessment of it: per third-level indicator a self-score, the office's review, the gap, and
uploaded evidence; the platform's own evidence (indicators, compliance findings, registers) is
declared on the indicator and resolved when the page is shown (selectors.py)."""

import pghistory
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

from fazhi.core.models import UnitOwned


class EvidenceKind(models.TextChoices):
    INDICATOR = "indicator", "指标"
    CHECK = "check", "核查"
    REGISTER = "register", "台账"
    MATERIAL = "material", "材料"


@pghistory.track()
class Framework(UnitOwned):
    """One version of the 指标体系, as the office loaded it (the unit is the office's)."""

    name = models.CharField("指标体系名称", max_length=200)
    note = models.TextField("说明", blank=True)
    is_sample = models.BooleanField(
        "示例（未经核对）",
        default=False,
        help_text="随平台提供的示例指标体系，须由依法治区办按正式文件核对后使用。",
    )
    total_score = models.DecimalField("总分", max_digits=7, decimal_places=1)
    source_file = models.CharField("导入文件", max_length=200, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="导入人", on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField("导入时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "示范指标体系"
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.name}（示例）" if self.is_sample else self.name


@pghistory.track()
class Item(UnitOwned):
    """一级、二级 or 三级指标 (level 1, 2, 3); only third-level indicators are scored."""

    framework = models.ForeignKey(
        Framework, verbose_name="指标体系", on_delete=models.CASCADE, related_name="items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="上级指标",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    level = models.PositiveSmallIntegerField(
        "层级", choices=[(1, "一级"), (2, "二级"), (3, "三级")]
    )
    number = models.CharField("序号", max_length=20)
    name = models.CharField("指标", max_length=500)
    score = models.DecimalField(
        "分值", max_digits=7, decimal_places=1, validators=[MinValueValidator(0)]
    )
    guidance = models.TextField("评分标准", blank=True)
    evidence = models.JSONField("平台佐证", default=list, blank=True)
    order = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "示范指标"
        ordering = ["framework", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "level", "number"],
                name="assessment_item_number_unique",
                violation_error_message="同一指标体系中同一层级的序号不能重复。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.name}"


@pghistory.track()
class Assessment(UnitOwned):
    """A division's self-assessment of one year against one framework (the office's unit)."""

    framework = models.ForeignKey(
        Framework, verbose_name="指标体系", on_delete=models.PROTECT, related_name="assessments"
    )
    year = models.PositiveIntegerField("评估年度")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "示范创建评估"
        ordering = ["-year", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "framework", "year"],
                name="assessment_one_per_year",
                violation_error_message="该年度已按此指标体系建立评估。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年度示范创建评估（{self.framework.name}）"


@pghistory.track()
class Score(UnitOwned):
    """One third-level indicator of an assessment: self-score, the office's review, the gap."""

    assessment = models.ForeignKey(
        Assessment, verbose_name="评估", on_delete=models.CASCADE, related_name="scores"
    )
    item = models.ForeignKey(Item, verbose_name="指标", on_delete=models.PROTECT, related_name="+")
    self_score = models.DecimalField(
        "自评得分", max_digits=7, decimal_places=1, null=True, blank=True
    )
    self_note = models.TextField("自评说明", blank=True)
    self_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="自评人",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    review_score = models.DecimalField(
        "复核得分", max_digits=7, decimal_places=1, null=True, blank=True
    )
    review_note = models.TextField("复核意见", blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="复核人",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    gap = models.TextField("差距与整改", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "示范指标得分"
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="assessment_score_unique")
        ]

    def __str__(self) -> str:
        return f"{self.assessment.year}年 {self.item}"

    @property
    def final_score(self):
        """The office's review when given, else the self-score."""
        return self.review_score if self.review_score is not None else self.self_score


def evidence_path(instance, filename: str) -> str:
    return f"assessment/{instance.assessment_id}/{instance.item_id}/{filename}"


@pghistory.track()
class EvidenceFile(UnitOwned):
    """佐证材料 uploaded for one third-level indicator."""

    assessment = models.ForeignKey(
        Assessment, verbose_name="评估", on_delete=models.CASCADE, related_name="files"
    )
    item = models.ForeignKey(Item, verbose_name="指标", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("材料名称", max_length=200)
    file = models.FileField("文件", upload_to=evidence_path)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "示范创建佐证材料"
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.name
