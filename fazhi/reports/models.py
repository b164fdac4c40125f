"""The annual report (法治政府建设年度报告): outline templates, reports, versions, problems, duties.

A report's text lives in its versions: every save writes a new `ReportVersion` holding the whole
outline (sections, titles, chosen indicators, prose with `{{indicator.code}}` placeholders), who
saved it and which sections changed. Figures are never stored in the prose; they are rendered
from `fazhi.indicators` each time (docs/annual-report.md).
"""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fazhi.core.models import UnitOwned


class SectionKind(models.TextChoices):
    """The five required contents (督察工作规定, docs/rules.md R3) and the report's frame."""

    PREAMBLE = "preamble", "导语"
    WORK = "work", "上一年度推进法治政府建设的主要举措和成效"
    PROBLEMS = "problems", "存在的不足和原因"
    PLAN = "plan", "下一年度推进法治政府建设的主要安排"
    LEADERS = "leaders", "党政主要负责人履行推进法治建设第一责任人职责情况"
    OTHER = "other", "其他需要报告的情况"
    CLOSING = "closing", "结束语"


# Sections R3 makes mandatory: a template must keep at least one of each.
REQUIRED_KINDS = (SectionKind.WORK, SectionKind.PROBLEMS, SectionKind.PLAN, SectionKind.LEADERS)


@pghistory.track()
class ReportTemplate(UnitOwned):
    """The outline the office edits: sections, their order and titles, the indicators each shows.

    `unit` is the office that keeps it. `body_kind` says whether it drafts a government's report
    (district figures) or a department's (the department's own figures).
    """

    class BodyKind(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        DEPARTMENT = "department", "部门"

    name = models.CharField("模板名称", max_length=64)
    body_kind = models.CharField(
        "适用报告主体", max_length=12, choices=BodyKind.choices, default=BodyKind.GOVERNMENT
    )
    is_default = models.BooleanField("默认模板", default=False)
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告提纲模板"
        ordering = ["unit", "body_kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="report_template_unique_name"),
            models.UniqueConstraint(
                fields=["unit", "body_kind"],
                condition=Q(is_default=True),
                name="report_template_one_default",
                violation_error_message="同一单位每类报告主体只能有一个默认模板。",
            ),
        ]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class TemplateSection(models.Model):
    """One section of an outline. `title` is stored without its number (一、/（一）)."""

    template = models.ForeignKey(
        ReportTemplate, verbose_name="模板", on_delete=models.CASCADE, related_name="sections"
    )
    key = models.SlugField("章节代码", max_length=48)
    order = models.PositiveSmallIntegerField("顺序", default=0)
    level = models.PositiveSmallIntegerField(
        "标题层级",
        default=1,
        help_text="0 无标题（导语、结束语）；1 一级标题（一、）；2 二级标题（（一））",
    )
    kind = models.CharField("内容类别", max_length=12, choices=SectionKind.choices)
    title = models.CharField("标题", max_length=128, blank=True)
    required = models.BooleanField("必写", default=True)
    indicators = models.JSONField(
        "本节指标", default=list, blank=True, help_text="指标代码列表，初稿按此逐组生成语句。"
    )
    body = models.TextField(
        "初稿文字",
        blank=True,
        help_text="可留空：留空时按指标语句模板生成初稿。可用 {year}、{next_year}、{area} 和 {{指标代码}}。",
    )

    class Meta:
        verbose_name = verbose_name_plural = "提纲章节"
        ordering = ["template", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="template_section_key"),
            models.CheckConstraint(condition=Q(level__lte=2), name="template_section_level_0_2"),
        ]

    def __str__(self) -> str:
        return self.title or self.get_kind_display()


@pghistory.track()
class Report(UnitOwned):
    """The annual report of one body (`unit`: a government or a department) for one year.

    A department's report can be drafted here with the same machinery or uploaded as a file.
    """

    class Source(models.TextChoices):
        DRAFTED = "drafted", "平台起草"
        UPLOADED = "uploaded", "上传文件"
        AWAITED = "awaited", "待报送"

    year = models.PositiveSmallIntegerField("报告年度")
    template = models.ForeignKey(
        ReportTemplate,
        verbose_name="提纲模板",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    source = models.CharField(
        "报告来源", max_length=10, choices=Source.choices, default=Source.DRAFTED
    )
    title = models.CharField("标题", max_length=128, blank=True)
    issuing_body = models.CharField("发文机关署名", max_length=128, blank=True)
    signed_on = models.DateField("成文日期", null=True, blank=True)
    file_name = models.CharField("上传文件名", max_length=200, blank=True)
    file_content = models.BinaryField("上传文件", null=True, blank=True, editable=False)
    uploaded_at = models.DateTimeField("上传时间", null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="上传人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("创建时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "法治政府建设年度报告"
        ordering = ["-year", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="report_once_per_unit_year"),
            models.CheckConstraint(
                condition=Q(year__gte=2000) & Q(year__lte=2100), name="report_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}·{self.year}年度法治政府建设年度报告"

    @property
    def body_name(self) -> str:
        return self.issuing_body or self.unit.name

    @property
    def display_title(self) -> str:
        return self.title or f"{self.body_name}关于{self.year}年法治政府建设情况的报告"

    def latest_version(self):
        return self.versions.order_by("-number").first()


@pghistory.track()
class ReportVersion(models.Model):
    """One saved state of a report's text. Never edited: a change is a new version."""

    report = models.ForeignKey(
        Report, verbose_name="报告", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField("版本号")
    sections = models.JSONField("章节", default=list)
    changed = models.JSONField("本版修改的章节", default=list, blank=True)
    note = models.CharField("修改说明", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="修改人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("保存时间", default=timezone.now)
    frozen_at = models.DateTimeField("定稿时间", null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="定稿人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    snapshot = models.JSONField(
        "定稿时的数字",
        default=dict,
        blank=True,
        help_text="定稿或导出时每个数字的显示、精确值、口径和来源；此后新增或更正的记录不改变该版本。",
    )

    class Meta:
        verbose_name = verbose_name_plural = "年度报告版本"
        ordering = ["report", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="report_version_number"),
        ]

    def __str__(self) -> str:
        return f"{self.report} 第{self.number}版"

    def section(self, key: str) -> dict | None:
        return next((s for s in self.sections if s.get("key") == key), None)

    @property
    def is_frozen(self) -> bool:
        return self.frozen_at is not None


@pghistory.track(exclude=["content"])
class ReportExport(models.Model):
    """An export of one version, with the warnings standing when it was made (kept, not fixed)."""

    class Format(models.TextChoices):
        DOCX = "docx", "Word（.docx）"
        PDF = "pdf", "PDF"

    version = models.ForeignKey(
        ReportVersion, verbose_name="版本", on_delete=models.CASCADE, related_name="exports"
    )
    format = models.CharField("格式", max_length=4, choices=Format.choices)
    warnings = models.JSONField("导出时的警示", default=list, blank=True)
    figures = models.JSONField("导出时的数字", default=dict, blank=True)
    sha256 = models.CharField("文件摘要", max_length=64)
    size = models.PositiveIntegerField("文件大小（字节）")
    content = models.BinaryField("文件", editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导出人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("导出时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "年度报告导出记录"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.version} {self.get_format_display()} {self.created_at:%Y-%m-%d %H:%M}"


class ProblemState(models.TextChoices):
    PROPOSED = "proposed", "待确认"
    ACCEPTED = "accepted", "采纳"
    EDITED = "edited", "修改后采纳"
    DROPPED = "dropped", "不采纳"


@pghistory.track()
class ProblemItem(models.Model):
    """A problem for section 二, proposed from compliance findings; the office decides each one."""

    report = models.ForeignKey(
        Report, verbose_name="报告", on_delete=models.CASCADE, related_name="problems"
    )
    group = models.CharField("问题类别", max_length=32)
    check_code = models.CharField("核查规则", max_length=100)
    order = models.PositiveSmallIntegerField("顺序", default=0)
    proposed_text = models.TextField("建议表述")
    text = models.TextField("采用表述", blank=True)
    state = models.CharField(
        "状态", max_length=10, choices=ProblemState.choices, default=ProblemState.PROPOSED
    )
    unit_count = models.PositiveIntegerField("涉及单位数", default=0)
    unit_names = models.JSONField("涉及单位（附件名单）", default=list, blank=True)
    annex_title = models.CharField("附件名单标题", max_length=128, blank=True)
    detail = models.JSONField("核查结果", default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField("确认时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "存在问题（建议与确认）"
        ordering = ["report", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "check_code"], name="problem_once_per_check"),
            models.CheckConstraint(
                condition=~Q(state="edited") | ~Q(text=""),
                name="problem_edited_has_text",
                violation_error_message="修改后采纳须填写采用表述。",
            ),
        ]

    def __str__(self) -> str:
        return self.final_text[:40]

    @property
    def final_text(self) -> str:
        return self.text if self.state == ProblemState.EDITED else self.proposed_text

    @property
    def included(self) -> bool:
        return self.state in (ProblemState.ACCEPTED, ProblemState.EDITED)


class DutyKind(models.TextChoices):
    SUBMIT = "submit", "报送"
    PUBLISH = "publish", "向社会公开"


@pghistory.track()
class ReportingDuty(UnitOwned):
    """A reporting or publication duty of a report (督察工作规定 23-25, docs/rules.md R1-R2).

    The due date comes from the deadline engine (rules in `fazhi/reports/deadlines.py`, which the
    office can override); recording the submission or the publication closes the clock.
    """

    report = models.ForeignKey(
        Report, verbose_name="报告", on_delete=models.CASCADE, related_name="duties"
    )
    kind = models.CharField("义务", max_length=8, choices=DutyKind.choices)
    recipient = models.CharField("报送对象 / 公开渠道", max_length=128)
    rule_code = models.CharField("期限规则", max_length=100)
    due_date = models.DateField("截止日期")
    due_explanation = models.TextField("截止日期说明", blank=True)
    clock = models.ForeignKey(
        "deadlines.Clock",
        verbose_name="期限",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    done_on = models.DateField("报送 / 公开日期", null=True, blank=True)
    url = models.URLField("公开网址", blank=True)
    portal_entry = models.CharField("门户栏目 / 文号", max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("登记时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "报送与公开义务"
        ordering = ["report", "kind", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "kind", "recipient"], name="duty_once_per_recipient"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.report}：{self.get_kind_display()}{self.recipient}"

    @property
    def is_done(self) -> bool:
        return self.done_on is not None

    @property
    def on_time(self) -> bool | None:
        return None if self.done_on is None else self.done_on <= self.due_date

    @property
    def status_label(self) -> str:
        if self.done_on is None:
            return "逾期未办" if self.due_date < timezone.localdate() else "待办"
        return "按时办结" if self.on_time else "逾期办结"
