from django.db import models

from fazhi.core.models import UnitOwned


class PermitState(models.TextChoices):
    RECEIVED = "received", "已收件"
    APPROVED = "approved", "已批准"


class Permit(UnitOwned):
    number = models.CharField("编号", max_length=32)
    received_on = models.DateField("收件日期")
    approved_on = models.DateField("批准日期", null=True, blank=True)
    state = models.CharField(
        "状态", max_length=16, choices=PermitState.choices, default=PermitState.RECEIVED
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        app_label = "recipe_app"
        verbose_name = verbose_name_plural = "示例许可"

    def __str__(self) -> str:
        return self.number


class PermitEvent(models.Model):
    permit = models.ForeignKey(Permit, on_delete=models.CASCADE, related_name="events")
    verb = models.CharField(max_length=32)
    text = models.CharField(max_length=200)
    on = models.DateField(null=True)
    citation = models.CharField(max_length=200, blank=True)

    class Meta:
        app_label = "recipe_app"

    def __str__(self) -> str:
        return self.text
