"""Legal aid (法律援助, docs/rules.md §11 A1–A9): applications and criminal notifications, the
decision and the assignment, handling and closing, quality checks, subsidies, consultations,
and the office's own 文书 templates.

The applicant's identity number, phone and address are encrypted (security.md D2); the
identity number has a blind index for exact search.
"""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fazhi.core.crypto import BlindIndexField, EncryptedTextField
from fazhi.core.models import UnitOwned


class Origin(models.TextChoices):
    APPLICATION = "application", "当事人申请"
    NOTIFICATION = "notification", "办案机关通知"


class Channel(models.TextChoices):
    VISIT = "visit", "来访申请"
    PHONE = "phone", "电话申请"
    ONLINE = "online", "网上申请"
    DETENTION = "detention", "看守所等羁押场所转交"
    NOTIFICATION = "notification", "办案机关通知"


class NotifyingOrgan(models.TextChoices):
    POLICE = "police", "公安机关"
    PROCURATORATE = "procuratorate", "人民检察院"
    COURT = "court", "人民法院"


class Category(models.TextChoices):
    """The official breakdown of legal aid cases (seed 一(五): 刑事、法律帮助、民事)."""

    CRIMINAL = "criminal", "刑事"
    CIVIL = "civil", "民事"
    ADMINISTRATIVE = "administrative", "行政"
    LEGAL_HELP = "legal_help", "法律帮助"


class CriminalStage(models.TextChoices):
    INVESTIGATION = "investigation", "侦查阶段"
    PROSECUTION = "prosecution", "审查起诉阶段"
    TRIAL = "trial", "审判阶段"
    EXECUTION = "execution", "刑罚执行阶段"


class Matter(models.TextChoices):
    """Civil and administrative matters of 法援法 第三十一条 (A1), and the criminal ones."""

    STATE_COMPENSATION = "state_compensation", "请求国家赔偿"
    SOCIAL_INSURANCE = "social_insurance", "请求给予社会保险待遇或者社会救助"
    PENSION = "pension", "请求发给抚恤金"
    MAINTENANCE = "maintenance", "请求给付赡养费、抚养费、扶养费"
    LABOUR = "labour", "请求确认劳动关系或者支付劳动报酬"
    WORK_INJURY = "work_injury", "请求工伤事故人身损害赔偿"
    TRAFFIC = "traffic", "请求交通事故人身损害赔偿"
    MEDICAL = "medical", "请求医疗事故人身损害赔偿"
    ECOLOGY = "ecology", "请求环境污染、生态破坏损害赔偿"
    CONSUMER = "consumer", "请求食品药品、产品质量损害赔偿"
    DOMESTIC_VIOLENCE = "domestic_violence", "遭受虐待、遗弃或者家庭暴力主张权利"
    HERO = "hero", "英雄烈士近亲属维护英雄烈士人格权益"
    GOOD_SAMARITAN = "good_samaritan", "因见义勇为行为主张相关民事权益"
    WRONGFUL_CONVICTION = "wrongful_conviction", "再审改判无罪请求国家赔偿"
    CRIMINAL_DEFENCE = "criminal_defence", "刑事辩护"
    CRIMINAL_VICTIM = "criminal_victim", "刑事被害人代理"
    OTHER = "other", "其他"


# 法援法 第三十二条: matters whose applicant is not subject to the means test (A1).
MEANS_TEST_FREE_MATTERS = (
    Matter.HERO,
    Matter.GOOD_SAMARITAN,
    Matter.WRONGFUL_CONVICTION,
    Matter.DOMESTIC_VIOLENCE,
)


class MeansTest(models.TextChoices):
    PENDING = "pending", "尚未核查"
    PASSED = "passed", "经核查符合经济困难标准"
    EXEMPT = "exempt", "免予核查经济困难状况"
    NOT_REQUIRED = "not_required", "不受经济困难条件限制"
    FAILED = "failed", "不符合经济困难标准"


class ExemptionReason(models.TextChoices):
    """法援法 第四十二条 (A2)."""

    MINOR = "minor", "无固定生活来源的未成年人"
    ELDERLY = "elderly", "无固定生活来源的老年人"
    DISABLED = "disabled", "无固定生活来源的残疾人"
    SOCIAL_ASSISTANCE = "social_assistance", "社会救助、司法救助或者优抚对象"
    MIGRANT_WORKER = "migrant_worker", "申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员"
    OTHER = "other", "法律、法规、规章规定的其他人员"


class Gender(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class CaseState(models.TextChoices):
    RECEIVED = "received", "审查中"
    INCOMPLETE = "incomplete", "待补正"
    GRANTED = "granted", "已决定给予（待指派）"
    REFUSED = "refused", "不予法律援助"
    OBJECTION = "objection", "异议审查中"
    ASSIGNED = "assigned", "已指派（办理中）"
    CLOSED = "closed", "已结案"
    TERMINATED = "terminated", "已终止"
    WITHDRAWN = "withdrawn", "视为撤回"


class ProviderKind(models.TextChoices):
    LAWYER = "lawyer", "律师"
    FIRM = "firm", "律师事务所"
    GRASSROOTS = "grassroots", "基层法律服务工作者"
    DUTY_LAWYER = "duty_lawyer", "值班律师"
    STAFF = "staff", "法律援助机构工作人员"


class CaseResult(models.TextChoices):
    JUDGMENT = "judgment", "判决"
    MEDIATED = "mediated", "调解结案"
    SETTLED = "settled", "和解"
    WITHDRAWN_SUIT = "withdrawn_suit", "撤诉"
    NON_LITIGATION = "non_litigation", "非诉讼方式办结"
    HELP_GIVEN = "help_given", "法律帮助已提供"
    OTHER = "other", "其他"


class TerminationGround(models.TextChoices):
    """法援法 第四十八条 (A7)."""

    NO_LONGER_HARDSHIP = "no_longer_hardship", "受援人不再符合法律援助条件"
    CASE_ENDED = "case_ended", "案件终止审理或者已被撤销"
    OWN_LAWYER = "own_lawyer", "受援人自行委托律师或者其他代理人"
    REQUESTED = "requested", "受援人有正当理由要求终止法律援助"
    FRAUD = "fraud", "受援人以欺骗或者其他不正当手段获得法律援助"
    MISUSE = "misuse", "受援人故意隐瞒与案件有关的重要事实或者提供虚假证据"
    ABUSE = "abuse", "受援人利用法律援助从事违法活动"
    OTHER = "other", "法律法规规定的其他情形"


class Objection(models.TextChoices):
    UPHELD = "upheld", "维持不予法律援助决定"
    CORRECTED = "corrected", "责令改正，决定给予法律援助"


@pghistory.track()
class AidCase(UnitOwned):
    """One application or criminal notification, from receipt to closing (A1–A8)."""

    number = models.CharField("案号", max_length=40)
    year = models.PositiveSmallIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    origin = models.CharField("来源", max_length=16, choices=Origin.choices)
    channel = models.CharField("申请方式", max_length=16, choices=Channel.choices)
    notifying_organ = models.CharField(
        "通知机关", max_length=16, choices=NotifyingOrgan.choices, blank=True
    )
    organ_found_on = models.DateField(
        "办案机关发现应当通知之日",
        null=True,
        blank=True,
        help_text="办案机关应在此后三日内通知（《法律援助法》第三十六条）。",
    )
    detention_submitted_on = models.DateField(
        "向羁押场所提出申请日期",
        null=True,
        blank=True,
        help_text="羁押场所应在二十四小时内转交（《法律援助法》第三十九条）。",
    )
    category = models.CharField("案件类别", max_length=16, choices=Category.choices)
    criminal_stage = models.CharField(
        "诉讼阶段", max_length=16, choices=CriminalStage.choices, blank=True
    )
    matter = models.CharField("援助事项", max_length=24, choices=Matter.choices)
    summary = models.TextField("案情摘要")
    received_on = models.DateField("收到申请/通知日期")

    applicant_name = models.CharField("申请人（受援人）姓名", max_length=32)
    applicant_gender = models.CharField("性别", max_length=8, choices=Gender.choices)
    applicant_id_number = EncryptedTextField(
        "居民身份证号码", blank=True, purpose="legal_aid.applicant.id_number"
    )
    applicant_id_index = BlindIndexField(source="applicant_id_number", purpose="resident_id")
    applicant_phone = EncryptedTextField(
        "联系电话", blank=True, purpose="legal_aid.applicant.phone"
    )
    applicant_address = EncryptedTextField(
        "住所地", blank=True, purpose="legal_aid.applicant.address"
    )
    applicant_is_minor = models.BooleanField("未成年人", default=False)

    means_test = models.CharField(
        "经济困难审查", max_length=16, choices=MeansTest.choices, default=MeansTest.PENDING
    )
    exemption_reason = models.CharField(
        "免予核查事由", max_length=24, choices=ExemptionReason.choices, blank=True
    )
    means_note = models.CharField("经济状况说明", max_length=200, blank=True)
    limitation_due_on = models.DateField(
        "关联时效或起诉期限届满日",
        null=True,
        blank=True,
        help_text="距届满不足七日的，可以先行提供法律援助（《法律援助法》第四十四条）。",
    )
    urgent = models.BooleanField("紧急（时效届满不足七日）", default=False)
    urgent_aid_on = models.DateField("先行提供法律援助日期", null=True, blank=True)

    state = models.CharField(
        "状态", max_length=16, choices=CaseState.choices, default=CaseState.RECEIVED
    )
    correction_requested_on = models.DateField("一次性告知补正日期", null=True, blank=True)
    correction_items = models.TextField("需补正的材料", blank=True)
    correction_completed_on = models.DateField("补正完成日期", null=True, blank=True)
    decided_on = models.DateField("作出决定日期", null=True, blank=True)
    granted_on = models.DateField("给予法律援助日期", null=True, blank=True)
    refusal_reason = models.TextField("不予法律援助理由", blank=True)
    objection_on = models.DateField("提出异议日期", null=True, blank=True)
    objection_text = models.TextField("异议内容", blank=True)
    objection_result = models.CharField(
        "异议审查结果", max_length=16, choices=Objection.choices, blank=True
    )
    objection_decided_on = models.DateField("异议审查决定日期", null=True, blank=True)

    assigned_on = models.DateField("指派日期", null=True, blank=True)
    provider_kind = models.CharField(
        "承办人类别", max_length=16, choices=ProviderKind.choices, blank=True
    )
    provider_name = models.CharField("承办人", max_length=32, blank=True)
    provider_org = models.CharField("承办机构", max_length=64, blank=True)

    closed_on = models.DateField("结案日期", null=True, blank=True)
    result = models.CharField("办理结果", max_length=16, choices=CaseResult.choices, blank=True)
    closing_report = models.TextField("结案报告", blank=True)
    documents_submitted = models.BooleanField("已提交法律文书副本", default=False)
    subsidy = models.DecimalField(
        "办案补贴（元）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    termination_ground = models.CharField(
        "终止事由", max_length=24, choices=TerminationGround.choices, blank=True
    )
    terminated_on = models.DateField("终止日期", null=True, blank=True)

    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField("登记时间", default=timezone.now, editable=False)
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
        verbose_name = verbose_name_plural = "法律援助案件"
        ordering = ["-year", "-serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "serial"],
                name="legal_aid_case_unique_serial",
                violation_error_message="该年度案号已被使用。",
            ),
            models.CheckConstraint(
                condition=~Q(origin="notification") | ~Q(notifying_organ=""),
                name="legal_aid_notification_names_organ",
                violation_error_message="办案机关通知的案件须填写通知机关。",
            ),
        ]
        indexes = [models.Index(fields=["unit", "granted_on"])]

    def __str__(self) -> str:
        return f"{self.number}（{self.applicant_name}）"

    @property
    def is_notification(self) -> bool:
        return self.origin == Origin.NOTIFICATION


class CaseEvent(models.Model):
    """The case's timeline: every step, in Chinese, with its article."""

    case = models.ForeignKey(
        AidCase, verbose_name="案件", on_delete=models.CASCADE, related_name="timeline"
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
        verbose_name = verbose_name_plural = "办案记录"
        ordering = ["on", "occurred_at", "pk"]

    def __str__(self) -> str:
        return self.text


class CheckKind(models.TextChoices):
    """法援法 第五十九条 (A9)."""

    COURT_ATTENDANCE = "court_attendance", "旁听庭审"
    FILE_CHECK = "file_check", "案卷检查"
    COURT_FEEDBACK = "court_feedback", "征询司法机关意见"
    CLIENT_CALLBACK = "client_callback", "回访受援人"


@pghistory.track()
class QualityCheck(models.Model):
    case = models.ForeignKey(
        AidCase, verbose_name="案件", on_delete=models.CASCADE, related_name="quality_checks"
    )
    kind = models.CharField("质量监督方式", max_length=24, choices=CheckKind.choices)
    checked_on = models.DateField("检查日期")
    passed = models.BooleanField("合格")
    note = models.CharField("说明", max_length=200, blank=True)
    checker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="检查人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "质量检查"
        ordering = ["checked_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{'合格' if self.passed else '不合格'}）"


@pghistory.track()
class SubsidyRate(UnitOwned):
    """The 办案补贴 standard per case (A9: fund use is disclosed); the office edits the table."""

    category = models.CharField("案件类别", max_length=16, choices=Category.choices)
    criminal_stage = models.CharField(
        "诉讼阶段（空=不分阶段）", max_length=16, choices=CriminalStage.choices, blank=True
    )
    amount = models.DecimalField("每件补贴（元）", max_digits=10, decimal_places=2)
    effective_from = models.DateField("执行起始日")

    class Meta:
        verbose_name = verbose_name_plural = "办案补贴标准"
        ordering = ["category", "criminal_stage", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "category", "criminal_stage", "effective_from"],
                name="legal_aid_rate_unique",
                violation_error_message="同一类别、阶段和起始日的补贴标准已存在。",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="legal_aid_rate_not_negative",
                violation_error_message="补贴金额不能为负数。",
            ),
        ]

    def __str__(self) -> str:
        stage = f"·{self.get_criminal_stage_display()}" if self.criminal_stage else ""
        return f"{self.get_category_display()}{stage} {self.amount}元（{self.effective_from}起）"


class ConsultChannel(models.TextChoices):
    VISIT = "visit", "来访"
    PHONE = "phone", "来电"
    ONLINE = "online", "网络"


class Referral(models.TextChoices):
    NONE = "none", "当场解答"
    APPLY = "apply", "引导申请法律援助"
    MEDIATION = "mediation", "引导人民调解"
    OTHER_BODY = "other_body", "告知向有关部门反映"
    LITIGATION = "litigation", "引导诉讼或仲裁"


@pghistory.track()
class Consultation(UnitOwned):
    """A visit or a call (A9 disclosure: 咨询人次). `persons` > 1 only for a daily tally."""

    consulted_on = models.DateField("咨询日期")
    channel = models.CharField("咨询方式", max_length=16, choices=ConsultChannel.choices)
    topic = models.CharField("咨询事项", max_length=24, choices=Matter.choices)
    summary = models.CharField("内容摘要", max_length=200, blank=True)
    referral = models.CharField(
        "处理方式", max_length=16, choices=Referral.choices, default=Referral.NONE
    )
    persons = models.PositiveIntegerField("人次", default=1)
    tally = models.BooleanField("按日汇总导入", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "法律咨询"
        ordering = ["-consulted_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(persons__gte=1),
                name="legal_aid_consultation_persons_positive",
                violation_error_message="人次至少为1。",
            ),
            models.UniqueConstraint(
                fields=["unit", "consulted_on", "channel", "topic"],
                condition=Q(tally=True),
                name="legal_aid_tally_unique_per_day",
                violation_error_message="该日期、方式和事项的汇总已导入。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.consulted_on} {self.get_channel_display()} {self.get_topic_display()}"


class DocumentKind(models.TextChoices):
    ACCEPTANCE_NOTICE = "acceptance_notice", "受理通知书"
    CORRECTION_NOTICE = "correction_notice", "补正材料通知书"
    GRANT_DECISION = "grant_decision", "给予法律援助决定书"
    REFUSAL_DECISION = "refusal_decision", "不予法律援助决定书"
    ASSIGNMENT_NOTICE = "assignment_notice", "指派通知书"


def _template_upload_to(instance, filename: str) -> str:
    return f"legal_aid/templates/{instance.unit_id}/{instance.kind}.docx"


@pghistory.track()
class DocumentTemplate(UnitOwned):
    """The aid body's own .docx for one kind of 文书, with `{{字段}}` placeholders."""

    kind = models.CharField("文书种类", max_length=24, choices=DocumentKind.choices)
    file = models.FileField("模板文件（.docx）", upload_to=_template_upload_to)
    active = models.BooleanField("启用", default=True)
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "法律援助文书模板"
        ordering = ["kind", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind"],
                condition=Q(active=True),
                name="legal_aid_one_active_template",
                violation_error_message="该文书已有启用的模板。",
            )
        ]

    def __str__(self) -> str:
        return self.get_kind_display()
