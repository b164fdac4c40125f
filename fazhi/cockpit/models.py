"""申请修订: a unit asks the office to reopen its accepted (locked) statistical return.

An accepted return is locked (统计填报规程, docs/indicators.md): only the office that accepted it
may open a correction. The unit's head applies here with a reason; the office grants (which opens
the correction through `fazhi.indicators.services.return_correct`) or refuses with a note.
"""

import pghistory
from django.conf import settings
from django.db import models
from django.utils import timezone

from fazhi.core.models import UnitOwned


class RevisionState(models.TextChoices):
    PENDING = "pending", "待依法治区办处理"
    GRANTED = "granted", "已同意修订"
    REFUSED = "refused", "不同意修订"


@pghistory.track()
class RevisionRequest(UnitOwned):
    unit_return = models.ForeignKey(
        "indicators.UnitReturn",
        verbose_name="统计报表",
        on_delete=models.PROTECT,
        related_name="revision_requests",
    )
    reason = models.TextField("申请修订理由")
    state = models.CharField(
        "状态", max_length=16, choices=RevisionState.choices, default=RevisionState.PENDING
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField("申请时间", default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    decision_note = models.TextField("处理意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "统计报表修订申请"
        ordering = ["-requested_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit_return"],
                condition=models.Q(state="pending"),
                name="one_pending_revision_request_per_return",
                violation_error_message="该统计报表已有待处理的修订申请。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit}申请修订《{self.unit_return.request.title}》"
