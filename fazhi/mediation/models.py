"""People's mediation (人民调解, docs/rules.md §12 M1–M7): committees, mediators, disputes with
their parties' consent, sessions, outcomes, written agreements, judicial confirmation and
follow-up. Parties' identity numbers, phones and addresses are encrypted (security.md D2)."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fazhi.core.crypto import BlindIndexField, EncryptedTextField
from fazhi.core.models import UnitOwned


class CommitteeKind(models.TextChoices):
    VILLAGE = "village", "村（居）民委员会人民调解委员会"
    TOWN = "town", "乡镇（街道）人民调解委员会"
    INDUSTRY = "industry", "行业性专业性人民调解委员会"
    ENTERPRISE = "enterprise", "企事业单位人民调解委员会"


class DisputeType(models.TextChoices):
    """The dispute types of the justice system's mediation statistics."""

    FAMILY = "family", "婚姻家庭纠纷"
    NEIGHBOUR = "neighbour", "邻里纠纷"
    HOUSING = "housing", "房屋宅基地纠纷"
    CONTRACT = "contract", "合同纠纷"
    DAMAGE = "damage", "损害赔偿纠纷"
    LABOUR = "labour", "劳动争议纠纷"
    MEDICAL = "medical", "医疗纠纷"
    TRAFFIC = "traffic", "道路交通事故纠纷"
    PROPERTY_MGMT = "property_mgmt", "物业纠纷"
    LAND = "land", "山林土地纠纷"
    DEMOLITION = "demolition", "征地拆迁纠纷"
    OTHER = "other", "其他纠纷"


class Source(models.TextChoices):
    """How the dispute reached the committee (调解法 第十七条, 第十八条)."""

    APPLICATION = "application", "当事人申请"
    INITIATIVE = "initiative", "调解委员会主动调解"
    COURT = "court", "人民法院委托移送"
    POLICE = "police", "公安机关移送"
    PETITION = "petition", "信访部门移送"
    OTHER_BODY = "other_body", "其他部门移送"


class Qualification(models.TextChoices):
    FULL_TIME = "full_time", "专职人民调解员"
    PART_TIME = "part_time", "兼职人民调解员"


class Difficulty(models.TextChoices):
    SIMPLE = "simple", "简易纠纷"
    ORDINARY = "ordinary", "一般纠纷"
    COMPLEX = "complex", "疑难复杂纠纷"


class Gender(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


@pghistory.track()
class Committee(UnitOwned):
    """A people's mediation committee; `unit` is the body that keeps its records."""

    name = models.CharField("委员会名称", max_length=64)
    kind = models.CharField("类别", max_length=16, choices=CommitteeKind.choices)
    field = models.CharField("专业领域", max_length=16, choices=DisputeType.choices, blank=True)
    established_on = models.DateField("设立日期", null=True, blank=True)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "人民调解委员会"
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"],
                name="mediation_committee_unique_name",
                violation_error_message="该单位已有同名调解委员会。",
            )
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class Mediator(UnitOwned):
    """A people's mediator (调解法 第十三条、第十四条): qualification and training."""

    committee = models.ForeignKey(
        Committee, verbose_name="所属调解委员会", on_delete=models.PROTECT, related_name="mediators"
    )
    name = models.CharField("姓名", max_length=32)
    gender = models.CharField("性别", max_length=8, choices=Gender.choices)
    phone = EncryptedTextField("联系电话", blank=True, purpose="mediation.mediator.phone")
    qualification = models.CharField("类别", max_length=16, choices=Qualification.choices)
    certificate_number = models.CharField("调解员证号", max_length=32, blank=True)
    trained_hours = models.PositiveIntegerField("年度业务培训（学时）", default=0)
    last_trained_on = models.DateField("最近一次培训日期", null=True, blank=True)
    active = models.BooleanField("在册", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "人民调解员"
        ordering = ["committee", "name"]

    def __str__(self) -> str:
        return f"{self.name}（{self.committee.name}）"


@pghistory.track()
class SubsidyRate(UnitOwned):
    """以案定补: the subsidy per successfully mediated dispute by difficulty (editable table)."""

    difficulty = models.CharField("纠纷难易程度", max_length=16, choices=Difficulty.choices)
    amount = models.DecimalField("每件补贴（元）", max_digits=10, decimal_places=2)
    effective_from = models.DateField("执行起始日")

    class Meta:
        verbose_name = verbose_name_plural = "以案定补标准"
        ordering = ["difficulty", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "difficulty", "effective_from"],
                name="mediation_rate_unique",
                violation_error_message="同一难易程度和起始日的补贴标准已存在。",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="mediation_rate_not_negative",
                violation_error_message="补贴金额不能为负数。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_difficulty_display()} {self.amount}元"


class DisputeState(models.TextChoices):
    REGISTERED = "registered", "已登记（征求当事人意见）"
    MEDIATING = "mediating", "调解中"
    AGREED = "agreed", "调解成功"
    FAILED = "failed", "调解不成"
    DECLINED = "declined", "当事人拒绝调解"
    WITHDRAWN = "withdrawn", "撤回/终止调解"


class AgreementKind(models.TextChoices):
    WRITTEN = "written", "书面调解协议"
    ORAL = "oral", "口头调解协议"


class Performance(models.TextChoices):
    PENDING = "pending", "待履行"
    PERFORMED = "performed", "已履行"
    PARTIAL = "partial", "部分履行"
    NOT_PERFORMED = "not_performed", "未履行"


@pghistory.track()
class Dispute(UnitOwned):
    """One dispute before a committee, from registration to follow-up."""

    committee = models.ForeignKey(
        Committee, verbose_name="调解委员会", on_delete=models.PROTECT, related_name="disputes"
    )
    number = models.CharField("编号", max_length=48)
    year = models.PositiveSmallIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    dispute_type = models.CharField("纠纷类型", max_length=16, choices=DisputeType.choices)
    source = models.CharField("纠纷来源", max_length=16, choices=Source.choices)
    amount = models.DecimalField("涉及金额（万元）", max_digits=14, decimal_places=4, default=0)
    summary = models.TextField("纠纷简要情况")
    received_on = models.DateField("受理日期")
    mediator = models.ForeignKey(
        Mediator,
        verbose_name="主持调解员",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disputes",
    )
    difficulty = models.CharField(
        "难易程度", max_length=16, choices=Difficulty.choices, default=Difficulty.ORDINARY
    )
    state = models.CharField(
        "状态", max_length=16, choices=DisputeState.choices, default=DisputeState.REGISTERED
    )
    started_on = models.DateField("开始调解日期", null=True, blank=True)
    concluded_on = models.DateField("调解终结日期", null=True, blank=True)
    routes_notice = models.TextField(
        "告知其他解决途径",
        blank=True,
        help_text="调解不成的，告知当事人依法通过仲裁、行政、司法等途径维护权利（《人民调解法》第二十六条）。",
    )
    agreement_kind = models.CharField(
        "协议形式", max_length=16, choices=AgreementKind.choices, blank=True
    )
    facts_and_responsibility = models.TextField("纠纷的主要事实、争议事项以及各方责任", blank=True)
    agreed_terms = models.TextField("达成协议的内容", blank=True)
    performance_method = models.CharField("履行方式", max_length=200, blank=True)
    performance_due_on = models.DateField("履行期限", null=True, blank=True)
    agreed_amount = models.DecimalField(
        "协议金额（万元）", max_digits=14, decimal_places=4, null=True, blank=True
    )
    parties_signed_on = models.DateField("当事人签名、盖章或按指印日期", null=True, blank=True)
    mediator_signed_on = models.DateField("调解员签名日期", null=True, blank=True)
    committee_sealed_on = models.DateField("调解委员会盖章日期", null=True, blank=True)
    effective_on = models.DateField("协议生效日期", null=True, blank=True)
    confirmation_applied_on = models.DateField("申请司法确认日期", null=True, blank=True)
    confirmation_court = models.CharField("受理司法确认的法院", max_length=64, blank=True)
    performance = models.CharField(
        "履行情况", max_length=16, choices=Performance.choices, blank=True
    )
    subsidy = models.DecimalField(
        "以案定补（元）", max_digits=10, decimal_places=2, null=True, blank=True
    )

    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField("修改时间", default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后修改人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = verbose_name_plural = "矛盾纠纷调解"
        ordering = ["-received_on", "-serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "year", "serial"],
                name="mediation_dispute_unique_serial",
                violation_error_message="该调解委员会本年度编号已被使用。",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="mediation_amount_not_negative",
                violation_error_message="涉及金额不能为负数。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}（{self.get_dispute_type_display()}）"


class PartyRole(models.TextChoices):
    APPLICANT = "applicant", "申请人"
    RESPONDENT = "respondent", "被申请人"
    OTHER = "other", "其他当事人"


class Consent(models.TextChoices):
    PENDING = "pending", "尚未表态"
    CONSENTED = "consented", "同意调解"
    REFUSED = "refused", "明确拒绝调解"


@pghistory.track()
class Party(models.Model):
    """A party of a dispute, with their consent to mediation (M1, 调解法 第十七条)."""

    dispute = models.ForeignKey(
        Dispute, verbose_name="纠纷", on_delete=models.CASCADE, related_name="parties"
    )
    role = models.CharField("身份", max_length=16, choices=PartyRole.choices)
    name = models.CharField("姓名/名称", max_length=64)
    id_number = EncryptedTextField("证件号码", blank=True, purpose="mediation.party.id_number")
    id_index = BlindIndexField(source="id_number", purpose="resident_id")
    phone = EncryptedTextField("联系电话", blank=True, purpose="mediation.party.phone")
    address = EncryptedTextField("住所地", blank=True, purpose="mediation.party.address")
    consent = models.CharField(
        "是否同意调解", max_length=16, choices=Consent.choices, default=Consent.PENDING
    )
    consent_on = models.DateField("表态日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "纠纷当事人"
        ordering = ["dispute", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}：{self.name}"


@pghistory.track()
class Session(models.Model):
    """One mediation session and its record (M3, 调解法 第二十七条)."""

    dispute = models.ForeignKey(
        Dispute, verbose_name="纠纷", on_delete=models.CASCADE, related_name="sessions"
    )
    held_on = models.DateField("调解日期")
    mediator = models.ForeignKey(
        Mediator, verbose_name="调解员", null=True, blank=True, on_delete=models.PROTECT
    )
    record = models.TextField("调解记录")

    class Meta:
        verbose_name = verbose_name_plural = "调解记录"
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.held_on} 调解"


@pghistory.track()
class FollowUp(models.Model):
    """A follow-up visit on the performance of an agreement (M6, 调解法 第三十一条第二款)."""

    dispute = models.ForeignKey(
        Dispute, verbose_name="纠纷", on_delete=models.CASCADE, related_name="follow_ups"
    )
    visited_on = models.DateField("回访日期")
    performance = models.CharField("履行情况", max_length=16, choices=Performance.choices)
    note = models.CharField("回访情况", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "回访记录"
        ordering = ["visited_on", "pk"]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.get_performance_display()}"


class DisputeTimeline(models.Model):
    dispute = models.ForeignKey(
        Dispute, verbose_name="纠纷", on_delete=models.CASCADE, related_name="timeline"
    )
    occurred_at = models.DateTimeField("记录时间", default=timezone.now)
    on = models.DateField("发生日期", null=True, blank=True)
    kind = models.CharField("事件", max_length=32)
    text = models.TextField("内容")
    citation = models.CharField("依据", max_length=100, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "调解过程记录"
        ordering = ["on", "occurred_at", "pk"]

    def __str__(self) -> str:
        return self.text
