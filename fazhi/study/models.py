"""学法述法: law study of leading cadres and staff, exams, duty reports (述法) and the district's
全面依法治区委员会 (its meetings, the documents it adopts and the tasks it assigns to units).

The executive meeting's 第一议题 study items are agenda items of `fazhi.meetings` (kind
`first_agenda_study`); they are read from there, never typed again here.
"""

import pghistory
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import ExtractYear

from fazhi.core.crypto import BlindIndexField, EncryptedTextField
from fazhi.core.models import Division, UnitOwned

# --- 应知应会清单: reference data the office maintains; every unit under it reads it -----------


class RequiredLawKind(models.TextChoices):
    PARTY_REGULATION = "party_regulation", "党内法规"
    LAW = "law", "法律"
    ADMINISTRATIVE_REGULATION = "administrative_regulation", "行政法规"
    LOCAL_REGULATION = "local_regulation", "地方性法规"
    RULE = "rule", "规章"


@pghistory.track()
class RequiredLawList(models.Model):
    """领导干部应知应会党内法规和法律法规规章清单 of a division (the city's list applies to every
    unit under it). The list in force for year Y is the latest with `year` ≤ Y."""

    division = models.ForeignKey(
        Division, verbose_name="适用区划", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveIntegerField("适用年度（起）")
    title = models.CharField("清单名称", max_length=255)
    issuer = models.CharField("发布机关", max_length=128, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "应知应会清单"
        ordering = ["-year", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["division", "year"],
                name="required_law_list_one_per_year",
                violation_error_message="该区划当年已有应知应会清单。",
            )
        ]

    def __str__(self) -> str:
        return self.title


@pghistory.track()
class RequiredLaw(models.Model):
    """One law or party regulation of a 应知应会 list."""

    law_list = models.ForeignKey(
        RequiredLawList, verbose_name="清单", on_delete=models.CASCADE, related_name="laws"
    )
    order = models.PositiveSmallIntegerField("序号")
    title = models.CharField("名称", max_length=255)
    kind = models.CharField("类别", max_length=32, choices=RequiredLawKind.choices)

    class Meta:
        verbose_name = verbose_name_plural = "应知应会法规"
        ordering = ["law_list", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["law_list", "order"],
                name="required_law_unique_order",
                violation_error_message="清单中已有相同序号的法规。",
            ),
            models.UniqueConstraint(
                fields=["law_list", "title"],
                name="required_law_unique_title",
                violation_error_message="清单中已有同名法规。",
            ),
        ]

    def __str__(self) -> str:
        return f"《{self.title}》" if not self.title.startswith("《") else self.title


# --- people ---------------------------------------------------------------------------------


@pghistory.track()
class StaffMember(UnitOwned):
    """A leader or staff member of `unit` (国家工作人员): attends study, sits the law exam."""

    name = models.CharField("姓名", max_length=32)
    position = models.CharField("职务", max_length=64, blank=True)
    is_leader = models.BooleanField("领导干部", default=False)
    id_number = EncryptedTextField("身份证号", blank=True, purpose="study.staff.id_number")
    id_number_index = BlindIndexField(source="id_number", purpose="id_number")
    active = models.BooleanField("在岗", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "工作人员"
        ordering = ["unit", "-is_leader", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_index"],
                condition=~Q(id_number_index=""),
                name="staff_member_unique_id_number",
                violation_error_message="该身份证号已登记为其他工作人员。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.position}）" if self.position else self.name


# --- study sessions -------------------------------------------------------------------------


class StudyKind(models.TextChoices):
    CENTRAL_GROUP = "central_group", "党委（党组）理论学习中心组学法"
    PRE_MEETING = "pre_meeting", "常务会议、党组会会前学法"
    LECTURE = "lecture", "法治专题讲座"
    TRIAL_OBSERVATION = "trial_observation", "旁听庭审"
    PRE_DECISION = "pre_decision", "重大行政决策前专题学法"
    OTHER = "other", "其他专题学法"


@pghistory.track()
class StudySession(UnitOwned):
    """One law-study session of `unit`: its date, topic, the laws studied (from the 应知应会 list)
    and the unit's people who attended. `decision` links the major decision it prepared."""

    kind = models.CharField("学法形式", max_length=24, choices=StudyKind.choices)
    held_on = models.DateField("学法日期")
    topic = models.CharField("学习主题", max_length=255)
    lecturer = models.CharField("主讲人", max_length=64, blank=True)
    laws = models.ManyToManyField(
        RequiredLaw, verbose_name="学习的应知应会法规", blank=True, related_name="sessions"
    )
    other_laws = models.CharField("其他学习内容", max_length=255, blank=True)
    attendees = models.ManyToManyField(
        StaffMember, verbose_name="参加人员", blank=True, related_name="sessions"
    )
    decision = models.ForeignKey(
        "decisions.MajorDecision",
        verbose_name="学法所服务的重大行政决策",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    notes = models.TextField("学习记录", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="登记人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "学法活动"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["unit", "held_on"])]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.topic}"


# --- exams ----------------------------------------------------------------------------------


@pghistory.track()
class LawExamEntry(UnitOwned):
    """One person on the yearly 国家工作人员学法考法 roster of `unit`: studied (参学), registered
    (报考), sat (参考), passed (通过). A pass needs a sitting, a sitting a registration."""

    year = models.PositiveIntegerField("年度")
    person = models.ForeignKey(
        StaffMember, verbose_name="人员", on_delete=models.PROTECT, related_name="exam_entries"
    )
    studied = models.BooleanField("参学", default=False)
    registered = models.BooleanField("报考", default=False)
    sat = models.BooleanField("参考", default=False)
    passed = models.BooleanField("通过", default=False)
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1, null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "学法考法名单"
        ordering = ["-year", "unit", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "person"],
                name="law_exam_one_entry_per_person_year",
                violation_error_message="该人员已列入当年学法考法名单。",
            ),
            models.CheckConstraint(
                condition=Q(passed=False) | Q(sat=True),
                name="law_exam_pass_needs_sitting",
                violation_error_message="未参加考试的人员不能登记为考试通过。",
            ),
            models.CheckConstraint(
                condition=Q(sat=False) | Q(registered=True),
                name="law_exam_sitting_needs_registration",
                violation_error_message="未报考的人员不能登记为参加考试。",
            ),
        ]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return f"{self.year}年 {self.person.name}"

    def clean(self):
        if self.person_id and self.unit_id and self.person.unit_id != self.unit_id:
            raise ValidationError({"person": "该人员不是本单位工作人员。"})


@pghistory.track()
class AppointmentExam(UnitOwned):
    """任前考法: a newly appointed leader's law exam before taking office."""

    person = models.ForeignKey(
        StaffMember,
        verbose_name="拟任人员",
        on_delete=models.PROTECT,
        related_name="appointment_exams",
    )
    position = models.CharField("拟任职务", max_length=64)
    exam_date = models.DateField("考试日期")
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField("合格", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "任前考法"
        ordering = ["-exam_date"]

    def __str__(self) -> str:
        return f"{self.person.name} 任前考法（{self.exam_date:%Y-%m-%d}）"

    def clean(self):
        if self.person_id and self.unit_id and self.person.unit_id != self.unit_id:
            raise ValidationError({"person": "该人员不是本单位工作人员。"})


# --- the committee (全面依法治区委员会) ------------------------------------------------------


@pghistory.track()
class CommitteeMeeting(UnitOwned):
    """A meeting of the 全面依法治区委员会; `unit` is its office (依法治区办) that records it."""

    number = models.PositiveIntegerField("届次（第几次会议）")
    held_on = models.DateField("会议日期")
    title = models.CharField("会议名称", max_length=255)
    chair = models.CharField("主持人", max_length=64, blank=True)
    attendees = models.TextField("出席人员", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "依法治区委员会会议"
        ordering = ["-held_on"]
        constraints = [
            models.UniqueConstraint(
                "unit",
                ExtractYear("held_on"),
                "number",
                name="committee_meeting_unique_number_in_year",
                violation_error_message="当年已有该届次的委员会会议。",
            )
        ]

    def __str__(self) -> str:
        return self.title


class CommitteeDocumentKind(models.TextChoices):
    SUMMARY = "summary", "工作总结"
    KEY_POINTS = "key_points", "工作要点"
    PLAN = "plan", "实施方案"
    OTHER = "other", "其他文件"


@pghistory.track()
class CommitteeDocument(UnitOwned):
    """A document the committee adopted at a meeting (e.g. 2023年工作总结, 2024年工作要点)."""

    meeting = models.ForeignKey(
        CommitteeMeeting,
        verbose_name="审议会议",
        on_delete=models.PROTECT,
        related_name="documents",
    )
    kind = models.CharField("文件类型", max_length=16, choices=CommitteeDocumentKind.choices)
    title = models.CharField("文件名称", max_length=255)
    covers_year = models.PositiveIntegerField("所属年度")

    class Meta:
        verbose_name = verbose_name_plural = "委员会审议通过的文件"
        ordering = ["-meeting__held_on", "kind"]

    def __str__(self) -> str:
        return f"《{self.title}》"


class TaskState(models.TextChoices):
    ASSIGNED = "assigned", "已交办"
    DONE = "done", "已办结"


TASK_RULES = (
    ("study.task_short", "15个工作日"),
    ("study.task_standard", "30个工作日"),
    ("study.task_quarter", "3个月"),
    ("study.task_half_year", "6个月"),
)


@pghistory.track()
class CommitteeTask(UnitOwned):
    """A task the committee assigned to `unit` (the responsible unit), with its deadline clock
    (fazhi.deadlines) and follow-up (督办) on the timeline."""

    meeting = models.ForeignKey(
        CommitteeMeeting,
        verbose_name="交办会议",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    document = models.ForeignKey(
        CommitteeDocument,
        verbose_name="依据文件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    title = models.CharField("任务", max_length=255)
    detail = models.TextField("任务要求", blank=True)
    assigned_on = models.DateField("交办日期")
    period_rule = models.CharField("办理期限", max_length=32, choices=TASK_RULES)
    due_date = models.DateField("办结期限", null=True, blank=True)
    state = models.CharField(
        "状态", max_length=16, choices=TaskState.choices, default=TaskState.ASSIGNED
    )
    completed_on = models.DateField("办结日期", null=True, blank=True)
    result = models.TextField("办理结果", blank=True)
    follow_ups = models.PositiveSmallIntegerField("督办次数", default=0)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField("更新时间", null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后办理人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "委员会交办任务"
        ordering = ["state", "due_date", "id"]
        indexes = [models.Index(fields=["unit", "state"])]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today) -> bool:
        """Open past its due date, or closed after it."""
        if self.due_date is None:
            return False
        if self.state == TaskState.DONE:
            return self.completed_on is not None and self.completed_on > self.due_date
        return today > self.due_date


class TaskEvent(models.Model):
    """The timeline of a committee task: assignment, follow-ups, completion."""

    task = models.ForeignKey(CommitteeTask, on_delete=models.CASCADE, related_name="timeline")
    verb = models.CharField(max_length=32)
    text = models.CharField("事项", max_length=255)
    on = models.DateField("日期", null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    citation = models.CharField("依据", max_length=128, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "交办任务办理记录"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


# --- 述法 and the 第一责任人 duty lists --------------------------------------------------------


class DutyReportMode(models.TextChoices):
    PUBLIC = "public", "公开述法"
    WRITTEN = "written", "书面述法"


@pghistory.track()
class DutyReport(UnitOwned):
    """A unit head's report on performing the 法治建设第一责任人 duties (述法): in public at a
    committee meeting, or in writing."""

    year = models.PositiveIntegerField("述法年度")
    head_name = models.CharField("述法人", max_length=32)
    head_position = models.CharField("职务", max_length=64)
    mode = models.CharField("述法方式", max_length=16, choices=DutyReportMode.choices)
    reported_on = models.DateField("述法日期")
    committee_meeting = models.ForeignKey(
        CommitteeMeeting,
        verbose_name="述法会议",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duty_reports",
    )
    summary = models.TextField("述法内容摘要", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "述法"
        ordering = ["-reported_on", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "head_name"],
                name="duty_report_one_per_head_year",
                violation_error_message="该负责人当年已述法。",
            ),
            models.CheckConstraint(
                condition=~Q(mode="public") | Q(committee_meeting__isnull=False),
                name="duty_report_public_at_meeting",
                violation_error_message="公开述法须登记述法所在的委员会会议。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.head_name}（{self.get_mode_display()}）"


@pghistory.track()
class ResponsibilityList(UnitOwned):
    """The 第一责任人 duty list of one head of `unit` for a year (one duty per line)."""

    year = models.PositiveIntegerField("年度")
    head_name = models.CharField("负责人", max_length=32)
    head_position = models.CharField("职务", max_length=64)
    duties = models.TextField("职责清单（每行一项）")

    class Meta:
        verbose_name = verbose_name_plural = "第一责任人职责清单"
        ordering = ["-year", "unit"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "head_name"],
                name="responsibility_list_one_per_head_year",
                violation_error_message="该负责人当年已有职责清单。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年 {self.head_name} 第一责任人职责清单"

    @property
    def duty_lines(self) -> list[str]:
        return [line.strip() for line in self.duties.splitlines() if line.strip()]
