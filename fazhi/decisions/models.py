"""Major administrative decisions (重大行政决策, docs/rules.md §5 D1-D18): yearly catalogs
(D2-D4) and each decision's statutory steps as a checklist with evidence."""

import pghistory
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from fazhi.advisors.access import ChainQuerySet, is_advisor_only
from fazhi.core.models import Unit, UnitOwned
from fazhi.review.models import ReviewRequest


class DecisionCategory(models.TextChoices):
    PUBLIC_POLICY = "public_policy", "重大公共政策和措施"
    PLAN = "plan", "重要规划"
    RESOURCES = "resources", "自然资源与文化资源、生态环境保护重大政策"
    CONSTRUCTION = "construction", "重大公共建设项目"
    OTHER = "other", "其他对经济社会发展有重大影响的事项"
    MACRO_CONTROL = "macro_control", "宏观调控决策（不适用本程序）"
    LEGISLATION = "legislation", "立法决策（不适用本程序）"
    EMERGENCY = "emergency", "突发事件应急处置决策（不适用本程序）"


# D1 (决策条例第三条第二款): these are outside the major-decision procedure.
EXCLUDED_CATEGORIES = (
    DecisionCategory.MACRO_CONTROL,
    DecisionCategory.LEGISLATION,
    DecisionCategory.EMERGENCY,
)


class CatalogState(models.TextChoices):
    DRAFTING = "drafting", "编制中"
    PARTY_AGREED = "party_agreed", "党委已同意"
    PUBLISHED = "published", "已公布"


@pghistory.track()
class DecisionCatalog(UnitOwned):
    """The yearly 决策事项目录 of `unit` (a government or a department), D2-D3."""

    year = models.PositiveIntegerField("年度")
    title = models.CharField("目录名称", max_length=255)
    state = models.CharField(
        "状态", max_length=16, choices=CatalogState.choices, default=CatalogState.DRAFTING
    )
    solicitation_started_on = models.DateField("征集决策事项日期", null=True, blank=True)
    party_agreed_on = models.DateField("党委同意日期", null=True, blank=True)
    party_agreement_ref = models.CharField("党委同意文件或会议", max_length=128, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication_url = models.URLField("公布网址", blank=True)
    on_portal = models.BooleanField("在本平台公开栏目公布", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "重大行政决策事项目录"
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="catalog_one_per_unit_year",
                violation_error_message="本单位该年度已有决策事项目录。",
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True)
                | (
                    Q(party_agreed_on__isnull=False)
                    & Q(published_on__gte=models.F("party_agreed_on"))
                ),
                name="catalog_published_after_party_agreement",
                violation_error_message="决策事项目录须经同级党委同意后方可公布（决策条例第三条第三款）。",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CatalogItemQuerySet(ChainQuerySet):
    """Visible to the catalog's unit and to the lead unit (承办单位)."""

    also_visible_to = ("lead_unit",)


@pghistory.track()
class CatalogItem(UnitOwned):
    """One planned decision in a catalog; `unit` is the catalog's unit."""

    catalog = models.ForeignKey(
        DecisionCatalog, verbose_name="决策事项目录", on_delete=models.CASCADE, related_name="items"
    )
    order = models.PositiveSmallIntegerField("序号")
    title = models.CharField("决策事项", max_length=255)
    category = models.CharField("决策类别", max_length=24, choices=DecisionCategory.choices)
    lead_unit = models.ForeignKey(
        Unit, verbose_name="承办单位", on_delete=models.PROTECT, related_name="+"
    )
    cooperating_units = models.CharField("协办单位", max_length=255, blank=True)
    planned_date = models.DateField("计划完成时间")
    note = models.TextField("备注", blank=True)

    objects = CatalogItemQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "决策目录事项"
        ordering = ["catalog", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["catalog", "order"],
                name="catalog_item_unique_order",
                violation_error_message="目录中已有相同序号的事项。",
            )
        ]

    def __str__(self) -> str:
        return self.title


class DecisionState(models.TextChoices):
    DRAFTING = "drafting", "拟订中"
    LEGALITY_REVIEW = "legality_review", "合法性审查中"
    REVIEW_PASSED = "review_passed", "审查通过待讨论"
    DECIDED = "decided", "已集体讨论决定"
    NOT_ADOPTED = "not_adopted", "集体讨论未通过"
    REPORTED = "reported", "已向党委请示报告"
    PUBLISHED = "published", "已公布执行"
    SUSPENDED = "suspended", "中止执行"


def _advisor_subjects(model, user):
    return (
        ReviewRequest.objects.assigned_to_advisor(user)
        .filter(subject_ct=ContentType.objects.get_for_model(model))
        .values("subject_id")
    )


class MajorDecisionQuerySet(ChainQuerySet):
    """Visible to the deciding body, the lead unit, and an advisor asked for an opinion on it."""

    also_visible_to = ("lead_unit",)

    def assigned_to_advisor(self, user):
        return self.filter(pk__in=_advisor_subjects(self.model, user))


@pghistory.track()
class MajorDecision(UnitOwned):
    """A major decision of `unit` (决策机关), run by `lead_unit` (承办单位, D4)."""

    legality_review_required = True
    advisor_opinion_required = True
    legality_review_citation = "《重大行政决策程序暂行条例》第二十五条"

    title = models.CharField("决策事项", max_length=255)
    year = models.PositiveIntegerField("年度")
    category = models.CharField("决策类别", max_length=24, choices=DecisionCategory.choices)
    lead_unit = models.ForeignKey(
        Unit, verbose_name="承办单位", on_delete=models.PROTECT, related_name="+"
    )
    catalog_item = models.ForeignKey(
        CatalogItem,
        verbose_name="目录事项",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    description = models.TextField("决策草案要点", blank=True)
    public_participation_required = models.BooleanField("须公开征求意见", default=True)
    hearing_required = models.BooleanField("须举行听证", default=False)
    is_technical = models.BooleanField("专业性、技术性较强（须专家论证）", default=False)
    affects_stability = models.BooleanField(
        "可能影响社会稳定、公共安全（须风险评估）", default=False
    )
    affects_market = models.BooleanField("涉及市场主体经济活动（须公平竞争审查）", default=False)
    state = models.CharField(
        "状态", max_length=16, choices=DecisionState.choices, default=DecisionState.DRAFTING
    )
    discussed_on = models.DateField("集体讨论日期", null=True, blank=True)
    advisor_opinion_summary = models.TextField("法律顾问意见（导入的历史记录）", blank=True)
    not_published_basis = models.CharField("依法不予公开的依据", max_length=255, blank=True)
    imported = models.BooleanField("导入的历史记录", default=False)

    objects = MajorDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "重大行政决策"
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["year", "state"]), models.Index(fields=["discussed_on"])]

    def __str__(self) -> str:
        return self.title


class StepKind(models.TextChoices):
    PUBLIC_PARTICIPATION = "public_participation", "公众参与"
    HEARING = "hearing", "听证"
    EXPERT_REVIEW = "expert_review", "专家论证"
    RISK_ASSESSMENT = "risk_assessment", "风险评估"
    FAIR_COMPETITION = "fair_competition", "公平竞争审查"
    LEGALITY_REVIEW = "legality_review", "合法性审查"
    COLLECTIVE_DISCUSSION = "collective_discussion", "集体讨论决定"
    PARTY_REPORT = "party_report", "向党委请示报告"
    PUBLICATION = "publication", "决策公布"
    ARCHIVING = "archiving", "立卷归档"
    IMPLEMENTATION_REPORT = "implementation_report", "执行情况报告"
    POST_EVALUATION = "post_evaluation", "决策后评估"


class DecisionStepQuerySet(ChainQuerySet):
    def for_user(self, user):
        if is_advisor_only(user):
            return self.filter(decision__in=MajorDecision.objects.assigned_to_advisor(user))
        return self.filter(decision__in=MajorDecision.objects.for_user(user).values("pk"))


@pghistory.track()
class DecisionStep(UnitOwned):
    """One statutory step of a decision with its evidence; `unit` is the decision's."""

    decision = models.ForeignKey(
        MajorDecision, verbose_name="重大行政决策", on_delete=models.CASCADE, related_name="steps"
    )
    kind = models.CharField("程序环节", max_length=24, choices=StepKind.choices)
    started_on = models.DateField("开始日期", null=True, blank=True)
    completed_on = models.DateField("完成日期")
    evidence = models.TextField("佐证说明")
    evidence_file = models.FileField("佐证附件", upload_to="decisions/%Y/", blank=True)
    evidence_url = models.URLField("佐证网址", blank=True)
    shortened_reason = models.TextField("缩短征求意见期限的理由", blank=True)
    materials_sent_on = models.DateField("听证材料送达日期", null=True, blank=True)
    participants = models.TextField("参与专家/评估人员", blank=True)
    conflict_declared = models.BooleanField("已作无利害关系声明", default=False)
    risk_controllable = models.BooleanField("风险可控", null=True, blank=True)
    evaluator_did_pre_assessment = models.BooleanField("评估机构曾承担决策前评估", default=False)
    review = models.ForeignKey(
        "review.ReviewRequest",
        verbose_name="合法性审查",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    agenda_item = models.ForeignKey(
        "meetings.AgendaItem",
        verbose_name="会议议题",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = DecisionStepQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "决策程序环节"
        ordering = ["decision", "completed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(started_on__isnull=True) | Q(completed_on__gte=models.F("started_on")),
                name="decision_step_completed_after_start",
                violation_error_message="完成日期不能早于开始日期。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision}：{self.get_kind_display()}"
