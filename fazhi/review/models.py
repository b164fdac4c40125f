"""Legality review (合法性审查, legal-rules.md §4 L1-L7): requests from any unit, the materials
submitted (L2), the three-part opinion (L4) and the legal advisors' opinions (L5)."""

import pghistory
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from fazhi.advisors.access import ChainQuerySet, is_advisor_only
from fazhi.core.access import visible_unit_ids
from fazhi.core.models import Unit, UnitOwned


class SubjectType(models.TextChoices):
    GOVERNMENT_DOCUMENT = "government_document", "区政府及办公室发文"
    MINUTES = "minutes", "会议纪要"
    CONTRACT = "contract", "政府合同"
    DEPARTMENT_DOCUMENT = "department_document", "部门法律文件"
    NORMATIVE_DOCUMENT = "normative_document", "行政规范性文件"
    MAJOR_DECISION = "major_decision", "重大行政决策"
    ENFORCEMENT_DECISION = "enforcement_decision", "重大执法决定"


class ReviewState(models.TextChoices):
    IN_REVIEW = "in_review", "审查中"
    RETURNED = "returned", "退回补充"
    DECIDED = "decided", "已出具审查意见"
    WITHDRAWN = "withdrawn", "已撤回"


class Outcome(models.TextChoices):
    APPROVED = "approved", "合法（同意）"
    APPROVED_WITH_CHANGES = "approved_with_changes", "修改后同意"
    RETURNED = "returned", "退回补充"
    NOT_APPROVED = "not_approved", "不合法（不同意）"


PASSING_OUTCOMES = (Outcome.APPROVED, Outcome.APPROVED_WITH_CHANGES)
# 决策条例第二十五条第二款: only a major decision on an exploratory reform may go to the
# discussion with its legal risk disclosed when the review finds it not lawful. A normative
# document never passes with an unlawful opinion (国办发〔2018〕115号), whatever the settings.
EXPLORATORY_REFORM_TYPES = ("major_decision",)


def exploratory_reform_types() -> tuple[str, ...]:
    """The subject types to which the exploratory-reform exception applies (setting
    `FAZHI_REVIEW["exploratory_reform_subject_types"]`, at most the major decision)."""
    configured = getattr(settings, "FAZHI_REVIEW", {}).get(
        "exploratory_reform_subject_types", EXPLORATORY_REFORM_TYPES
    )
    return tuple(t for t in configured if t in EXPLORATORY_REFORM_TYPES)


class MaterialKind(models.TextChoices):
    DRAFT = "draft", "送审稿"
    DRAFTING_NOTE = "drafting_note", "起草说明"
    LEGAL_BASIS = "legal_basis", "制定依据（法律依据）"
    PROCEDURE_STATEMENT = "procedure_statement", "履行程序情况说明"
    CONSULTATION = "consultation", "征求意见及采纳情况"
    FAIR_COMPETITION = "fair_competition", "公平竞争审查意见"
    OTHER = "other", "其他材料"


def _reviewer_side(user) -> Q | None:
    """Requests addressed to the user's unit as reviewing body (审查机构)."""
    if not user.is_authenticated or user.unit_id is None or user.is_admin_role:
        return None
    return Q(reviewer_unit_id=user.unit_id)


class ReviewRequestQuerySet(ChainQuerySet):
    """The requesting unit, the reviewing body, office staff; an advisor only what is assigned."""

    def for_user(self, user):
        if is_advisor_only(user):
            return self.assigned_to_advisor(user)
        units = visible_unit_ids(user)
        if units is None:
            return self.all()
        condition = Q(unit__in=units)
        reviewer = _reviewer_side(user)
        if reviewer is not None:
            condition |= reviewer
        return self.filter(condition)

    def assigned_to_advisor(self, user):
        return self.filter(
            pk__in=AdvisorOpinion.objects.filter(advisor__user=user).values("review_id")
        )

    def passed(self):
        return self.filter(state=ReviewState.DECIDED).filter(
            Q(outcome__in=PASSING_OUTCOMES)
            | Q(exploratory_reform=True, subject_type__in=exploratory_reform_types())
        )

    def for_subject(self, subject):
        return self.filter(
            subject_ct=ContentType.objects.get_for_model(type(subject)), subject_id=subject.pk
        )


@pghistory.track()
class ReviewRequest(UnitOwned):
    """A request from `unit` (送审单位) to `reviewer_unit` (审查机构, normally the justice bureau)."""

    reviewer_unit = models.ForeignKey(
        Unit, verbose_name="审查机构", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    subject_type = models.CharField("审查对象类型", max_length=24, choices=SubjectType.choices)
    title = models.CharField("送审事项", max_length=255)
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
    counterparty = models.CharField("合同相对方", max_length=128, blank=True)
    amount = models.DecimalField(
        "合同金额（元）", max_digits=16, decimal_places=2, null=True, blank=True
    )
    submitted_on = models.DateField("送审日期")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="送审人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="承办人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    state = models.CharField(
        "状态", max_length=16, choices=ReviewState.choices, default=ReviewState.IN_REVIEW
    )
    returned_reason = models.TextField("退回补充理由", blank=True)
    return_periods = models.JSONField(
        "退回补充期间",
        default=list,
        blank=True,
        help_text="每次退回补充的退回日期和重新送审日期，其间不计入审查时间。",
    )
    authority_ok = models.BooleanField("主体与权限合法", null=True, blank=True)
    authority_opinion = models.TextField("主体与权限审查意见", blank=True)
    procedure_ok = models.BooleanField("程序合法", null=True, blank=True)
    procedure_opinion = models.TextField("程序审查意见", blank=True)
    content_ok = models.BooleanField("内容合法合规", null=True, blank=True)
    content_opinion = models.TextField("内容审查意见", blank=True)
    n3_confirmed = models.BooleanField(
        "未违法设定许可、处罚、强制、收费，未违法减损权利或增加义务", default=False
    )
    exploratory_reform = models.BooleanField("探索性改革事项（明示法律风险）", default=False)
    risk_disclosure = models.TextField("法律风险提示", blank=True)
    reviewer_legally_qualified = models.BooleanField("审核人员具有法律职业资格", default=False)
    outcome = models.CharField("审查结论", max_length=24, choices=Outcome.choices, blank=True)
    conclusion = models.TextField("审查意见", blank=True)
    opinion_issued_on = models.DateField("出具意见日期", null=True, blank=True)

    objects = ReviewRequestQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "合法性审查"
        ordering = ["-submitted_on", "-serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer_unit", "year", "serial"],
                name="review_unique_serial",
                violation_error_message="该审查编号已存在。",
            ),
            models.CheckConstraint(
                condition=Q(opinion_issued_on__isnull=True)
                | Q(opinion_issued_on__gte=models.F("submitted_on")),
                name="review_opinion_after_submission",
                violation_error_message="出具意见日期不能早于送审日期。",
            ),
        ]
        indexes = [
            models.Index(fields=["subject_ct", "subject_id"]),
            models.Index(fields=["subject_type", "opinion_issued_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def number(self) -> str:
        return f"合审〔{self.year}〕{self.serial}号"

    @property
    def passed(self) -> bool:
        return self.state == ReviewState.DECIDED and (
            self.outcome in PASSING_OUTCOMES
            or (self.exploratory_reform and self.subject_type in exploratory_reform_types())
        )


class ReviewPartQuerySet(ChainQuerySet):
    """Materials and opinions: visible with their request."""

    def for_user(self, user):
        if is_advisor_only(user):
            return self.assigned_to_advisor(user)
        return self.filter(review__in=ReviewRequest.objects.for_user(user).values("pk"))

    def assigned_to_advisor(self, user):
        return self.filter(review__in=ReviewRequest.objects.assigned_to_advisor(user).values("pk"))


@pghistory.track()
class ReviewMaterial(UnitOwned):
    """One item of the submission (L2: draft, legal basis, statement of procedures followed)."""

    review = models.ForeignKey(
        ReviewRequest, verbose_name="合法性审查", on_delete=models.CASCADE, related_name="materials"
    )
    kind = models.CharField("材料类型", max_length=24, choices=MaterialKind.choices)
    title = models.CharField("材料名称", max_length=255)
    file = models.FileField("附件", upload_to="review/%Y/", blank=True)
    note = models.TextField("内容摘要", blank=True)

    objects = ReviewPartQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "送审材料"
        ordering = ["review", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"


class AdvisorOpinionQuerySet(ReviewPartQuerySet):
    def assigned_to_advisor(self, user):
        return self.filter(advisor__user=user)

    def given(self):
        return self.exclude(given_on__isnull=True).exclude(opinion="")


@pghistory.track()
class AdvisorOpinion(UnitOwned):
    """A legal advisor's opinion organised by the reviewer (L5, 决策条例第二十八条; G1)."""

    review = models.ForeignKey(
        ReviewRequest,
        verbose_name="合法性审查",
        on_delete=models.CASCADE,
        related_name="advisor_opinions",
    )
    advisor = models.ForeignKey(
        "advisors.LegalAdvisor",
        verbose_name="法律顾问",
        on_delete=models.PROTECT,
        related_name="review_opinions",
    )
    requested_on = models.DateField("征求意见日期")
    given_on = models.DateField("出具意见日期", null=True, blank=True)
    opinion = models.TextField("法律顾问意见", blank=True)

    objects = AdvisorOpinionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "法律顾问意见"
        ordering = ["review", "requested_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "advisor"],
                name="review_one_opinion_per_advisor",
                violation_error_message="已向该法律顾问征求过意见。",
            ),
            models.CheckConstraint(
                condition=Q(given_on__isnull=True) | Q(given_on__gte=models.F("requested_on")),
                name="review_opinion_given_after_request",
                violation_error_message="出具意见日期不能早于征求意见日期。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.advisor.name}对{self.review.number}的意见"

    @property
    def is_given(self) -> bool:
        return self.given_on is not None and bool(self.opinion)


# --- Assisted review of drafts (issue 20) ------------------------------------------------------


class FlagKind(models.TextChoices):
    LICENCE = "licence", "设定行政许可"
    PENALTY = "penalty", "设定行政处罚或惩戒"
    COERCION = "coercion", "设定行政强制措施"
    FEE = "fee", "设定收费或保证金"
    COMPETITION = "competition", "排除、限制竞争"
    UNEQUAL = "unequal", "对经营主体差别对待"
    MISSING = "missing", "缺少必备要素"
    REPEALED = "repealed", "引用已废止的法律法规"
    OTHER = "other", "其他问题"


class RuleScope(models.TextChoices):
    CLAUSE = "clause", "逐条检查（条款中出现即提示）"
    ABSENT = "absent", "全文检查（全文缺少即提示）"
    EFFECTIVE_DATE = "effective_date", "全文检查（施行日期距印发不足30日且未说明理由）"


@pghistory.track()
class FlagRule(models.Model):
    """A rule of the assisted review, kept as data the legal office edits (issue 20 item 2).

    `patterns`, `conditions` and `exceptions` hold one regular expression per line: a clause is
    flagged when a pattern matches, at least one condition (if any) matches and no exception
    matches. For scope ABSENT the patterns are what a complete document contains."""

    code = models.SlugField("规则编号", max_length=48, unique=True)
    kind = models.CharField("问题类型", max_length=16, choices=FlagKind.choices)
    name = models.CharField("规则名称", max_length=128)
    article = models.CharField("依据条文", max_length=255)
    explanation = models.TextField("提示说明")
    scope = models.CharField(
        "检查方式", max_length=16, choices=RuleScope.choices, default=RuleScope.CLAUSE
    )
    patterns = models.TextField("匹配模式", help_text="每行一个正则表达式，任一匹配即命中。")
    conditions = models.TextField(
        "上下文条件", blank=True, help_text="每行一个正则表达式；填写时，条款须同时匹配其中之一。"
    )
    exceptions = models.TextField(
        "例外情形", blank=True, help_text="每行一个正则表达式；条款匹配任一例外时不提示。"
    )
    fair_competition_item = models.CharField("对应公平竞争审查事项", max_length=16, blank=True)
    active = models.BooleanField("启用", default=True)
    version = models.PositiveIntegerField("版本", default=1)
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
        verbose_name = verbose_name_plural = "辅助审查规则"
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.article}）"


@pghistory.track()
class RepealedLaw(models.Model):
    """An act the office lists as repealed: a draft citing it is flagged (issue 20 item 2)."""

    title = models.CharField(
        "法律法规名称",
        max_length=128,
        unique=True,
        help_text="书名号内的名称，可省略“中华人民共和国”。",
    )
    repealed_on = models.DateField("废止日期", null=True, blank=True)
    replaced_by = models.CharField("现行规定", max_length=255, blank=True)
    source = models.CharField("废止依据", max_length=255, blank=True)
    active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "已废止法律法规清单"
        ordering = ["title"]

    def __str__(self) -> str:
        return f"《{self.title}》"


@pghistory.track()
class ReviewDraft(UnitOwned):
    """The draft as parsed for the assisted review: its text and numbered clauses."""

    review = models.ForeignKey(
        ReviewRequest, verbose_name="合法性审查", on_delete=models.CASCADE, related_name="drafts"
    )
    file_name = models.CharField("文件名", max_length=255, blank=True)
    text = models.TextField("正文")
    clauses = models.JSONField("条款", default=list)
    analysed_at = models.DateTimeField("分析时间", auto_now_add=True)
    analysed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ReviewPartQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "送审稿辅助审查"
        ordering = ["review", "-id"]

    def __str__(self) -> str:
        return f"{self.review.number} 送审稿（{len(self.clauses)} 段）"


class FlagStatus(models.TextChoices):
    OPEN = "open", "待处理"
    ACCEPTED = "accepted", "已采纳"
    DISMISSED = "dismissed", "已排除"


@pghistory.track()
class ReviewFlag(UnitOwned):
    """A point the reviewer must look at: the clause, the kind, the rule and its article."""

    review = models.ForeignKey(
        ReviewRequest, verbose_name="合法性审查", on_delete=models.CASCADE, related_name="flags"
    )
    draft = models.ForeignKey(
        ReviewDraft, verbose_name="送审稿", on_delete=models.CASCADE, related_name="flags"
    )
    clause_index = models.IntegerField("段落序号", null=True, blank=True)
    clause_ref = models.CharField("条款", max_length=64, blank=True)
    clause_text = models.TextField("条款内容", blank=True)
    matched = models.CharField("命中文字", max_length=255, blank=True)
    kind = models.CharField("问题类型", max_length=16, choices=FlagKind.choices)
    rule = models.ForeignKey(
        FlagRule,
        verbose_name="规则",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="flags",
    )
    rule_version = models.PositiveIntegerField("规则版本", null=True, blank=True)
    repealed_law = models.ForeignKey(
        RepealedLaw,
        verbose_name="已废止法律法规",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="flags",
    )
    article = models.CharField("依据条文", max_length=255)
    explanation = models.TextField("说明")
    manual = models.BooleanField("审查人员添加", default=False)
    status = models.CharField(
        "处理结果", max_length=12, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    reason = models.TextField("排除理由", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)

    objects = ReviewPartQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "审查提示"
        ordering = ["draft", "clause_index", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="dismissed") | ~Q(reason=""),
                name="review_flag_dismissal_has_reason",
                violation_error_message="排除提示须写明理由。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.clause_ref or '全文'}：{self.get_kind_display()}"


# 《公平竞争审查条例》(国务院令第783号, 2024) 第八条至第十一条: the four groups of the
# statutory checklist. Code → (group, article, text).
FAIR_COMPETITION_ITEMS: dict[str, tuple[str, str, str]] = {
    "8.1": ("市场准入和退出", "第八条第（一）项", "违法设置审批程序或者其他准入条件"),
    "8.2": ("市场准入和退出", "第八条第（二）项", "违法设置或者授予特许经营权、独家经营权"),
    "8.3": (
        "市场准入和退出",
        "第八条第（三）项",
        "限定经营、购买或者使用特定经营者提供的商品或者服务",
    ),
    "8.4": ("市场准入和退出", "第八条第（四）项", "设置不合理或者歧视性的准入、退出条件"),
    "9.1": ("商品和要素自由流动", "第九条第（一）项", "限制外地或者进口商品、要素进入本地市场"),
    "9.2": (
        "商品和要素自由流动",
        "第九条第（二）项",
        "排斥、限制或者强制外地经营者在本地投资经营或者设立分支机构",
    ),
    "9.3": (
        "商品和要素自由流动",
        "第九条第（三）项",
        "排斥、限制外地经营者参加本地政府采购、招标投标",
    ),
    "9.4": (
        "商品和要素自由流动",
        "第九条第（四）项",
        "对外地或者进口商品、要素设置歧视性收费项目、收费标准、价格或者补贴",
    ),
    "9.5": (
        "商品和要素自由流动",
        "第九条第（五）项",
        "在资质标准、监管执法等方面对外地经营者设置歧视性要求",
    ),
    "10.1": ("影响生产经营成本", "第十条第（一）项", "给予特定经营者税收优惠"),
    "10.2": (
        "影响生产经营成本",
        "第十条第（二）项",
        "对特定经营者在要素获取、行政事业性收费、政府性基金、社会保险费等方面给予优惠",
    ),
    "10.3": ("影响生产经营成本", "第十条第（三）项", "违法违规给予特定经营者财政奖励和补贴"),
    "11.1": (
        "影响生产经营行为",
        "第十一条第（一）项",
        "强制或者变相强制经营者实施垄断行为，或者为其提供便利条件",
    ),
    "11.2": (
        "影响生产经营行为",
        "第十一条第（二）项",
        "超越法定权限制定政府指导价、政府定价，为特定经营者提供优惠价格",
    ),
    "11.3": (
        "影响生产经营行为",
        "第十一条第（三）项",
        "违法干预实行市场调节价的商品、要素的价格水平",
    ),
}


@pghistory.track()
class FairCompetitionReview(UnitOwned):
    """The 公平竞争审查 checklist of a draft touching market activity, stored with the review
    (《公平竞争审查条例》第八条至第十一条)."""

    review = models.OneToOneField(
        ReviewRequest,
        verbose_name="合法性审查",
        on_delete=models.CASCADE,
        related_name="fair_competition",
    )
    answers = models.JSONField("逐项审查", default=dict)
    conclusion = models.TextField("审查结论", blank=True)
    confirmed = models.BooleanField("审查人员已确认", default=False)
    updated_at = models.DateTimeField("修改时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = ReviewPartQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "公平竞争审查表"

    def __str__(self) -> str:
        return f"{self.review.number} 公平竞争审查表"
