"""The enforcement register (行政执法, docs/rules.md §7–§9): officers and their certificates,
qualification exams, training, the unit's closed-case ledger and the case-file review.

Every record a unit owns inherits `UnitOwned`; the justice bureau's supervisors read every unit
of the district (`access.SupervisedQuerySet`). ID numbers are encrypted with a blind index
(fazhi.core.crypto) and shown masked. Steps go through `workflow.py`, writes through
`services.py`.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q

from fazhi.core.crypto import BlindIndexField, EncryptedTextField, mask
from fazhi.core.models import Unit, UnitOwned
from fazhi.enforcement.access import SupervisedQuerySet

ID_PURPOSE = "enforcement.officer.id_number"


class Versioned(models.Model):
    """Optimistic locking for records that move through steps (core.workflow)."""

    version = models.PositiveIntegerField("版本", default=1, editable=False)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后办理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        abstract = True


# --- officers --------------------------------------------------------------------------------


class PersonType(models.TextChoices):
    """E3 (湖南省人民政府令第280号第二条): only 执法人员 count toward the two officers (E1)."""

    OFFICER = "officer", "行政执法人员"
    AUXILIARY = "auxiliary", "行政执法辅助人员"


class OfficerStatus(models.TextChoices):
    ACTIVE = "active", "在岗"
    LEFT = "left", "已调离/离职"
    REMOVED = "removed", "已清理"


@pghistory.track()
class Supervisor(models.Model):
    """An account of the justice bureau designated 执法监督人员: sees every unit of the district."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="账号",
        on_delete=models.CASCADE,
        related_name="enforcement_supervisor",
    )
    active = models.BooleanField("有效", default=True)
    granted_on = models.DateField("指定日期")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="指定人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "执法监督人员"

    def __str__(self) -> str:
        return f"{self.user}（执法监督）"


@pghistory.track()
class Officer(UnitOwned):
    """A person of a unit's enforcement staff (E3, E5)."""

    name = models.CharField("姓名", max_length=32)
    id_number = EncryptedTextField("身份证号码", purpose=ID_PURPOSE)
    id_number_index = BlindIndexField(source="id_number", purpose=ID_PURPOSE)
    person_type = models.CharField(
        "人员类别", max_length=16, choices=PersonType.choices, default=PersonType.OFFICER
    )
    on_roll = models.BooleanField("在编在岗", default=True)
    position = models.CharField("职务", max_length=64, blank=True)
    legal_qualification = models.BooleanField(
        "具有法律职业资格",
        default=False,
        help_text="初次从事法制审核的人员须具有法律职业资格（《中华人民共和国行政处罚法》第五十八条）。",
    )
    domains = models.CharField("执法领域", max_length=128, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=OfficerStatus.choices, default=OfficerStatus.ACTIVE
    )
    joined_on = models.DateField("入职（到岗）日期")

    objects = SupervisedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "执法人员"
        ordering = ["unit_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_number_index"],
                condition=~Q(id_number_index=""),
                name="enforcement_officer_unique_id_number",
                violation_error_message="该身份证号码的人员已登记。",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_id_number(self) -> str:
        return mask(self.id_number, "id")


class StatusChangeKind(models.TextChoices):
    JOINED = "joined", "入职登记"
    TRANSFERRED = "transferred", "调动"
    OFF_ROLL = "off_roll", "不在编不在岗"
    LEFT = "left", "离职"
    REMOVED = "removed", "清理"


@pghistory.track()
class StatusChange(models.Model):
    """The officer's status history: joined, transferred, left, removed."""

    officer = models.ForeignKey(
        Officer, verbose_name="执法人员", on_delete=models.CASCADE, related_name="history"
    )
    kind = models.CharField("事项", max_length=16, choices=StatusChangeKind.choices)
    on = models.DateField("日期")
    from_unit = models.ForeignKey(
        Unit,
        verbose_name="原单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    to_unit = models.ForeignKey(
        Unit,
        verbose_name="新单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField("说明", max_length=255, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "人员状态记录"
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d} {self.get_kind_display()}"


# --- exams -----------------------------------------------------------------------------------


@pghistory.track()
class ExamSitting(UnitOwned):
    """One sitting of the provincial qualification exam, as the district organises it (`unit`:
    the justice bureau that sends the district's candidates)."""

    name = models.CharField("考试名称", max_length=128)
    held_on = models.DateField("考试日期")
    organiser = models.CharField("组织机关", max_length=64, default="湖南省司法厅")

    objects = SupervisedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "执法资格考试"
        ordering = ["-held_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "name"],
                name="enforcement_sitting_unique_name",
                violation_error_message="该考试已登记。",
            )
        ]

    def __str__(self) -> str:
        return self.name


class RegistrationReason(models.TextChoices):
    """E4: who a unit sends to a sitting."""

    NEW_STAFF = "new_staff", "新进人员"
    FAILED_BEFORE = "failed_before", "此前考试未通过"
    EXPIRING = "expiring", "执法证将于6个月内到期"
    OTHER = "other", "其他"


@pghistory.track()
class ExamRegistration(UnitOwned):
    """A candidate a unit sends to a sitting, and the result the organiser returns."""

    sitting = models.ForeignKey(
        ExamSitting, verbose_name="考试", on_delete=models.PROTECT, related_name="registrations"
    )
    officer = models.ForeignKey(
        Officer, verbose_name="考生", on_delete=models.PROTECT, related_name="registrations"
    )
    reason = models.CharField("报考原因", max_length=16, choices=RegistrationReason.choices)
    registered_on = models.DateField("报名日期")
    score = models.DecimalField("成绩", max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField("合格", null=True, blank=True)
    result_recorded_on = models.DateField("成绩登记日期", null=True, blank=True)

    objects = SupervisedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "考试报名及成绩"
        ordering = ["sitting", "unit_id", "officer__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["sitting", "officer"],
                name="enforcement_registration_once_per_sitting",
                violation_error_message="该人员已报名本场考试。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.officer.name}·{self.sitting.name}"


# --- certificates ----------------------------------------------------------------------------


class CertificateState(models.TextChoices):
    APPLYING = "applying", "申领中"
    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "注销"


class BatchState(models.TextChoices):
    DRAFT = "draft", "汇总中"
    SENT = "sent", "已逐级上报"
    RETURNED = "returned", "证件已下发"


@pghistory.track()
class CertificateBatch(UnitOwned, Versioned):
    """逐级上报: the justice bureau sends a batch of applications up, numbers come back."""

    title = models.CharField("批次名称", max_length=128)
    state = models.CharField(
        "状态", max_length=16, choices=BatchState.choices, default=BatchState.DRAFT
    )
    sent_on = models.DateField("上报日期", null=True, blank=True)
    sent_to = models.CharField("报送机关", max_length=64, default="衡阳市司法局")
    returned_on = models.DateField("证件下发日期", null=True, blank=True)

    objects = SupervisedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "执法证申领批次"
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.title


class CertificateQuerySet(SupervisedQuerySet):
    def valid_on(self, day):
        """Certificates a person could act under on `day` (E1, E4)."""
        return (
            self.filter(issued_on__lte=day, valid_until__gte=day)
            .exclude(state=CertificateState.APPLYING)
            .exclude(revoked_on__lte=day)
            .exclude(state=CertificateState.SUSPENDED, suspended_on__lte=day)
        )


@pghistory.track()
class Certificate(UnitOwned, Versioned):
    """行政执法证 (E4): number, validity, status. `unit`: the holder's unit."""

    officer = models.ForeignKey(
        Officer, verbose_name="持证人", on_delete=models.PROTECT, related_name="certificates"
    )
    number = models.CharField("执法证号", max_length=32, blank=True)
    state = models.CharField(
        "状态", max_length=16, choices=CertificateState.choices, default=CertificateState.APPLYING
    )
    batch = models.ForeignKey(
        CertificateBatch,
        verbose_name="申领批次",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    exam = models.ForeignKey(
        ExamRegistration,
        verbose_name="考试合格记录",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    applied_on = models.DateField("申领日期")
    issued_on = models.DateField("发证日期", null=True, blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    suspended_on = models.DateField("暂扣日期", null=True, blank=True)
    revoked_on = models.DateField("注销日期", null=True, blank=True)
    revoke_reason = models.CharField("注销原因", max_length=255, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "行政执法证"
        ordering = ["unit_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"],
                condition=~Q(number=""),
                name="enforcement_certificate_unique_number",
                violation_error_message="该执法证号已登记。",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True)
                | Q(issued_on__isnull=False, valid_until__gte=models.F("issued_on")),
                name="enforcement_certificate_valid_after_issue",
                violation_error_message="有效期截止日不能早于发证日期。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number or '（申领中）'} {self.officer.name}"


@pghistory.track()
class CertificateStep(models.Model):
    """The certificate's timeline (each step with its article)."""

    certificate = models.ForeignKey(
        Certificate, verbose_name="执法证", on_delete=models.CASCADE, related_name="history"
    )
    verb = models.CharField("步骤", max_length=32)
    text = models.CharField("内容", max_length=255)
    on = models.DateField("日期", null=True, blank=True)
    citation = models.CharField("依据", max_length=128, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "执法证办理记录"
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text


# --- removal (清理) --------------------------------------------------------------------------


@pghistory.track()
class RemovalCampaign(UnitOwned):
    """清理不在编不在岗执法人员: organised by the justice bureau (`unit`)."""

    title = models.CharField("清理名称", max_length=128)
    started_on = models.DateField("开始日期")

    objects = SupervisedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "执法人员清理"
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return self.title


class RemovalReason(models.TextChoices):
    OFF_ROLL = "off_roll", "不在编不在岗"
    LEFT = "left", "已调离或离职"
    EXPIRED = "expired", "执法证已过期"


@pghistory.track()
class Removal(UnitOwned):
    """One officer removed from the enforcement staff (`unit`: the officer's unit)."""

    campaign = models.ForeignKey(
        RemovalCampaign, verbose_name="清理", on_delete=models.PROTECT, related_name="removals"
    )
    officer = models.ForeignKey(
        Officer, verbose_name="执法人员", on_delete=models.PROTECT, related_name="removals"
    )
    reason = models.CharField("清理原因", max_length=16, choices=RemovalReason.choices)
    removed_on = models.DateField("清理日期")
    note = models.CharField("说明", max_length=255, blank=True)

    objects = SupervisedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "清理记录"
        ordering = ["-removed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "officer"],
                name="enforcement_removal_once_per_campaign",
                violation_error_message="该人员已在本次清理中清理。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.officer.name}（{self.get_reason_display()}）"


# --- training --------------------------------------------------------------------------------


class TrainingSessionQuerySet(SupervisedQuerySet):
    also_visible_to = ("target_units",)


@pghistory.track()
class TrainingSession(UnitOwned):
    """执法大讲堂 and other sessions (`unit`: the organiser)."""

    title = models.CharField("培训名称", max_length=128)
    held_on = models.DateField("培训日期")
    topic = models.CharField("主题", max_length=255)
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1, default=3)
    target_units = models.ManyToManyField(
        Unit, verbose_name="参训单位", blank=True, related_name="+"
    )
    selection_note = models.TextField("参训单位确定依据", blank=True)

    objects = TrainingSessionQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "执法培训"
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.title


@pghistory.track()
class TrainingAttendance(UnitOwned):
    """An officer at a session (`unit`: the officer's unit); `hours` as credited."""

    session = models.ForeignKey(
        TrainingSession, verbose_name="培训", on_delete=models.PROTECT, related_name="attendances"
    )
    officer = models.ForeignKey(
        Officer, verbose_name="执法人员", on_delete=models.PROTECT, related_name="attendances"
    )
    hours = models.DecimalField("学时", max_digits=4, decimal_places=1)

    objects = SupervisedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "培训签到"
        ordering = ["session", "officer__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "officer"],
                name="enforcement_attendance_once",
                violation_error_message="该人员已签到。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.officer.name}·{self.session.title}"


# --- the closed-case ledger ------------------------------------------------------------------


class CaseType(models.TextChoices):
    LICENCE = "licence", "行政许可"
    PENALTY = "penalty", "行政处罚"


class Procedure(models.TextChoices):
    ORDINARY = "ordinary", "普通程序"
    SUMMARY = "summary", "简易程序"


class PartyKind(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或者其他组织"


class StatementKind(models.TextChoices):
    """P4/P5: what the party did after the notice."""

    STATEMENT = "statement", "已陈述申辩"
    HEARING = "hearing", "已听证"
    WAIVED = "waived", "放弃陈述申辩"
    NONE = "none", "无记录"


@pghistory.track()
class EnforcementCase(UnitOwned):
    """A closed licence or penalty case of a unit: enough facts to review its file (C3)."""

    case_number = models.CharField("案件编号", max_length=64)
    case_type = models.CharField("案件类型", max_length=16, choices=CaseType.choices)
    procedure = models.CharField("程序", max_length=16, choices=Procedure.choices)
    subject = models.CharField("案由", max_length=255)
    party_kind = models.CharField("当事人类型", max_length=16, choices=PartyKind.choices)
    officers = models.ManyToManyField(
        Officer, verbose_name="承办执法人员", related_name="cases", blank=True
    )
    filed_on = models.DateField("立案（受理）日期")
    notice_served_on = models.DateField("告知日期", null=True, blank=True)
    statement = models.CharField(
        "陈述申辩/听证", max_length=16, choices=StatementKind.choices, default=StatementKind.NONE
    )
    legal_review_required = models.BooleanField("需法制审核", default=False)
    legal_review_on = models.DateField("法制审核日期", null=True, blank=True)
    discussion_required = models.BooleanField("需集体讨论", default=False)
    discussion_on = models.DateField("集体讨论日期", null=True, blank=True)
    decided_on = models.DateField("决定日期")
    served_on = models.DateField("送达日期", null=True, blank=True)
    publication_required = models.BooleanField("需公示", default=False)
    published_on = models.DateField("公示日期", null=True, blank=True)
    closed_on = models.DateField("结案日期")

    objects = SupervisedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "行政执法案件台账"
        ordering = ["unit_id", "case_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "case_number"],
                name="enforcement_case_unique_number",
                violation_error_message="本单位已登记该案件编号。",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__gte=models.F("filed_on")),
                name="enforcement_case_decided_after_filed",
                violation_error_message="决定日期不能早于立案（受理）日期。",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__gte=models.F("decided_on")),
                name="enforcement_case_closed_after_decided",
                violation_error_message="结案日期不能早于决定日期。",
            ),
        ]

    def __str__(self) -> str:
        return self.case_number


# --- case-file review ------------------------------------------------------------------------


class Dimension(models.TextChoices):
    """C1: the five dimensions of the Hunan score sheets."""

    SUBJECT = "subject", "执法主体"
    FACTS = "facts", "事实认定"
    EVIDENCE = "evidence", "证据"
    LAW = "law", "适用法律"
    PROCEDURE = "procedure", "执法程序"


class AutoCheck(models.TextChoices):
    """C3: what the platform checks from the ledger facts (labels are what users see)."""

    OFFICERS = "officers", "执法人员不足两名或未持有效执法证"
    DECISION_PERIOD = "decision_period", "超过九十日作出处罚决定"
    NOTICE = "notice", "作出决定前未告知或未听取陈述申辩"
    SERVICE = "service", "未在七个工作日内送达决定书"
    LEGAL_REVIEW = "legal_review", "未经法制审核作出决定"
    DISCUSSION = "discussion", "未经集体讨论作出决定"


@pghistory.track()
class ScoringTemplate(models.Model):
    """A configurable score sheet (C2: items, weights, veto items, grade thresholds)."""

    name = models.CharField("评查标准名称", max_length=128, unique=True)
    case_types = models.CharField("适用案件类型", max_length=64, default="licence,penalty")
    full_score = models.DecimalField("满分", max_digits=5, decimal_places=1, default=100)
    excellent_from = models.DecimalField("优秀线", max_digits=5, decimal_places=1, default=90)
    good_from = models.DecimalField("良好线", max_digits=5, decimal_places=1, default=80)
    pass_from = models.DecimalField("合格线", max_digits=5, decimal_places=1, default=60)
    active = models.BooleanField("在用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "案卷评查标准"

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class ScoringItem(models.Model):
    template = models.ForeignKey(
        ScoringTemplate, verbose_name="评查标准", on_delete=models.CASCADE, related_name="items"
    )
    dimension = models.CharField("评查维度", max_length=16, choices=Dimension.choices)
    text = models.CharField("评查项目", max_length=255)
    points = models.DecimalField("分值", max_digits=5, decimal_places=1)
    veto = models.BooleanField("否决项", default=False)
    auto_check = models.CharField("自动核查", max_length=24, choices=AutoCheck.choices, blank=True)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "评查项目"
        ordering = ["template", "order", "id"]

    def __str__(self) -> str:
        return self.text


class CampaignState(models.TextChoices):
    DRAFT = "draft", "准备中"
    REVIEWING = "reviewing", "评查中"
    CLOSED = "closed", "已结束"


class ReviewCampaignQuerySet(SupervisedQuerySet):
    also_visible_to = ("units",)


@pghistory.track()
class ReviewCampaign(UnitOwned, Versioned):
    """案卷评查 (C1): the organiser (`unit`), the window of closed cases, the units in scope and
    a seeded, reproducible random sample per unit."""

    title = models.CharField("评查名称", max_length=128)
    held_on = models.DateField("评查日期")
    window_start = models.DateField("结案日期自")
    window_end = models.DateField("结案日期至")
    procedure = models.CharField(
        "程序", max_length=16, choices=Procedure.choices, default=Procedure.ORDINARY
    )
    include_licences = models.BooleanField("行政许可案件", default=True)
    include_penalties = models.BooleanField("行政处罚案件", default=True)
    units = models.ManyToManyField(Unit, verbose_name="被评查单位", related_name="+")
    sample_size = models.PositiveSmallIntegerField("每单位抽取案卷数", default=3)
    seed = models.CharField("抽样种子", max_length=32)
    template = models.ForeignKey(
        ScoringTemplate, verbose_name="评查标准", on_delete=models.PROTECT, related_name="+"
    )
    state = models.CharField(
        "状态", max_length=16, choices=CampaignState.choices, default=CampaignState.DRAFT
    )

    objects = ReviewCampaignQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "案卷评查"
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(window_end__gte=models.F("window_start")),
                name="enforcement_campaign_window",
                violation_error_message="评查范围的截止日不能早于起始日。",
            )
        ]

    def __str__(self) -> str:
        return self.title


class SheetState(models.TextChoices):
    PENDING = "pending", "待评查"
    SCORED = "scored", "已评定"


class Grade(models.TextChoices):
    EXCELLENT = "excellent", "优秀"
    GOOD = "good", "良好"
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"


@pghistory.track()
class ScoreSheet(UnitOwned, Versioned):
    """One sampled file's score sheet (C1); `unit`: the reviewed unit."""

    campaign = models.ForeignKey(
        ReviewCampaign, verbose_name="评查", on_delete=models.PROTECT, related_name="sheets"
    )
    case = models.ForeignKey(
        EnforcementCase, verbose_name="案卷", on_delete=models.PROTECT, related_name="sheets"
    )
    draw_order = models.PositiveSmallIntegerField("抽取顺序")
    state = models.CharField(
        "状态", max_length=16, choices=SheetState.choices, default=SheetState.PENDING
    )
    score = models.DecimalField("得分", max_digits=5, decimal_places=1, null=True, blank=True)
    grade = models.CharField("等次", max_length=16, choices=Grade.choices, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评查人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scored_on = models.DateField("评定日期", null=True, blank=True)

    objects = SupervisedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "案卷评查表"
        ordering = ["campaign", "unit_id", "draw_order"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "case"],
                name="enforcement_sheet_once_per_case",
                violation_error_message="该案卷已在本次评查中抽取。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.case.case_number}评查表"


class DeductionState(models.TextChoices):
    PROPOSED = "proposed", "系统预扣，待确认"
    CONFIRMED = "confirmed", "已确认"
    OVERRIDDEN = "overridden", "已撤销（评查人改判）"


@pghistory.track()
class Deduction(models.Model):
    """A deduction on a score sheet: automatic (from the ledger facts, citing its article) or
    the reviewer's own; an automatic one is confirmed or overridden with a reason."""

    sheet = models.ForeignKey(
        ScoreSheet, verbose_name="评查表", on_delete=models.CASCADE, related_name="deductions"
    )
    item = models.ForeignKey(
        ScoringItem, verbose_name="评查项目", on_delete=models.PROTECT, related_name="+"
    )
    points = models.DecimalField("扣分", max_digits=5, decimal_places=1)
    automatic = models.BooleanField("系统自动核查", default=False)
    auto_check = models.CharField("核查事项", max_length=24, choices=AutoCheck.choices, blank=True)
    citation = models.CharField("依据", max_length=128, blank=True)
    reason = models.TextField("扣分理由")
    state = models.CharField(
        "状态", max_length=16, choices=DeductionState.choices, default=DeductionState.PROPOSED
    )
    override_reason = models.TextField("改判理由", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_on = models.DateField("确认日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "扣分"
        ordering = ["sheet", "item__order", "id"]

    def __str__(self) -> str:
        return f"{self.item.text} −{self.points}"


class NoticeState(models.TextChoices):
    ISSUED = "issued", "已下发"
    REPLIED = "replied", "已反馈整改情况"
    CLOSED = "closed", "已销号"


@pghistory.track()
class RectificationNotice(UnitOwned, Versioned):
    """整改通知 to a reviewed unit (`unit`) after a campaign, and its follow-up."""

    campaign = models.ForeignKey(
        ReviewCampaign, verbose_name="评查", on_delete=models.PROTECT, related_name="notices"
    )
    issued_on = models.DateField("下发日期")
    due_on = models.DateField("整改期限")
    content = models.TextField("整改要求")
    state = models.CharField(
        "状态", max_length=16, choices=NoticeState.choices, default=NoticeState.ISSUED
    )
    replied_on = models.DateField("反馈日期", null=True, blank=True)
    reply = models.TextField("整改情况", blank=True)
    closed_on = models.DateField("销号日期", null=True, blank=True)

    objects = SupervisedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "整改通知"
        ordering = ["-issued_on"]

    def __str__(self) -> str:
        return f"{self.campaign.title}·{self.unit}整改通知"
