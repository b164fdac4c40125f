"""Normative documents (行政规范性文件, legal-rules.md §3 N1-N15): the lifecycle from drafting to
repeal, 三统一 registration, filing, validity, cleanup campaigns and incidental review."""

import pghistory
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q

from fazhi.advisors.access import ChainQuerySet
from fazhi.core.models import UnitOwned
from fazhi.review.models import ReviewRequest


class IssuerKind(models.TextChoices):
    GOVERNMENT = "government", "人民政府"
    GOVERNMENT_OFFICE = "government_office", "人民政府办公室"
    DEPARTMENT = "department", "政府工作部门"
    DISPATCHED_ORGAN = "dispatched_organ", "派出机关"
    AUTHORISED_ORGANISATION = "authorised_organisation", "法律法规授权组织"
    COORDINATING_BODY = "coordinating_body", "议事协调机构"
    DEPARTMENT_BRANCH = "department_branch", "部门派出机构"
    INTERNAL_OFFICE = "internal_office", "部门内设机构"


# N2 (《湖南省规范性文件管理办法》第五条): these bodies may not issue normative documents.
FORBIDDEN_ISSUERS = (
    IssuerKind.COORDINATING_BODY,
    IssuerKind.DEPARTMENT_BRANCH,
    IssuerKind.INTERNAL_OFFICE,
)
GOVERNMENT_ISSUERS = (IssuerKind.GOVERNMENT, IssuerKind.GOVERNMENT_OFFICE)


class DocState(models.TextChoices):
    DRAFTING = "drafting", "起草中"
    CONSULTATION = "consultation", "公开征求意见中"
    LEGALITY_REVIEW = "legality_review", "合法性审核中"
    REVIEW_PASSED = "review_passed", "审核通过待审议"
    DISCUSSED = "discussed", "已集体审议待公布"
    PUBLISHED = "published", "已公布"
    AMENDED = "amended", "已修改（被新文件替代）"
    REPEALED = "repealed", "已废止"
    DECLARED_INVALID = "declared_invalid", "已宣布失效"
    EXPIRED = "expired", "有效期届满失效"
    ABANDONED = "abandoned", "已终止制定"


ENDED_STATES = (DocState.AMENDED, DocState.REPEALED, DocState.DECLARED_INVALID, DocState.EXPIRED)


def _advisor_subjects(model, user):
    return (
        ReviewRequest.objects.assigned_to_advisor(user)
        .filter(subject_ct=ContentType.objects.get_for_model(model))
        .values("subject_id")
    )


class NormativeDocumentQuerySet(ChainQuerySet):
    def assigned_to_advisor(self, user):
        return self.filter(pk__in=_advisor_subjects(self.model, user))

    def published(self):
        return self.filter(published_on__isnull=False).exclude(
            state__in=(DocState.ABANDONED, DocState.DRAFTING)
        )

    def in_force_on(self, day):
        """Published, in force by `day` (N6), not past validity (N8), not ended."""
        return self.filter(
            state=DocState.PUBLISHED, effective_on__lte=day, published_on__lte=day, suspended=False
        ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=day))

    def search(self, term: str):
        """Title and full text, through the pg_trgm GIN indexes (`LIKE '%term%'`)."""
        term = term.strip()
        if not term:
            return self
        return self.filter(Q(title__contains=term) | Q(body__contains=term))


@pghistory.track()
class NormativeDocument(UnitOwned):
    """A normative document of `unit` (制定机关)."""

    legality_review_required = True
    advisor_opinion_required = False
    legality_review_citation = (
        "国办发〔2018〕115号：未经合法性审核或者经审核不合法的文件，不得提交集体审议"
    )

    title = models.CharField("文件名称", max_length=255)
    body = models.TextField("正文")
    issuer_kind = models.CharField("制定机关类型", max_length=32, choices=IssuerKind.choices)
    document_number = models.CharField("发文字号", max_length=64, blank=True)
    state = models.CharField(
        "状态", max_length=24, choices=DocState.choices, default=DocState.DRAFTING
    )
    is_provisional = models.BooleanField("暂行或试行", default=False)
    needs_government_consent = models.BooleanField(
        "涉及群众切身利益、社会关注度高或涉外事项（须经本级政府同意）", default=False
    )
    government_consent_ref = models.CharField("本级政府同意文件", max_length=128, blank=True)
    consultation_start = models.DateField("征求意见开始日", null=True, blank=True)
    consultation_end = models.DateField("征求意见截止日", null=True, blank=True)
    consultation_shortened_reason = models.TextField("缩短征求意见期限的理由", blank=True)
    consultation_exempt_reason = models.TextField("不公开征求意见的理由", blank=True)
    consultation_summary = models.TextField("意见采纳情况", blank=True)
    registration_number = models.CharField("统一登记号", max_length=64, blank=True)
    registered_on = models.DateField("登记日期", null=True, blank=True)
    published_on = models.DateField("公布日期", null=True, blank=True)
    publication_channel = models.CharField("公布载体", max_length=128, blank=True)
    publication_url = models.URLField("公布网址", blank=True)
    effective_on = models.DateField("施行日期", null=True, blank=True)
    immediate_effect_reason = models.TextField("公布之日起施行的理由", blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    filed_on = models.DateField("报备日期", null=True, blank=True)
    filed_with = models.CharField("备案机关", max_length=128, blank=True)
    filing_reference = models.CharField("备案登记号", max_length=64, blank=True)
    pending_amendment = models.BooleanField("清理结论为修改（待修改）", default=False)
    suspended = models.BooleanField("停止执行（附带审查）", default=False)
    supersedes = models.ForeignKey(
        "self",
        verbose_name="替代的原文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    ended_on = models.DateField("失效/废止日期", null=True, blank=True)
    end_reason = models.TextField("失效/废止理由", blank=True)

    objects = NormativeDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "行政规范性文件"
        ordering = ["-published_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration_number"],
                condition=~Q(registration_number=""),
                name="normdoc_unique_registration_number",
                violation_error_message="统一登记号已被其他文件使用，不能重复（《湖南省规范性文件管理办法》“三统一”规定）。",
            ),
            models.CheckConstraint(
                condition=Q(filed_on__isnull=True)
                | (Q(published_on__isnull=False) & Q(filed_on__gte=models.F("published_on"))),
                name="normdoc_filed_after_publication",
                violation_error_message="报备日期不能早于公布日期（《湖南省规范性文件管理办法》第二十二条）。",
            ),
            models.CheckConstraint(
                condition=Q(effective_on__isnull=True)
                | Q(published_on__isnull=True)
                | Q(effective_on__gte=models.F("published_on")),
                name="normdoc_effective_after_publication",
                violation_error_message="施行日期不能早于公布日期（《湖南省规范性文件管理办法》第二十条）。",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(effective_on__isnull=True)
                | Q(valid_until__gt=models.F("effective_on")),
                name="normdoc_valid_until_after_effective",
                violation_error_message="有效期届满日须晚于施行日期（《湖南省规范性文件管理办法》有效期制度）。",
            ),
        ]
        indexes = [
            GinIndex(name="normdoc_title_trgm", fields=["title"], opclasses=["gin_trgm_ops"]),
            GinIndex(name="normdoc_body_trgm", fields=["body"], opclasses=["gin_trgm_ops"]),
            models.Index(fields=["state", "published_on"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_government_document(self) -> bool:
        return self.issuer_kind in GOVERNMENT_ISSUERS


class CleanupKind(models.TextChoices):
    PERIODIC = "periodic", "偶数年定期清理"
    FAIR_COMPETITION = "fair_competition", "公平竞争审查清理（不平等对待企业）"
    UPSTREAM = "upstream", "上位法修改废止及国务院宣布失效文件清理"
    AD_HOC = "ad_hoc", "即时清理"


class CleanupState(models.TextChoices):
    OPEN = "open", "清理中"
    COMPLETED = "completed", "清理完成"
    PUBLISHED = "published", "结果已公布"


@pghistory.track()
class CleanupCampaign(UnitOwned):
    """A cleanup campaign organised by `unit` (N9): scope, per-document outcomes, publication."""

    kind = models.CharField("清理类型", max_length=24, choices=CleanupKind.choices)
    year = models.PositiveIntegerField("年度")
    title = models.CharField("清理名称", max_length=255)
    basis = models.TextField("清理依据", blank=True)
    started_on = models.DateField("开始日期")
    cutoff_on = models.DateField("清理截止日（范围：此日前公布的文件）")
    completed_on = models.DateField("完成日期", null=True, blank=True)
    published_on = models.DateField("结果公布日期", null=True, blank=True)
    publication_url = models.URLField("结果公布网址", blank=True)
    state = models.CharField(
        "状态", max_length=16, choices=CleanupState.choices, default=CleanupState.OPEN
    )

    class Meta:
        verbose_name = verbose_name_plural = "规范性文件清理"
        ordering = ["-year", "-started_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True)
                | Q(completed_on__gte=models.F("started_on")),
                name="cleanup_completed_after_start",
                violation_error_message="完成日期不能早于开始日期。",
            ),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True)
                | Q(published_on__gte=models.F("completed_on")),
                name="cleanup_published_after_completion",
                violation_error_message="结果公布日期不能早于完成日期。",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class CleanupOutcome(models.TextChoices):
    REMAINS_VALID = "remains_valid", "继续有效"
    AMEND = "amend", "修改"
    DECLARE_INVALID = "declare_invalid", "宣布失效"
    REPEAL = "repeal", "废止"


class CleanupItemQuerySet(ChainQuerySet):
    """Visible to the document's unit and to the organiser of the campaign."""

    also_visible_to = ("campaign__unit",)


@pghistory.track()
class CleanupItem(UnitOwned):
    """One document in a campaign's scope and its outcome; `unit` is the document's unit."""

    campaign = models.ForeignKey(
        CleanupCampaign, verbose_name="清理", on_delete=models.CASCADE, related_name="items"
    )
    document = models.ForeignKey(
        NormativeDocument,
        verbose_name="规范性文件",
        on_delete=models.PROTECT,
        related_name="cleanup_items",
    )
    outcome = models.CharField(
        "清理结论", max_length=24, choices=CleanupOutcome.choices, blank=True
    )
    reason = models.TextField("理由", blank=True)
    applied = models.BooleanField("已执行", default=False)

    objects = CleanupItemQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "清理结论"
        ordering = ["campaign", "document__published_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "document"],
                name="cleanup_item_unique_document",
                violation_error_message="该文件已在本次清理范围内。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.document}：{self.get_outcome_display() or '待定'}"


class IncidentalSource(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议附带审查"
    FORWARDED = "forwarded", "行政复议机关转送"
    LITIGATION = "litigation", "人民法院司法建议（行政诉讼一并审查）"


class IncidentalOutcome(models.TextChoices):
    LAWFUL = "lawful", "合法"
    STOP_AND_CORRECT = "stop_and_correct", "停止执行并责令纠正"
    FORWARDED = "forwarded", "转送有权机关处理"


@pghistory.track()
class IncidentalReview(UnitOwned):
    """Incidental review of a document raised in reconsideration or litigation (N11, 复议法
    第十三条、第五十六条至第六十条); `unit` is the handling organ."""

    document = models.ForeignKey(
        NormativeDocument,
        verbose_name="被审查文件",
        on_delete=models.PROTECT,
        related_name="incidental_reviews",
    )
    source = models.CharField("来源", max_length=24, choices=IncidentalSource.choices)
    case_number = models.CharField("案号", max_length=64)
    reconsideration_case = models.ForeignKey(
        "reconsideration.ReconsiderationCase",
        verbose_name="行政复议案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="复议附带审查时，与复议登记簿中的案件关联（按案号匹配）。",
    )
    received_on = models.DateField("收到审查请求日期")
    competent = models.BooleanField(
        "本机关有权处理",
        default=True,
        help_text="行政复议附带审查：本机关无权处理的，应当在七个工作日内转送有权处理的机关。",
    )
    suspended_on = models.DateField("行政复议中止日期", null=True, blank=True)
    issuer_notified_on = models.DateField("书面通知制定机关日期", null=True, blank=True)
    issuer_notice_received_on = models.DateField("制定机关收到通知日期", null=True, blank=True)
    issuer_replied_on = models.DateField("制定机关书面答复日期", null=True, blank=True)
    outcome = models.CharField(
        "处理结果", max_length=24, choices=IncidentalOutcome.choices, blank=True
    )
    decided_on = models.DateField("处理日期", null=True, blank=True)
    note = models.TextField("处理意见", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "规范性文件附带审查"
        ordering = ["-received_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("received_on")),
                name="incidental_decided_after_received",
                violation_error_message="处理日期不能早于收到审查请求日期。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case_number}：{self.document}"
