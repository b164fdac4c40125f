"""Government information disclosure (政务公开, 政府信息公开条例 2019; legal-rules.md §10 O1–O11):
proactive items by column and category, interpretations by form, letters from the public,
requests (依申请公开) with their statutory procedure, the 文书 templates, the annual report."""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fazhi.core.models import UnitOwned


class Category(models.TextChoices):
    """The categories of the national annual-report template's table (二)."""

    RULES = "rules", "规章"
    NORMATIVE = "normative", "行政规范性文件"
    LICENCE = "licence", "行政许可"
    PENALTY = "penalty", "行政处罚"
    COERCION = "coercion", "行政强制"
    FEES = "fees", "行政事业性收费"
    PROCUREMENT = "procurement", "政府集中采购"
    POLICY = "policy", "政策文件及解读"
    WORK = "work", "工作动态"
    OTHER = "other", "其他"


@pghistory.track()
class ProactiveItem(UnitOwned):
    """An item published on the portal (主动公开): its column, the date the information was
    formed or changed and the publication date (20 working days, 《条例》第二十六条)."""

    source_ref = models.CharField("发布系统编号", max_length=64)
    title = models.CharField("标题", max_length=300)
    column = models.CharField("栏目", max_length=100)
    category = models.CharField("类别", max_length=16, choices=Category.choices)
    formed_on = models.DateField("信息形成（变更）日期")
    published_on = models.DateField("公开日期")
    due_date = models.DateField("公开期限")
    on_time = models.BooleanField("按期公开")

    class Meta:
        verbose_name = verbose_name_plural = "主动公开信息"
        ordering = ["-published_on"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "source_ref"], name="proactive_unique_ref"),
            models.CheckConstraint(
                condition=Q(published_on__gte=models.F("formed_on")),
                name="proactive_published_after_formed",
                violation_error_message="公开日期不能早于信息形成日期。",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class InterpretationForm(models.TextChoices):
    TEXT = "text", "文字解读"
    GRAPHIC = "graphic", "图解"
    VIDEO = "video", "音视频"
    MEDIA = "media", "媒体解读"


@pghistory.track()
class Interpretation(UnitOwned):
    """A policy interpretation (解读), linked to the document it explains."""

    title = models.CharField("标题", max_length=300)
    form = models.CharField("解读形式", max_length=16, choices=InterpretationForm.choices)
    subject = models.CharField("解读对象", max_length=200, blank=True)
    document = models.ForeignKey(
        ProactiveItem,
        verbose_name="所解读的政策文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    published_on = models.DateField("发布日期")

    class Meta:
        verbose_name = verbose_name_plural = "政策解读"
        ordering = ["-published_on"]

    def __str__(self) -> str:
        return self.title


class LetterChannel(models.TextChoices):
    PORTAL = "portal", "门户网站信箱"
    HOTLINE_12345 = "hotline_12345", "12345热线转办"


class LetterState(models.TextChoices):
    RECEIVED = "received", "待回复"
    REPLIED = "replied", "已回复"


@pghistory.track()
class Letter(UnitOwned):
    """A letter from the public; its reply deadline depends on the channel (configurable)."""

    number = models.CharField("信件编号", max_length=64)
    channel = models.CharField("来信渠道", max_length=16, choices=LetterChannel.choices)
    received_on = models.DateField("收信日期")
    subject = models.CharField("主题", max_length=300)
    content = models.TextField("来信内容", blank=True)
    due_date = models.DateField("回复期限")
    replied_on = models.DateField("回复日期", null=True, blank=True)
    reply = models.TextField("回复内容", blank=True)
    state = models.CharField(
        "状态", max_length=16, choices=LetterState.choices, default=LetterState.RECEIVED
    )
    version = models.PositiveIntegerField("版本", default=1, editable=False)
    updated_at = models.DateTimeField("修改时间", default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后办理人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "群众来信"
        ordering = ["-received_on"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="letter_unique_number"),
            models.CheckConstraint(
                condition=Q(replied_on__isnull=True) | Q(replied_on__gte=models.F("received_on")),
                name="letter_replied_after_received",
                violation_error_message="回复日期不能早于收信日期。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"


class ApplicantType(models.TextChoices):
    """The applicant columns of the national template's table (三)."""

    PERSON = "person", "自然人"
    ENTERPRISE = "enterprise", "商业企业"
    RESEARCH = "research", "科研机构"
    WELFARE = "welfare", "社会公益组织"
    LAW_FIRM = "law_firm", "法律服务机构"
    OTHER = "other", "其他"


class RequestChannel(models.TextChoices):
    """How the request came (O2, 《条例》第三十一条): each fixes the receipt date."""

    IN_PERSON = "in_person", "当面提交"
    SIGNED_MAIL = "signed_mail", "邮寄（需签收）"
    ORDINARY_LETTER = "ordinary_letter", "平常信函"
    ONLINE = "online", "互联网渠道"
    FAX = "fax", "传真"


class RequestState(models.TextChoices):
    RECEIVED = "received", "办理中"
    AWAITING_CORRECTION = "awaiting_correction", "待补正"
    CONSULTING = "consulting", "征求第三方意见中"
    REPLIED = "replied", "已答复"


class ReplyType(models.TextChoices):
    """The outcomes of the national template's table (三) 三、本年度办理结果 (O8)."""

    DISCLOSED = "disclosed", "（一）予以公开"
    PARTIAL = "partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    WITHHELD_SECRET = "withheld_secret", "（三）不予公开：1.属于国家秘密"
    WITHHELD_LAW = "withheld_law", "（三）不予公开：2.其他法律行政法规禁止公开"
    WITHHELD_SAFETY = "withheld_safety", "（三）不予公开：3.危及“三安全一稳定”"
    WITHHELD_THIRD_PARTY = "withheld_third_party", "（三）不予公开：4.保护第三方合法权益"
    WITHHELD_INTERNAL = "withheld_internal", "（三）不予公开：5.属于三类内部事务信息"
    WITHHELD_PROCESS = "withheld_process", "（三）不予公开：6.属于四类过程性信息"
    WITHHELD_ENFORCEMENT = "withheld_enforcement", "（三）不予公开：7.属于行政执法案卷"
    WITHHELD_QUERY = "withheld_query", "（三）不予公开：8.属于行政查询事项"
    UNABLE_NOT_HELD = "unable_not_held", "（四）无法提供：1.本机关不掌握相关政府信息"
    UNABLE_TO_PRODUCE = "unable_to_produce", "（四）无法提供：2.没有现成信息需要另行制作"
    UNABLE_UNCLEAR = "unable_unclear", "（四）无法提供：3.补正后申请内容仍不明确"
    REFUSED_PETITION = "refused_petition", "（五）不予处理：1.信访举报投诉类申请"
    REFUSED_REPEAT = "refused_repeat", "（五）不予处理：2.重复申请"
    REFUSED_PUBLICATION = "refused_publication", "（五）不予处理：3.要求提供公开出版物"
    REFUSED_EXCESSIVE = "refused_excessive", "（五）不予处理：4.无正当理由大量反复申请"
    REFUSED_CONFIRMATION = (
        "refused_confirmation",
        "（五）不予处理：5.要求行政机关确认或重新出具已获取信息",
    )
    OTHER_NO_CORRECTION = (
        "other_no_correction",
        "（六）其他处理：1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    )
    OTHER_NO_FEE = (
        "other_no_fee",
        "（六）其他处理：2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    )
    OTHER = "other", "（六）其他处理：3.其他"


# reply type → the articles of 政府信息公开条例 it applies (O8), shown on the 文书
REPLY_ARTICLES = {
    ReplyType.DISCLOSED: "《政府信息公开条例》第三十六条第（二）项",
    ReplyType.PARTIAL: "《政府信息公开条例》第三十七条",
    ReplyType.WITHHELD_SECRET: "《政府信息公开条例》第十四条、第三十六条第（三）项",
    ReplyType.WITHHELD_LAW: "《政府信息公开条例》第十四条、第三十六条第（三）项",
    ReplyType.WITHHELD_SAFETY: "《政府信息公开条例》第十四条、第三十六条第（三）项",
    ReplyType.WITHHELD_THIRD_PARTY: "《政府信息公开条例》第十五条、第三十二条、第三十六条第（三）项",
    ReplyType.WITHHELD_INTERNAL: "《政府信息公开条例》第十六条第一款、第三十六条第（三）项",
    ReplyType.WITHHELD_PROCESS: "《政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    ReplyType.WITHHELD_ENFORCEMENT: "《政府信息公开条例》第十六条第二款、第三十六条第（三）项",
    ReplyType.WITHHELD_QUERY: "《政府信息公开条例》第三十六条第（七）项",
    ReplyType.UNABLE_NOT_HELD: "《政府信息公开条例》第三十六条第（四）项",
    ReplyType.UNABLE_TO_PRODUCE: "《政府信息公开条例》第三十八条",
    ReplyType.UNABLE_UNCLEAR: "《政府信息公开条例》第三十条",
    ReplyType.REFUSED_PETITION: "《政府信息公开条例》第三十九条第一款",
    ReplyType.REFUSED_REPEAT: "《政府信息公开条例》第三十六条第（六）项",
    ReplyType.REFUSED_PUBLICATION: "《政府信息公开条例》第三十九条第二款",
    ReplyType.REFUSED_EXCESSIVE: "《政府信息公开条例》第三十五条",
    ReplyType.REFUSED_CONFIRMATION: "《政府信息公开条例》第三十九条第二款",
    ReplyType.OTHER_NO_CORRECTION: "《政府信息公开条例》第三十条",
    ReplyType.OTHER_NO_FEE: "《政府信息公开条例》第四十二条",
    ReplyType.OTHER: "《政府信息公开条例》第三十三条",
}
WITHHELD = tuple(t for t in ReplyType.values if t.startswith("withheld"))


@pghistory.track()
class DisclosureRequest(UnitOwned):
    """A request for government information (依申请公开) and its statutory procedure."""

    number = models.CharField("申请编号", max_length=64)
    applicant_name = models.CharField("申请人", max_length=100)
    applicant_type = models.CharField("申请人类型", max_length=16, choices=ApplicantType.choices)
    contact = models.CharField("联系方式", max_length=100, blank=True)
    channel = models.CharField("申请方式", max_length=16, choices=RequestChannel.choices)
    submitted_on = models.DateField("提交日期")
    signed_on = models.DateField("签收日期", null=True, blank=True)
    confirmed_on = models.DateField("双方确认日期", null=True, blank=True)
    received_on = models.DateField("收到申请日期")
    description = models.TextField("所需信息描述")
    form_requested = models.CharField("获取方式", max_length=100, blank=True)
    pages = models.PositiveIntegerField("提供信息页数", default=0)
    state = models.CharField(
        "状态", max_length=24, choices=RequestState.choices, default=RequestState.RECEIVED
    )
    correction_requested_on = models.DateField("补正告知日期", null=True, blank=True)
    corrected_on = models.DateField("收到补正日期", null=True, blank=True)
    reply_type = models.CharField("答复类型", max_length=24, choices=ReplyType.choices, blank=True)
    reply_basis = models.TextField("答复理由", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    fee = models.DecimalField("信息处理费（元）", max_digits=10, decimal_places=2, default=0)
    version = models.PositiveIntegerField("版本", default=1, editable=False)
    updated_at = models.DateTimeField("修改时间", default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后办理人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "依申请公开"
        ordering = ["-received_on"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "number"], name="request_unique_number"),
            models.CheckConstraint(
                condition=Q(received_on__gte=models.F("submitted_on")),
                name="request_received_after_submitted",
                violation_error_message="收到申请日期不能早于提交日期。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}（{self.applicant_name}）"


@pghistory.track()
class RequestEvent(models.Model):
    """The timeline of a request: each step with its date and article."""

    request = models.ForeignKey(
        DisclosureRequest, on_delete=models.CASCADE, related_name="steps", verbose_name="申请"
    )
    verb = models.CharField("步骤", max_length=32)
    text = models.CharField("内容", max_length=300)
    on = models.DateField("日期", null=True, blank=True)
    citation = models.CharField("依据", max_length=200, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "依申请公开办理记录"
        ordering = ["request", "created_at", "pk"]

    def __str__(self) -> str:
        return self.text


class DocumentKind(models.TextChoices):
    CORRECTION = "correction", "补正申请告知书"
    THIRD_PARTY = "third_party", "第三方意见征询函"
    EXTENSION = "extension", "延期答复告知书"
    REPLY = "reply", "政府信息公开申请答复书"
    FEE = "fee", "信息处理费缴费通知书"


@pghistory.track()
class DocumentTemplate(UnitOwned):
    """An editable template of a 文书; `{申请人}`, `{申请编号}`, `{收到日期}`, `{所需信息}`,
    `{答复类型}`, `{答复理由}`, `{依据}`, `{期限}`, `{费用}`, `{机关}`, `{日期}` are filled in."""

    kind = models.CharField("文书", max_length=16, choices=DocumentKind.choices)
    title = models.CharField("标题", max_length=100)
    body = models.TextField("正文")

    class Meta:
        verbose_name = verbose_name_plural = "政府信息公开文书模板"
        ordering = ["kind"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind"], name="doctemplate_unique_kind"),
        ]

    def __str__(self) -> str:
        return self.title
