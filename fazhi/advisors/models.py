"""Government legal advisors (政府法律顾问, docs/rules.md §6 G1-G2): advisors, their contracts
with client units, and their service log."""

import pghistory
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from fazhi.advisors.access import ChainQuerySet
from fazhi.core.models import UnitKind, UnitOwned

VILLAGE_KINDS = (UnitKind.VILLAGE, UnitKind.COMMUNITY)


class AdvisorKind(models.TextChoices):
    LAWYER = "lawyer", "社会律师"
    PUBLIC_SECTOR_LAWYER = "public_sector_lawyer", "公职律师"
    EXPERT = "expert", "专家学者"
    LEGAL_STAFF = "legal_staff", "法制工作人员"


class LegalAdvisorQuerySet(ChainQuerySet):
    def assigned_to_advisor(self, user):
        return self.filter(user=user)


@pghistory.track()
class LegalAdvisor(UnitOwned):
    """An advisor in the register kept by `unit` (usually the justice bureau)."""

    name = models.CharField("姓名", max_length=32)
    kind = models.CharField("类别", max_length=24, choices=AdvisorKind.choices)
    organisation = models.CharField("执业机构/工作单位", max_length=128, blank=True)
    licence_number = models.CharField("执业证号/工作证号", max_length=32, blank=True)
    phone = models.CharField("联系电话", max_length=32, blank=True)
    specialties = models.CharField("擅长领域", max_length=255, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="平台账号",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="legal_advisor",
        help_text="角色为“法律顾问”的账号；该账号只能看到分派给本人的事项。",
    )
    active = models.BooleanField("在册", default=True)

    objects = LegalAdvisorQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "法律顾问"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["licence_number"],
                condition=~Q(licence_number=""),
                name="advisor_unique_licence_number",
                violation_error_message="该执业证号已登记。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_kind_display()}）"


class AdvisorContractQuerySet(ChainQuerySet):
    def assigned_to_advisor(self, user):
        return self.filter(advisor__user=user)

    def overlapping(self, start, end):
        """Contracts in force on at least one day of [start, end]."""
        return self.filter(start_date__lte=end, end_date__gte=start).exclude(
            terminated_on__lt=start
        )

    def in_force_on(self, day):
        return self.overlapping(day, day).exclude(terminated_on__lte=day)


@pghistory.track()
class AdvisorContract(UnitOwned):
    """A contract between a client unit (`unit`) and an advisor: term, fee, scope (G2)."""

    advisor = models.ForeignKey(
        LegalAdvisor, verbose_name="法律顾问", on_delete=models.PROTECT, related_name="contracts"
    )
    contract_number = models.CharField("合同编号", max_length=64)
    signed_on = models.DateField("签订日期")
    start_date = models.DateField("服务起始日")
    end_date = models.DateField("服务截止日")
    fee = models.DecimalField("服务费用（元）", max_digits=12, decimal_places=2, default=0)
    scope = models.TextField("服务范围")
    renewal = models.BooleanField("续签", default=False)
    terminated_on = models.DateField("解除日期", null=True, blank=True)

    objects = AdvisorContractQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "法律顾问合同"
        ordering = ["-start_date", "contract_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract_number"],
                name="advisor_contract_unique_number",
                violation_error_message="合同编号已存在。",
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="advisor_contract_end_after_start",
                violation_error_message="服务截止日不能早于服务起始日。",
            ),
            models.CheckConstraint(
                condition=Q(fee__gte=0),
                name="advisor_contract_fee_not_negative",
                violation_error_message="服务费用不能为负数。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract_number}（{self.advisor.name}）"

    def clean(self):
        if self.signed_on and self.end_date and self.signed_on > self.end_date:
            raise ValidationError({"signed_on": "签订日期不能晚于服务截止日。"})
        if self.terminated_on and self.start_date and self.terminated_on < self.start_date:
            raise ValidationError({"terminated_on": "解除日期不能早于服务起始日。"})

    @property
    def is_village_contract(self) -> bool:
        return self.unit.kind in VILLAGE_KINDS


class ServiceKind(models.TextChoices):
    OPINION = "opinion", "出具法律意见"
    MEETING = "meeting", "列席会议"
    REVIEW = "review", "参与合法性审查"
    CONSULTATION = "consultation", "法律咨询"
    CONTRACT = "contract", "合同审查"
    PETITION = "petition", "参与信访接待"
    SUPERVISION = "supervision", "参与执法监督"
    PUBLICITY = "publicity", "普法宣传"
    OTHER = "other", "其他"


class ServiceLogQuerySet(ChainQuerySet):
    def assigned_to_advisor(self, user):
        return self.filter(advisor__user=user)


@pghistory.track()
class ServiceLog(UnitOwned):
    """One service an advisor gave to the client unit `unit`."""

    advisor = models.ForeignKey(
        LegalAdvisor, verbose_name="法律顾问", on_delete=models.PROTECT, related_name="services"
    )
    contract = models.ForeignKey(
        AdvisorContract,
        verbose_name="依据合同",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
    )
    served_on = models.DateField("服务日期")
    kind = models.CharField("服务类型", max_length=16, choices=ServiceKind.choices)
    summary = models.TextField("服务内容")
    matter_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    matter_id = models.PositiveBigIntegerField(null=True, blank=True)
    matter = GenericForeignKey("matter_type", "matter_id")

    objects = ServiceLogQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "法律顾问服务记录"
        ordering = ["-served_on", "-id"]
        indexes = [models.Index(fields=["matter_type", "matter_id"])]

    def __str__(self) -> str:
        return f"{self.served_on} {self.advisor.name} {self.get_kind_display()}"
