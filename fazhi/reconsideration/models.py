"""The administrative reconsideration register (行政复议, 复议法 2023; docs/rules.md §1 F1-F31).

A case is owned by the reconsideration body's office (the justice bureau unit); the respondent
unit may read the cases in which it is the respondent (`ReconsiderationCaseQuerySet.for_user`).
Every step of the procedure is a transition in `workflow.py`; writes go through `services.py`.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fazhi.core.access import UnitScopedQuerySet
from fazhi.core.crypto import BlindIndexField, EncryptedTextField, mask
from fazhi.core.models import UnitKind, UnitOwned
from fazhi.reconsideration.validators import validate_party_identity, validate_pattern

# --- choices -------------------------------------------------------------------------------


class CaseStatus(models.TextChoices):
    RECEIVED = "received", "受理审查中"
    CORRECTION_REQUESTED = "correction_requested", "待补正"
    ABANDONED = "abandoned", "视为放弃"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    FORWARDED = "forwarded", "已转送"
    IN_REVIEW = "in_review", "审理中"
    SUSPENDED = "suspended", "中止审理"
    PENDING_APPROVAL = "pending_approval", "拟决定待审批"
    APPROVED = "approved", "已审批待出具"
    CLOSED = "closed", "已办结"


INTAKE_STATES = (CaseStatus.RECEIVED, CaseStatus.CORRECTION_REQUESTED)
INTAKE_END_STATES = (CaseStatus.ABANDONED, CaseStatus.NOT_ACCEPTED, CaseStatus.FORWARDED)
ACCEPTED_STATES = (
    CaseStatus.IN_REVIEW,
    CaseStatus.SUSPENDED,
    CaseStatus.PENDING_APPROVAL,
    CaseStatus.APPROVED,
    CaseStatus.CLOSED,
)
OPEN_ACCEPTED_STATES = (
    CaseStatus.IN_REVIEW,
    CaseStatus.SUSPENDED,
    CaseStatus.PENDING_APPROVAL,
    CaseStatus.APPROVED,
)


class ApplicantKind(models.TextChoices):
    PERSON = "person", "公民"
    ORGANISATION = "organisation", "法人或者其他组织"


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", "居民身份证"
    USCC = "uscc", "统一社会信用代码"
    OTHER = "other", "其他证件"


class Channel(models.TextChoices):
    """复议法 22 (written or oral), 32 (through the penalising agency)."""

    WRITTEN = "written", "书面申请（当面递交或邮寄）"
    ORAL = "oral", "口头申请"
    ONLINE = "online", "网上申请"
    FORWARDED = "forwarded", "转送（第三十二条）"


class ActType(models.TextChoices):
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    LICENCE = "licence", "行政许可"
    CONFIRMATION = "confirmation", "行政确认"
    EXPROPRIATION = "expropriation", "征收征用及补偿"
    INFORMATION_DISCLOSURE = "information_disclosure", "政府信息公开"
    NON_PERFORMANCE = "non_performance", "不履行法定职责"
    WORK_INJURY = "work_injury", "工伤认定"
    AGREEMENT = "agreement", "行政协议"
    OTHER = "other", "其他行政行为"


class AdministrativeField(models.TextChoices):
    PUBLIC_SECURITY = "public_security", "公安"
    NATURAL_RESOURCES = "natural_resources", "自然资源"
    HUMAN_RESOURCES = "human_resources", "人力资源和社会保障"
    MARKET_REGULATION = "market_regulation", "市场监管"
    HOUSING = "housing", "住房和城乡建设"
    URBAN_MANAGEMENT = "urban_management", "城市管理"
    ECOLOGY = "ecology", "生态环境"
    HEALTH = "health", "卫生健康"
    EDUCATION = "education", "教育"
    TRANSPORT = "transport", "交通运输"
    CIVIL_AFFAIRS = "civil_affairs", "民政"
    AGRICULTURE = "agriculture", "农业农村"
    EMERGENCY = "emergency", "应急管理"
    OTHER = "other", "其他"


class AcceptanceCondition(models.TextChoices):
    """The seven acceptance conditions of 复议法 30(1)."""

    PARTIES = "parties", "（一）有明确的申请人和符合本法规定的被申请人"
    INTEREST = "interest", "（二）申请人与被申请行政复议的行政行为有利害关系"
    REQUEST = "request", "（三）有具体的行政复议请求和理由"
    IN_TIME = "in_time", "（四）在法定申请期限内提出"
    SCOPE = "scope", "（五）属于本法规定的行政复议范围"
    JURISDICTION = "jurisdiction", "（六）属于本机关的管辖范围"
    NOT_DUPLICATE = "not_duplicate", "（七）未就同一行政行为重复申请复议或者提起诉讼"


class Procedure(models.TextChoices):
    NORMAL = "normal", "普通程序"
    SIMPLE = "simple", "简易程序"


class SimpleGround(models.TextChoices):
    """复议法 53."""

    ON_THE_SPOT = "on_the_spot", "行政行为是当场作出"
    WARNING = "warning", "行政行为是警告或者通报批评"
    SMALL_AMOUNT = "small_amount", "案件涉及款额三千元以下"
    INFORMATION_DISCLOSURE = "information_disclosure", "属于政府信息公开案件"
    CONSENT = "consent", "当事人各方同意适用简易程序"


class Outcome(models.TextChoices):
    """The closed list of outcomes of an accepted case (复议法 33, 41, 63-74; F22)."""

    VARIED = "varied", "变更（第六十三条）"
    REVOKED = "revoked", "撤销（第六十四条）"
    PARTLY_REVOKED = "partly_revoked", "部分撤销（第六十四条）"
    DECLARED_UNLAWFUL = "declared_unlawful", "确认违法（第六十五条）"
    ORDERED_TO_PERFORM = "ordered_to_perform", "责令履行（第六十六条）"
    DECLARED_VOID = "declared_void", "确认无效（第六十七条）"
    UPHELD = "upheld", "维持（第六十八条）"
    CLAIM_DISMISSED = "claim_dismissed", "驳回行政复议请求（第六十九条）"
    AGREEMENT_LIABILITY = (
        "agreement_liability",
        "行政协议：责令依法订立、继续履行、补救或赔偿（第七十一条第一款）",
    )
    AGREEMENT_COMPENSATION = "agreement_compensation", "行政协议：责令合理补偿（第七十一条第二款）"
    APPLICATION_DISMISSED = "application_dismissed", "驳回行政复议申请（第三十三条）"
    MEDIATED = "mediated", "调解结案（第七十三条）"
    SETTLED_WITHDRAWN = "settled_withdrawn", "和解后撤回申请、终止（第七十四条）"
    WITHDRAWN = "withdrawn", "撤回申请、终止（第四十一条第一款第一项）"
    TERMINATED = "terminated", "其他情形终止（第四十一条）"


CORRECTING_OUTCOMES = (
    Outcome.VARIED,
    Outcome.REVOKED,
    Outcome.PARTLY_REVOKED,
    Outcome.DECLARED_UNLAWFUL,
    Outcome.ORDERED_TO_PERFORM,
    Outcome.DECLARED_VOID,
    Outcome.AGREEMENT_LIABILITY,
    Outcome.AGREEMENT_COMPENSATION,
)
MERITS_OUTCOMES = (*CORRECTING_OUTCOMES, Outcome.UPHELD, Outcome.CLAIM_DISMISSED)
MEDIATED_OR_SETTLED_OUTCOMES = (Outcome.MEDIATED, Outcome.SETTLED_WITHDRAWN)
# 复议法 70: without the respondent's reply the act counts as having no evidence.
DEFAULT_DECISION_OUTCOMES = (
    Outcome.REVOKED,
    Outcome.PARTLY_REVOKED,
    Outcome.DECLARED_UNLAWFUL,
    Outcome.DECLARED_VOID,
    Outcome.ORDERED_TO_PERFORM,
)
# Outcomes that are a 行政复议决定 (决定书), as opposed to a 调解书 or a 终止 decision.
DECISION_DOCUMENT_OUTCOMES = (*MERITS_OUTCOMES, Outcome.APPLICATION_DISMISSED)


class UnlawfulGround(models.TextChoices):
    """The grounds of a 确认违法 decision (复议法 65). Only the minor procedural breach is a
    确认违法 on procedural grounds, which 行诉解释 22(3) treats as 复议维持 for the defendant."""

    PUBLIC_INTEREST = (
        "public_interest",
        "依法应予撤销，但撤销会给国家利益、社会公共利益造成重大损害（第六十五条第一款第一项）",
    )
    MINOR_PROCEDURAL = (
        "minor_procedural",
        "程序轻微违法，但是对申请人权利不产生实际影响（第六十五条第一款第二项）",
    )
    NOTHING_TO_REVOKE = (
        "nothing_to_revoke",
        "行政行为违法，但是不具有可撤销内容（第六十五条第二款第一项）",
    )
    ALREADY_CHANGED = (
        "already_changed",
        "被申请人改变原违法行政行为，申请人仍要求确认违法（第六十五条第二款第二项）",
    )
    PERFORMANCE_POINTLESS = (
        "performance_pointless",
        "不履行或者拖延履行法定职责，责令履行没有意义（第六十五条第二款第三项）",
    )


class Compensation(models.TextChoices):
    """复议法 72: the compensation part of a decision."""

    NONE = "none", "未涉及行政赔偿"
    DISMISSED = "dismissed", "驳回行政赔偿请求"
    AWARDED = "awarded", "决定被申请人依法给予赔偿"
    RETURN = "return", "责令返还财产、解除查封扣押冻结或赔偿价款"
    REMEDY = "remedy", "责令采取补救措施"


class ApprovalKind(models.TextChoices):
    """复议法 61(1): the head's consent or collective discussion."""

    HEAD = "head", "行政复议机关负责人同意"
    COLLECTIVE = "collective", "集体讨论通过"


class SuspensionGround(models.TextChoices):
    """The ten grounds of 复议法 39(1)."""

    APPLICANT_DIED = "applicant_died", "（一）申请人死亡，其近亲属尚未确定是否参加"
    INCAPACITY = "incapacity", "（二）申请人丧失行为能力，尚未确定法定代理人"
    MISSING = "missing", "（三）申请人下落不明"
    ORGANISATION_ENDED = "organisation_ended", "（四）申请人组织终止，尚未确定权利义务承受人"
    FORCE_MAJEURE = "force_majeure", "（五）因不可抗力或者其他正当理由不能参加"
    MEDIATION = "mediation", "（六）调解、和解，申请人和被申请人同意中止"
    INTERPRETATION = "interpretation", "（七）法律适用问题需要有权机关解释或者确认"
    OTHER_CASE = "other_case", "（八）需要以其他案件的审理结果为依据"
    NORMDOC_REVIEW = "normdoc_review", "（九）规范性文件或者依据的附带审查"
    OTHER = "other", "（十）其他需要中止的情形"


# 复议法 41(1)(5): a 中止 on these grounds lasting a full 60 days leads to 终止.
TERMINATION_SUSPENSION_GROUNDS = (
    SuspensionGround.APPLICANT_DIED,
    SuspensionGround.INCAPACITY,
    SuspensionGround.ORGANISATION_ENDED,
)


class TerminationGround(models.TextChoices):
    """复议法 41(1)."""

    WITHDRAWN = "withdrawn", "（一）申请人撤回申请，准予撤回"
    DEATH = "death", "（二）申请人死亡，无近亲属或者近亲属放弃"
    ORGANISATION = "organisation", "（三）组织终止，无承受人或者承受人放弃"
    CRIMINAL = "criminal", "（四）因同一违法行为涉嫌犯罪被采取刑事强制措施"
    LONG_SUSPENSION = "long_suspension", "（五）依第三十九条第一款第一、二、四项中止满六十日"


class PrerequisiteGround(models.TextChoices):
    """复议前置 (复议法 23(1)): the cases where reconsideration must come before litigation."""

    ON_THE_SPOT_PENALTY = "on_the_spot_penalty", "（一）对当场作出的行政处罚决定不服"
    NATURAL_RESOURCES = (
        "natural_resources",
        "（二）对侵犯已依法取得的自然资源所有权或者使用权的决定不服",
    )
    NON_PERFORMANCE = "non_performance", "（三）认为行政机关存在第十一条规定的未履行法定职责情形"
    DISCLOSURE_REFUSED = "disclosure_refused", "（四）申请政府信息公开，行政机关不予公开"
    OTHER_LAW = "other_law", "（五）法律、行政法规规定应当先申请行政复议的其他情形"


# 复议法 34; 行诉法 45: the closings after which the applicant of a 复议前置 case may sue within
# 15 days of receiving the document (不予受理 is recorded separately, before acceptance).
PREREQUISITE_SUIT_OUTCOMES = (*MERITS_OUTCOMES, Outcome.APPLICATION_DISMISSED)


class PartyRole(models.TextChoices):
    CO_APPLICANT = "co_applicant", "共同申请人"
    THIRD_PARTY = "third_party", "第三人"
    AGENT = "agent", "委托代理人"
    REPRESENTATIVE = "representative", "法定代理人/代表人"


class HearingKind(models.TextChoices):
    VIEWS = "views", "听取意见（第四十九条）"
    HEARING = "hearing", "听证（第五十条）"


class HearingMethod(models.TextChoices):
    IN_PERSON = "in_person", "当面"
    ONLINE = "online", "互联网"
    PHONE = "phone", "电话"


class DocumentKind(models.TextChoices):
    ACCEPTANCE_NOTICE = "acceptance_notice", "受理通知书"
    REJECTION_DECISION = "rejection_decision", "不予受理决定书"
    CORRECTION_NOTICE = "correction_notice", "补正通知书"
    REPLY_NOTICE = "reply_notice", "提出答复通知书"
    SUSPENSION_NOTICE = "suspension_notice", "中止审理通知书"
    RESUMPTION_NOTICE = "resumption_notice", "恢复审理通知书"
    EXTENSION_NOTICE = "extension_notice", "延期审理通知书"
    DECISION = "decision", "行政复议决定书"


# --- scoping -------------------------------------------------------------------------------


class RespondentVisibleQuerySet(UnitScopedQuerySet):
    """The owning office sees its cases; the respondent unit also sees the cases against it."""

    also_visible_to = ("respondent_unit",)


class RespondentVisibleManager(models.Manager.from_queryset(RespondentVisibleQuerySet)):
    pass


class RecipientVisibleQuerySet(RespondentVisibleQuerySet):
    also_visible_to = ("recipient_unit",)


class RecipientVisibleManager(models.Manager.from_queryset(RecipientVisibleQuerySet)):
    pass


# --- case numbering ------------------------------------------------------------------------


@pghistory.track()
class CaseNumberCounter(UnitOwned):
    """The per-year counter behind the gap-free 案号; rows are locked with SELECT … FOR UPDATE."""

    year = models.PositiveIntegerField("年度")
    pattern = models.CharField(
        "案号格式",
        max_length=64,
        help_text="用 {year} 表示年度、{number} 表示序号，如“蒸政复〔{year}〕{number}号”。",
    )
    last_number = models.PositiveIntegerField("已用最大序号", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "复议案号计数器"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="recon_counter_unit_year"),
        ]

    def __str__(self) -> str:
        return f"{self.year}：{self.pattern}（已用至 {self.last_number}）"

    def clean(self):
        validate_pattern(self.pattern)


# --- the case ------------------------------------------------------------------------------


@pghistory.track()
class ReconsiderationCase(UnitOwned):
    """One application against one contested act (复议法 22(3)); `unit` is the office handling it."""

    # identity and bookkeeping
    case_number = models.CharField("案号", max_length=64)
    case_year = models.PositiveIntegerField("案号年度")
    case_serial = models.PositiveIntegerField("案号序号")
    status = models.CharField(
        "状态", max_length=24, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField("登记时间", default=timezone.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    updated_at = models.DateTimeField("最后修改时间", default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后修改人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    # applicant (复议法 22; F5)
    applicant_kind = models.CharField("申请人类型", max_length=16, choices=ApplicantKind.choices)
    applicant_name = models.CharField("申请人", max_length=128)
    applicant_id_type = models.CharField("证件类型", max_length=16, choices=IdType.choices)
    # D2 (security.md): stored encrypted (fazhi.core.crypto); exact search via the blind index.
    applicant_id_number = EncryptedTextField(
        "证件号码", max_length=32, purpose="reconsideration.applicant_id_number"
    )
    applicant_id_number_index = BlindIndexField(source="applicant_id_number", purpose="id_number")
    applicant_phone = EncryptedTextField(
        "联系电话", max_length=32, blank=True, purpose="reconsideration.applicant_phone"
    )
    applicant_address = models.CharField("住所/通讯地址", max_length=200, blank=True)
    applicant_representative = models.CharField("法定代表人/负责人", max_length=64, blank=True)

    # respondent and contested act
    respondent_unit = models.ForeignKey(
        "core.Unit", verbose_name="被申请人", on_delete=models.PROTECT, related_name="+"
    )
    act_type = models.CharField("行政行为类型", max_length=32, choices=ActType.choices)
    act_description = models.CharField("被申请复议的行政行为", max_length=200)
    act_document_number = models.CharField("行政行为文号", max_length=64, blank=True)
    act_date = models.DateField("行政行为作出日期", null=True, blank=True)
    field = models.CharField("行政管理领域", max_length=32, choices=AdministrativeField.choices)
    is_real_estate = models.BooleanField("涉及不动产", default=False)
    act_on_the_spot = models.BooleanField("当场作出", default=False)
    act_is_warning = models.BooleanField("警告或通报批评", default=False)
    act_amount = models.DecimalField(
        "涉及款额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    all_parties_agree_simple = models.BooleanField("各方同意适用简易程序", default=False)
    # 复议前置 (复议法 23; F6): set by the officer, with the ground from the statute's list.
    prerequisite_ground = models.CharField(
        "复议前置情形",
        max_length=24,
        choices=PrerequisiteGround.choices,
        blank=True,
        help_text="应当先申请行政复议、对复议决定不服再起诉的案件（《行政复议法》第二十三条第一款）；不属于的留空。",
    )
    prerequisite_basis = models.CharField(
        "复议前置的法律、行政法规依据",
        max_length=200,
        blank=True,
        help_text="第二十三条第一款第五项的情形须写明规定复议前置的法律、行政法规及条款。",
    )

    # the application
    request = models.TextField("行政复议请求")
    facts = models.TextField("主要事实", blank=True)
    reasons = models.TextField("理由", blank=True)
    channel = models.CharField("申请方式", max_length=16, choices=Channel.choices)
    received_on = models.DateField("收到申请日期")
    postmarked_on = models.DateField(
        "邮戳日期", null=True, blank=True, help_text="邮寄申请以邮戳日期判断是否在期限内。"
    )
    oral_recorded_at = models.DateTimeField("口头申请记录时间", null=True, blank=True)
    oral_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="口头申请记录人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    oral_confirmed = models.BooleanField("申请人已核对笔录并签名", default=False)
    forwarded_by = models.CharField("转送机关", max_length=128, blank=True)
    forwarding_agency_received_on = models.DateField("转送机关收到申请日期", null=True, blank=True)

    # application period (复议法 20, 21; F1-F4)
    known_on = models.DateField("知道或应当知道行政行为之日")
    rights_notified = models.BooleanField("已告知复议权利、复议机关和申请期限", default=True)
    rights_learned_on = models.DateField(
        "知道复议权利、复议机关或申请期限之日", null=True, blank=True
    )
    obstacle_started_on = models.DateField("耽误期限障碍开始日", null=True, blank=True)
    obstacle_ended_on = models.DateField("耽误期限障碍消除日", null=True, blank=True)
    obstacle_reason = models.CharField("耽误期限的正当理由", max_length=200, blank=True)
    application_deadline = models.DateField("申请期限届满日", null=True, blank=True)
    application_deadline_explanation = models.TextField("申请期限说明", blank=True)
    application_late = models.BooleanField("超过申请期限", default=False)
    absolute_bar_on = models.DateField("最长申请期限届满日", null=True, blank=True)
    absolutely_barred = models.BooleanField("超过最长申请期限", default=False)

    # intake (复议法 30-31; F7-F8)
    acceptance_conditions = ArrayField(
        models.CharField(max_length=16, choices=AcceptanceCondition.choices),
        verbose_name="已审查符合的受理条件",
        default=list,
        blank=True,
    )
    acceptance_due_on = models.DateField("受理审查截止日", null=True, blank=True)
    correction_requested_on = models.DateField("补正通知日期", null=True, blank=True)
    correction_items = models.TextField("补正事项", blank=True)
    correction_notice_received_on = models.DateField(
        "申请人收到补正通知日期", null=True, blank=True
    )
    correction_due_on = models.DateField("补正期限届满日", null=True, blank=True)
    correction_materials_received_on = models.DateField("收到补正材料日期", null=True, blank=True)
    accepted_on = models.DateField("受理日期", null=True, blank=True, db_index=True)
    deemed_accepted = models.BooleanField("视为受理", default=False)
    not_accepted_on = models.DateField("不予受理决定日期", null=True, blank=True)
    not_accepted_reason = models.TextField("不予受理理由", blank=True)
    unmet_conditions = ArrayField(
        models.CharField(max_length=16, choices=AcceptanceCondition.choices),
        verbose_name="不符合的受理条件",
        default=list,
        blank=True,
    )
    competent_organ = models.CharField("有管辖权的行政复议机关", max_length=128, blank=True)
    forwarded_on = models.DateField("转送日期", null=True, blank=True)
    forwarded_to = models.CharField("转送至", max_length=128, blank=True)
    abandoned_on = models.DateField("视为放弃日期", null=True, blank=True)

    # handling (复议法 48-55)
    procedure = models.CharField(
        "审理程序", max_length=8, choices=Procedure.choices, default=Procedure.NORMAL
    )
    simple_ground = models.CharField(
        "适用简易程序的情形", max_length=24, choices=SimpleGround.choices, blank=True
    )
    converted_to_normal_on = models.DateField("转为普通程序日期", null=True, blank=True)
    conversion_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="转普通程序批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    copy_due_on = models.DateField("发送副本截止日", null=True, blank=True)
    copy_sent_on = models.DateField("发送申请书副本日期", null=True, blank=True)
    copy_received_on = models.DateField("被申请人收到副本日期", null=True, blank=True)
    reply_due_on = models.DateField("答复截止日", null=True, blank=True)
    reply_received_on = models.DateField("收到书面答复日期", null=True, blank=True)
    reply_missed = models.BooleanField("被申请人逾期未答复（第七十条）", default=False)
    third_party_evidence = models.BooleanField("第三人提供了证据（第七十条但书）", default=False)
    written_review_reason = models.CharField(
        "书面审理原因（因当事人原因不能听取意见）", max_length=200, blank=True
    )
    is_major_complex = models.BooleanField("案情重大、疑难、复杂", default=False)
    is_technical = models.BooleanField("专业性、技术性较强", default=False)
    committee_required = models.BooleanField("需提请行政复议委员会咨询", default=False)
    committee_consulted_on = models.DateField("复议委员会咨询日期", null=True, blank=True)
    committee_opinion = models.TextField("复议委员会咨询意见", blank=True)

    # decision period (复议法 62; F17)
    decision_due_on = models.DateField("决定期限届满日", null=True, blank=True, db_index=True)
    decision_due_explanation = models.TextField("决定期限说明", blank=True)
    extension_days = models.PositiveIntegerField("延长天数", default=0)
    extension_approver = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="延期批准人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    extension_approved_on = models.DateField("延期批准日期", null=True, blank=True)
    extension_reason = models.CharField("延期理由", max_length=200, blank=True)

    # mediation and settlement (复议法 73, 74; F24)
    mediation_signed_on = models.DateField("调解书各方签字日期", null=True, blank=True)
    mediation_sealed_on = models.DateField("调解书盖章日期", null=True, blank=True)
    settlement_reached_on = models.DateField("达成和解日期", null=True, blank=True)
    withdrawal_approved_on = models.DateField("准予撤回日期", null=True, blank=True)
    termination_ground = models.CharField(
        "终止情形", max_length=24, choices=TerminationGround.choices, blank=True
    )
    reapplication_allowed_reason = models.CharField(
        "撤回违背真实意愿的证明（第七十四条第二款但书）", max_length=200, blank=True
    )

    # decision (复议法 61-75; F21-F25)
    outcome = models.CharField("结案方式", max_length=32, choices=Outcome.choices, blank=True)
    outcome_grounds = models.TextField("决定理由", blank=True)
    order_redo = models.BooleanField("责令重新作出行政行为", default=False)
    unlawful_ground = models.CharField(
        "确认违法的情形", max_length=24, choices=UnlawfulGround.choices, blank=True
    )
    compensation = models.CharField(
        "行政赔偿", max_length=16, choices=Compensation.choices, default=Compensation.NONE
    )
    default_for_no_reply = models.BooleanField("依第七十条作出", default=False)
    proposed_on = models.DateField("拟决定日期", null=True, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="拟决定人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approval_kind = models.CharField(
        "审批方式", max_length=16, choices=ApprovalKind.choices, blank=True
    )
    approved_by_name = models.CharField("批准人", max_length=64, blank=True)
    approved_by_title = models.CharField("批准人职务", max_length=64, blank=True)
    approval_meeting = models.CharField("集体讨论会议及纪要", max_length=128, blank=True)
    approved_on = models.DateField("批准日期", null=True, blank=True)
    decision_number = models.CharField("决定书文号", max_length=64, blank=True)
    closed_on = models.DateField("办结日期", null=True, blank=True, db_index=True)
    decided_on_time = models.BooleanField("在法定期限内办结", null=True, blank=True)
    served_on = models.DateField("送达日期", null=True, blank=True)
    publish_decision = models.BooleanField("决定书向社会公开", default=False)
    # 复议法 34; 行诉法 45 (F11): the applicant of a 复议前置 case may sue within 15 days.
    litigation_due_on = models.DateField("复议前置案件起诉期限届满日", null=True, blank=True)
    litigation_due_explanation = models.TextField("起诉期限说明", blank=True)
    copy_report_to = models.CharField("抄告上一级主管部门", max_length=128, blank=True)
    copy_reported_on = models.DateField("抄告日期", null=True, blank=True)

    # ledger import (idempotent re-import)
    import_batch = models.ForeignKey(
        "reconsideration.LedgerImport",
        verbose_name="导入批次",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    import_fingerprint = models.CharField("导入内容指纹", max_length=64, blank=True)

    objects = RespondentVisibleManager()

    class Meta:
        verbose_name = verbose_name_plural = "行政复议案件"
        ordering = ["-received_on", "-case_serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "case_year", "case_serial"], name="recon_case_unit_year_serial"
            ),
            models.UniqueConstraint(
                fields=["unit", "case_number"],
                name="recon_case_unit_number",
                violation_error_message="本机构已有相同案号的案件。",
            ),
            models.CheckConstraint(
                condition=Q(outcome="") | Q(outcome__in=Outcome.values),
                name="recon_case_outcome_in_list",
                violation_error_message="结案方式不在法定结案方式清单内（《行政复议法》第六十三条至第七十四条）。",
            ),
            models.CheckConstraint(
                condition=Q(prerequisite_ground="")
                | Q(prerequisite_ground__in=PrerequisiteGround.values),
                name="recon_case_prerequisite_in_list",
                violation_error_message="复议前置情形不在《行政复议法》第二十三条第一款的清单内。",
            ),
            models.CheckConstraint(
                condition=Q(extension_days__lte=30),
                name="recon_case_extension_at_most_30",
                violation_error_message="延长期限最多不得超过三十日（《行政复议法》第六十二条第一款）。",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(outcome=""),
                name="recon_case_closed_has_outcome",
                violation_error_message="已办结的案件必须有结案方式。",
            ),
            models.CheckConstraint(
                condition=Q(accepted_on__isnull=True) | Q(accepted_on__gte=models.F("received_on")),
                name="recon_case_accepted_after_received",
                violation_error_message="受理日期不能早于收到申请日期。",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(accepted_on__isnull=False, closed_on__gte=models.F("accepted_on")),
                name="recon_case_closed_after_accepted",
                violation_error_message="办结日期不能早于受理日期。",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "decision_due_on"], name="recon_case_status_due"),
        ]

    def __str__(self) -> str:
        return f"{self.case_number} {self.applicant_name}诉{self.respondent_unit}"

    # small derived facts --------------------------------------------------------------------

    @property
    def is_accepted(self) -> bool:
        return self.accepted_on is not None

    @property
    def is_open(self) -> bool:
        return self.status not in (CaseStatus.CLOSED, *INTAKE_END_STATES)

    @property
    def is_correcting(self) -> bool:
        return self.outcome in CORRECTING_OUTCOMES

    @property
    def is_merits_decision(self) -> bool:
        return self.outcome in MERITS_OUTCOMES

    @property
    def effective_on(self):
        """复议法 75(2): a 决定书 takes effect on service."""
        return self.served_on

    @property
    def is_prerequisite(self) -> bool:
        """复议法 23: reconsideration must come before litigation in this case."""
        return bool(self.prerequisite_ground)

    @property
    def simple_procedure_grounds(self) -> list[str]:
        """The grounds of 复议法 53 that this case meets (eligibility for the simple procedure)."""
        grounds = []
        if self.act_on_the_spot:
            grounds.append(SimpleGround.ON_THE_SPOT)
        if self.act_is_warning:
            grounds.append(SimpleGround.WARNING)
        if self.act_amount is not None and self.act_amount <= 3000:
            grounds.append(SimpleGround.SMALL_AMOUNT)
        if self.act_type == ActType.INFORMATION_DISCLOSURE:
            grounds.append(SimpleGround.INFORMATION_DISCLOSURE)
        if self.all_parties_agree_simple:
            grounds.append(SimpleGround.CONSENT)
        return grounds

    @property
    def copy_report_required(self) -> bool:
        """复议法 79(2): the government deciding against its own department copies its superior."""
        return self.respondent_unit.kind == UnitKind.DEPARTMENT


@pghistory.track()
class CaseParty(models.Model):
    """Co-applicants, third parties, agents and representatives of a case."""

    case = models.ForeignKey(
        ReconsiderationCase, verbose_name="案件", on_delete=models.CASCADE, related_name="parties"
    )
    role = models.CharField("身份", max_length=16, choices=PartyRole.choices)
    kind = models.CharField(
        "类型", max_length=16, choices=ApplicantKind.choices, default=ApplicantKind.PERSON
    )
    name = models.CharField("姓名/名称", max_length=128)
    id_type = models.CharField("证件类型", max_length=16, choices=IdType.choices, blank=True)
    # D2 (security.md; issue 11): stored encrypted like the applicant's; never searched, so no
    # blind index; shown masked to readers who cannot edit the case.
    id_number = EncryptedTextField(
        "证件号码", max_length=32, blank=True, purpose="reconsideration.party_id_number"
    )
    phone = EncryptedTextField(
        "联系电话", max_length=32, blank=True, purpose="reconsideration.party_phone"
    )
    address = models.CharField("地址", max_length=200, blank=True)
    is_lawyer = models.BooleanField("律师", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "当事人及代理人"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}：{self.name}"

    @property
    def masked_id_number(self) -> str:
        return mask(self.id_number, "id")

    @property
    def masked_phone(self) -> str:
        return mask(self.phone, "phone")

    def clean(self):
        if self.id_number:
            validate_party_identity(self.id_type, self.id_number, field="id_number")


@pghistory.track()
class CaseEvent(models.Model):
    """The case's timeline: every transition and significant act, in Chinese, with its article."""

    case = models.ForeignKey(
        ReconsiderationCase, verbose_name="案件", on_delete=models.CASCADE, related_name="timeline"
    )
    occurred_at = models.DateTimeField("记录时间", default=timezone.now)
    on = models.DateField("发生日期")
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
        return f"{self.on:%Y-%m-%d} {self.text}"


@pghistory.track()
class CaseHearing(models.Model):
    """Hearing of views (复议法 49) or a formal hearing (复议法 50-51)."""

    case = models.ForeignKey(
        ReconsiderationCase, verbose_name="案件", on_delete=models.CASCADE, related_name="hearings"
    )
    kind = models.CharField("类型", max_length=16, choices=HearingKind.choices)
    method = models.CharField(
        "方式", max_length=16, choices=HearingMethod.choices, default=HearingMethod.IN_PERSON
    )
    held_on = models.DateField("日期")
    notice_sent_on = models.DateField("书面通知日期", null=True, blank=True)
    place = models.CharField("地点", max_length=128, blank=True)
    chair = models.CharField("主持人", max_length=32, blank=True)
    hearing_officers = ArrayField(
        models.CharField(max_length=32), verbose_name="听证员", default=list, blank=True
    )
    clerk = models.CharField("记录员", max_length=32, blank=True)
    respondent_head_attended = models.BooleanField("被申请人负责人参加", default=False)
    respondent_head_absence_reason = models.CharField(
        "负责人未参加的理由及委托人员", max_length=200, blank=True
    )
    views = models.TextField("听取的意见/听证笔录摘要", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="记录人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "听取意见与听证"
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%Y-%m-%d}"


@pghistory.track()
class CaseSuspension(models.Model):
    """A 中止 (复议法 39) and its 恢复; the decision clock stands still meanwhile (A5)."""

    case = models.ForeignKey(
        ReconsiderationCase,
        verbose_name="案件",
        on_delete=models.CASCADE,
        related_name="suspensions",
    )
    ground = models.CharField("中止情形", max_length=24, choices=SuspensionGround.choices)
    detail = models.CharField("具体原因", max_length=200, blank=True)
    started_on = models.DateField("中止日期")
    notice_sent_on = models.DateField("中止通知日期", null=True, blank=True)
    resumed_on = models.DateField("恢复审理日期", null=True, blank=True)
    resume_notice_sent_on = models.DateField("恢复通知日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "中止与恢复"
        ordering = ["started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(resumed_on__isnull=True) | Q(resumed_on__gte=models.F("started_on")),
                name="recon_suspension_resume_after_start",
                violation_error_message="恢复审理日期不能早于中止日期。",
            ),
        ]

    def __str__(self) -> str:
        return f"中止 {self.started_on:%Y-%m-%d}（{self.get_ground_display()}）"


@pghistory.track()
class OpinionLetter(UnitOwned):
    """A 行政复议意见书 (复议法 76) and the recipient's report, due within 60 days of receipt."""

    case = models.ForeignKey(
        ReconsiderationCase,
        verbose_name="案件",
        on_delete=models.PROTECT,
        related_name="opinion_letters",
    )
    recipient_unit = models.ForeignKey(
        "core.Unit", verbose_name="接收机关", on_delete=models.PROTECT, related_name="+"
    )
    content = models.TextField("意见书内容")
    issued_on = models.DateField("制发日期")
    received_on = models.DateField("对方收到日期", null=True, blank=True)
    reply_due_on = models.DateField("报送纠正情况截止日", null=True, blank=True)
    reply_due_explanation = models.TextField("期限说明", blank=True)
    replied_on = models.DateField("收到纠正情况报告日期", null=True, blank=True)
    reply_summary = models.TextField("纠正情况", blank=True)
    copy_reported_on = models.DateField("抄告日期", null=True, blank=True)

    objects = RecipientVisibleManager()

    class Meta:
        verbose_name = verbose_name_plural = "行政复议意见书"
        ordering = ["-issued_on", "pk"]

    def __str__(self) -> str:
        return f"意见书（{self.case.case_number}）致{self.recipient_unit}"


def _template_upload_to(instance, filename: str) -> str:
    return f"reconsideration/templates/{instance.unit_id}/{instance.kind}-{timezone.now():%Y%m%d%H%M%S}.docx"


@pghistory.track()
class DocumentTemplate(UnitOwned):
    """An office's own .docx template for one kind of 文书, with `{{字段}}` placeholders.

    Without an active template the shipped default (built by `documents.default_template`) is used.
    """

    kind = models.CharField("文书种类", max_length=24, choices=DocumentKind.choices)
    file = models.FileField("模板文件（.docx）", upload_to=_template_upload_to)
    active = models.BooleanField("启用", default=True)
    note = models.CharField("说明", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("上传时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "文书模板"
        ordering = ["kind", "-uploaded_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "kind"],
                condition=Q(active=True),
                name="recon_template_one_active_per_kind",
                violation_error_message="每种文书只能启用一个模板。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}模板"


@pghistory.track()
class LedgerImport(UnitOwned):
    """One Excel 台账 import: the file's hash and what it did (idempotent re-import)."""

    file_name = models.CharField("文件名", max_length=200)
    sha256 = models.CharField("文件摘要", max_length=64)
    rows_total = models.PositiveIntegerField("数据行数", default=0)
    rows_created = models.PositiveIntegerField("新建案件", default=0)
    rows_unchanged = models.PositiveIntegerField("已存在且无变化", default=0)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    imported_at = models.DateTimeField("导入时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "台账导入记录"
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name}（{self.imported_at:%Y-%m-%d %H:%M}）"
