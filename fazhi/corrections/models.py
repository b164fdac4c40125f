"""Community corrections (社区矫正, docs/rules.md §13 K1–K10): subjects and their lifecycle,
the 矫正小组, leave and move approvals, loss of contact, electronic tagging, proposals to the
court, release and termination; training classes, cross-review campaigns and competitions.

Every personal field of a subject (name, identity number, phone, address, crime, plan,
destinations) is encrypted (security.md D2). A subject carries the security label 敏感, a
minor's the label 未成年人身份信息 (security.md B4, G3; 《社区矫正法》第五十四条): only users
cleared for that label see the row, even inside the justice bureau. `__str__` is the file
number only, because it ends up in clock labels and the access log.
"""

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fazhi.core.access import UnitScopedQuerySet
from fazhi.core.crypto import BlindIndexField, EncryptedTextField
from fazhi.core.models import UnitOwned
from fazhi.core.sensitivity import Sensitivity, SensitivityField, SensitivityQuerySetMixin


class Gender(models.TextChoices):
    MALE = "male", "男"
    FEMALE = "female", "女"


class SentenceKind(models.TextChoices):
    CONTROL = "control", "管制"
    PROBATION = "probation", "缓刑"
    PAROLE = "parole", "假释"
    MEDICAL_PAROLE = "medical_parole", "暂予监外执行"


class SubjectState(models.TextChoices):
    AWAITING_REPORT = "awaiting_report", "待报到"
    REPORTED = "reported", "已报到（待接收）"
    UNDER_CORRECTION = "under_correction", "在矫"
    LOST_CONTACT = "lost_contact", "失去联系"
    RELEASED = "released", "解除矫正"
    TERMINATED = "terminated", "终止矫正"


class TerminationGround(models.TextChoices):
    """《社区矫正法》第四十五条."""

    PROBATION_REVOKED = "probation_revoked", "被裁定撤销缓刑"
    PAROLE_REVOKED = "parole_revoked", "被裁定撤销假释"
    IMPRISONED = "imprisoned", "被决定收监执行"
    DEATH = "death", "死亡"


class SubjectQuerySet(SensitivityQuerySetMixin, UnitScopedQuerySet):
    """The unit's subjects, and among them only the labels the user is cleared for (B4)."""


class SubjectManager(models.Manager.from_queryset(SubjectQuerySet)):
    pass


@pghistory.track()
class Subject(UnitOwned):
    number = models.CharField("矫正档案编号", max_length=40)
    year = models.PositiveSmallIntegerField("年度")
    serial = models.PositiveIntegerField("序号")
    sensitivity = SensitivityField(default=Sensitivity.SENSITIVE)
    name = EncryptedTextField("姓名", purpose="corrections.subject.name")
    gender = models.CharField("性别", max_length=8, choices=Gender.choices)
    id_number = EncryptedTextField("居民身份证号码", purpose="corrections.subject.id_number")
    id_index = BlindIndexField(source="id_number", purpose="resident_id")
    phone = EncryptedTextField("联系电话", blank=True, purpose="corrections.subject.phone")
    address = EncryptedTextField("居住地", purpose="corrections.subject.address")
    crime = EncryptedTextField("罪名", purpose="corrections.subject.crime")
    is_minor = models.BooleanField("未成年人", default=False)
    sentence_kind = models.CharField("矫正类别", max_length=16, choices=SentenceKind.choices)
    deciding_organ = models.CharField("决定机关", max_length=64)
    effective_on = models.DateField("判决、裁定或决定生效日期")
    notified_on = models.DateField("收到通知日期", null=True, blank=True)
    documents_received_on = models.DateField("收到法律文书日期", null=True, blank=True)
    notice_late = models.BooleanField("通知逾期（五日）", default=False)
    documents_late = models.BooleanField("送达文书逾期（十日）", default=False)
    term_start = models.DateField("矫正期起")
    term_end = models.DateField("矫正期止")
    state = models.CharField(
        "状态", max_length=20, choices=SubjectState.choices, default=SubjectState.AWAITING_REPORT
    )
    reported_on = models.DateField("报到日期", null=True, blank=True)
    received_on = models.DateField("接收宣告日期", null=True, blank=True)
    documents_checked = models.BooleanField("核对法律文书", default=False)
    identity_verified = models.BooleanField("核实身份", default=False)
    registered = models.BooleanField("办理登记", default=False)
    file_opened = models.BooleanField("建立档案", default=False)
    announced = models.BooleanField("宣告犯罪事实、期限及应遵守的规定", default=False)
    plan = EncryptedTextField("矫正方案", blank=True, purpose="corrections.subject.plan")
    team_confirmed_on = models.DateField("矫正小组确定日期", null=True, blank=True)
    released_on = models.DateField("解除矫正日期", null=True, blank=True)
    notices_sent = models.BooleanField("已通知决定机关、检察院、公安机关", default=False)
    terminated_on = models.DateField("终止日期", null=True, blank=True)
    termination_ground = models.CharField(
        "终止事由", max_length=24, choices=TerminationGround.choices, blank=True
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

    objects = SubjectManager()

    class Meta:
        verbose_name = verbose_name_plural = "社区矫正对象"
        ordering = ["-year", "-serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "serial"],
                name="corrections_subject_unique_serial",
                violation_error_message="该年度档案编号已被使用。",
            ),
            models.CheckConstraint(
                condition=Q(term_end__gte=models.F("term_start")),
                name="corrections_term_end_after_start",
                violation_error_message="矫正期止不能早于矫正期起。",
            ),
            models.CheckConstraint(
                condition=Q(is_minor=False) | Q(sensitivity=Sensitivity.MINOR),
                name="corrections_minor_labelled_minor",
                violation_error_message="未成年社区矫正对象须标记为“未成年人身份信息”。",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class SubjectTimeline(models.Model):
    """The subject's timeline (no personal data in the text)."""

    subject = models.ForeignKey(
        Subject, verbose_name="矫正对象", on_delete=models.CASCADE, related_name="timeline"
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
        verbose_name = verbose_name_plural = "矫正过程记录"
        ordering = ["on", "occurred_at", "pk"]

    def __str__(self) -> str:
        return self.text


class TeamRole(models.TextChoices):
    STAFF = "staff", "司法所工作人员"
    SOCIAL_WORKER = "social_worker", "社会工作者"
    VOLUNTEER = "volunteer", "志愿者"
    VILLAGE = "village", "村（居）民委员会人员"
    EMPLOYER = "employer", "所在单位或就读学校人员"
    FAMILY = "family", "监护人、家庭成员"


@pghistory.track()
class TeamMember(models.Model):
    """A member of the subject's 矫正小组 (《社区矫正法》第二十五条)."""

    subject = models.ForeignKey(
        Subject, verbose_name="矫正对象", on_delete=models.CASCADE, related_name="team"
    )
    name = EncryptedTextField("姓名", purpose="corrections.team.name")
    gender = models.CharField("性别", max_length=8, choices=Gender.choices)
    role = models.CharField("身份", max_length=16, choices=TeamRole.choices)

    class Meta:
        verbose_name = verbose_name_plural = "矫正小组成员"
        ordering = ["subject", "pk"]

    def __str__(self) -> str:
        return f"{self.get_role_display()}（{self.get_gender_display()}）"


class MovementKind(models.TextChoices):
    LEAVE = "leave", "外出（离开所居住市、县）"
    MOVE = "move", "变更执行地"


class ApprovalLevel(models.TextChoices):
    TOWNSHIP = "township", "司法所"
    COUNTY = "county", "区（县）社区矫正机构"


class Decision(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "批准"
    REFUSED = "refused", "不批准"


@pghistory.track()
class Movement(models.Model):
    """A request to leave the city or county, or to move (K5, 《社区矫正法》第二十七条)."""

    subject = models.ForeignKey(
        Subject, verbose_name="矫正对象", on_delete=models.CASCADE, related_name="movements"
    )
    kind = models.CharField("事项", max_length=8, choices=MovementKind.choices)
    requested_on = models.DateField("申请日期")
    start = models.DateField("起始日期")
    end = models.DateField("截止日期", null=True, blank=True)
    destination = EncryptedTextField("前往地/新居住地", purpose="corrections.movement.destination")
    reason = EncryptedTextField("事由", purpose="corrections.movement.reason")
    required_level = models.CharField("审批权限", max_length=16, choices=ApprovalLevel.choices)
    decision = models.CharField(
        "审批结果", max_length=16, choices=Decision.choices, default=Decision.PENDING
    )
    decided_on = models.DateField("审批日期", null=True, blank=True)
    decided_level = models.CharField(
        "审批机构", max_length=16, choices=ApprovalLevel.choices, blank=True
    )

    class Meta:
        verbose_name = verbose_name_plural = "外出与变更执行地审批"
        ordering = ["-requested_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.requested_on}）"

    @property
    def days(self) -> int | None:
        return (self.end - self.start).days + 1 if self.end else None


@pghistory.track()
class ContactLoss(models.Model):
    """A loss of contact and the search (K6, 《社区矫正法》第三十条)."""

    subject = models.ForeignKey(
        Subject, verbose_name="矫正对象", on_delete=models.CASCADE, related_name="contact_losses"
    )
    lost_on = models.DateField("失去联系日期")
    measures = models.TextField("查找措施")
    found_on = models.DateField("找回日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "失去联系与查找"
        ordering = ["-lost_on"]

    def __str__(self) -> str:
        return f"失去联系（{self.lost_on}）"


class TaggingGround(models.TextChoices):
    """《社区矫正法》第二十九条第一款."""

    BAN_ORDER = "ban_order", "违反人民法院禁止令"
    NO_REPORT = "no_report", "无正当理由，未经批准离开所居住的市、县"
    WARNED = "warned", "拒不按照规定报告自己的活动情况，被给予警告"
    REPEAT = "repeat", "违反监督管理规定，被给予治安管理处罚"
    REVOCATION = "revocation", "拟提请撤销缓刑、假释或者暂予监外执行收监执行"


@pghistory.track()
class Tagging(models.Model):
    """Electronic tagging with the county head's approval (K7, 第二十九条)."""

    subject = models.ForeignKey(
        Subject, verbose_name="矫正对象", on_delete=models.CASCADE, related_name="taggings"
    )
    ground = models.CharField("使用情形", max_length=16, choices=TaggingGround.choices)
    approver = models.CharField("批准人", max_length=32)
    approved_on = models.DateField("批准日期")
    start = models.DateField("起始日期")
    end = models.DateField("截止日期")

    class Meta:
        verbose_name = verbose_name_plural = "电子定位装置使用审批"
        ordering = ["-start"]

    def __str__(self) -> str:
        return f"电子定位（{self.start}至{self.end}）"


class ProposalKind(models.TextChoices):
    REDUCTION = "reduction", "提请减刑"
    REVOKE_PROBATION = "revoke_probation", "提请撤销缓刑"
    REVOKE_PAROLE = "revoke_parole", "提请撤销假释"
    IMPRISON = "imprison", "提请收监执行"
    ARREST = "arrest", "提请逮捕"


@pghistory.track()
class Proposal(models.Model):
    """A proposal to the court or the deciding organ, with its ruling deadline (K8)."""

    subject = models.ForeignKey(
        Subject, verbose_name="矫正对象", on_delete=models.CASCADE, related_name="proposals"
    )
    kind = models.CharField("提请事项", max_length=24, choices=ProposalKind.choices)
    proposed_on = models.DateField("提请日期")
    organ = models.CharField("受理机关", max_length=64)
    decided_on = models.DateField("裁定/决定日期", null=True, blank=True)
    outcome = models.CharField("结果", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "提请事项"
        ordering = ["-proposed_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}（{self.proposed_on}）"


class ClassKind(models.TextChoices):
    ENTREPRENEURSHIP = "entrepreneurship", "创业技能培训"
    VOCATIONAL = "vocational", "职业技能培训"
    EDUCATION = "education", "教育学习"


@pghistory.track()
class TrainingClass(UnitOwned):
    name = models.CharField("培训班名称", max_length=64)
    kind = models.CharField("类别", max_length=24, choices=ClassKind.choices)
    started_on = models.DateField("开班日期")
    ended_on = models.DateField("结业日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "社区矫正对象培训班"
        ordering = ["-started_on"]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class Enrolment(models.Model):
    training = models.ForeignKey(
        TrainingClass, verbose_name="培训班", on_delete=models.CASCADE, related_name="enrolments"
    )
    subject = models.ForeignKey(
        Subject, verbose_name="矫正对象", on_delete=models.PROTECT, related_name="enrolments"
    )
    graduated = models.BooleanField("已结业", default=False)
    graduated_on = models.DateField("结业日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "培训班学员"
        constraints = [
            models.UniqueConstraint(
                fields=["training", "subject"],
                name="corrections_enrolment_unique",
                violation_error_message="该矫正对象已在本培训班。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.training}·{self.subject}"


@pghistory.track()
class CrossReview(UnitOwned):
    """A cross-review campaign of case files (交叉评查); `unit` receives the review."""

    name = models.CharField("评查名称", max_length=64)
    organiser = models.CharField("组织单位", max_length=64)
    held_on = models.DateField("评查日期")

    class Meta:
        verbose_name = verbose_name_plural = "社区矫正案卷交叉评查"
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class ReviewedFile(models.Model):
    review = models.ForeignKey(
        CrossReview, verbose_name="评查", on_delete=models.CASCADE, related_name="files"
    )
    subject = models.ForeignKey(
        Subject, verbose_name="案卷（矫正对象）", on_delete=models.PROTECT, related_name="+"
    )
    passed = models.BooleanField("合格")
    problems = models.CharField("存在问题", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "评查案卷"
        constraints = [
            models.UniqueConstraint(
                fields=["review", "subject"],
                name="corrections_reviewed_file_unique",
                violation_error_message="该案卷已在本次评查中。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject}（{'合格' if self.passed else '不合格'}）"


@pghistory.track()
class Competition(UnitOwned):
    name = models.CharField("比赛名称", max_length=64)
    organiser = models.CharField("主办单位", max_length=64)
    held_on = models.DateField("比赛日期")

    class Meta:
        verbose_name = verbose_name_plural = "社区矫正工作技能比武"
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return self.name


@pghistory.track()
class CompetitionEntry(models.Model):
    competition = models.ForeignKey(
        Competition, verbose_name="比赛", on_delete=models.CASCADE, related_name="entries"
    )
    participant = models.CharField("参赛人员", max_length=32)
    event = models.CharField("比赛项目", max_length=64)
    award = models.CharField("获奖情况", max_length=32, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "参赛情况"

    def __str__(self) -> str:
        return f"{self.participant}（{self.event}）"
