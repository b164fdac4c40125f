"""The administrative litigation register (行政应诉; docs/rules.md §2 Y1-Y8, I4-I5).

A lawsuit is owned by the unit that registers it (usually the justice bureau, which handles
the government's lawsuits and supervises the departments'); the defendant unit also sees it.
"""

from __future__ import annotations

import pghistory
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from fazhi.core.crypto import EncryptedTextField, mask
from fazhi.core.models import UnitOwned
from fazhi.reconsideration.models import (
    CORRECTING_OUTCOMES,
    ActType,
    AdministrativeField,
    ApplicantKind,
    IdType,
    Outcome,
    PrerequisiteGround,
    RespondentVisibleQuerySet,
    UnlawfulGround,
)


class Instance(models.TextChoices):
    FIRST = "first", "一审"
    APPEAL = "appeal", "二审"


class LawsuitStatus(models.TextChoices):
    PENDING = "pending", "审理中"
    JUDGED = "judged", "已裁判（待生效）"
    CLOSED = "closed", "已结案"


class JudgmentType(models.TextChoices):
    """行诉法 69-78 (Y6) plus the rulings that end a case without a judgment."""

    CLAIM_DISMISSED = "claim_dismissed", "判决驳回诉讼请求（第六十九条）"
    REVOKED = "revoked", "判决撤销（第七十条）"
    PARTLY_REVOKED = "partly_revoked", "判决部分撤销（第七十条）"
    ORDERED_TO_PERFORM = "ordered_to_perform", "判决履行法定职责（第七十二条）"
    ORDERED_TO_PAY = "ordered_to_pay", "判决给付（第七十三条）"
    DECLARED_UNLAWFUL = "declared_unlawful", "判决确认违法（第七十四条）"
    DECLARED_VOID = "declared_void", "判决确认无效（第七十五条）"
    REMEDY = "remedy", "判决采取补救措施或赔偿（第七十六条）"
    VARIED = "varied", "判决变更（第七十七条）"
    AGREEMENT = "agreement", "行政协议判决（第七十八条）"
    APPEAL_DISMISSED = "appeal_dismissed", "二审驳回上诉、维持原判（第八十九条第一款第一项）"
    APPEAL_REVISED = "appeal_revised", "二审改判、撤销或变更（第八十九条第一款第二、三项）"
    REMANDED = "remanded", "二审发回重审（第八十九条第一款第三、四项）"
    SUIT_DISMISSED = "suit_dismissed", "裁定驳回起诉"
    WITHDRAWN = "withdrawn", "裁定准予撤诉（第六十二条）"
    MEDIATED = "mediated", "调解结案（第六十条）"


# Judgments the agency loses (I4): the act is revoked, varied, declared unlawful or void, or the
# agency is ordered to perform, pay, remedy or compensate.
LOSING_JUDGMENTS = (
    JudgmentType.REVOKED,
    JudgmentType.PARTLY_REVOKED,
    JudgmentType.ORDERED_TO_PERFORM,
    JudgmentType.ORDERED_TO_PAY,
    JudgmentType.DECLARED_UNLAWFUL,
    JudgmentType.DECLARED_VOID,
    JudgmentType.REMEDY,
    JudgmentType.VARIED,
    JudgmentType.AGREEMENT,
    JudgmentType.APPEAL_REVISED,
)
# Endings by ruling (裁定) or mediation.
RULINGS = (JudgmentType.SUIT_DISMISSED, JudgmentType.WITHDRAWN)
# 行诉解释 101(2): only the rulings on 不予立案, 驳回起诉 and 管辖异议 may be appealed (10 days,
# 行诉法 85). Of the rulings that end a case here, that is 驳回起诉 alone: 准许撤诉 is final.
APPEALABLE_RULINGS = (JudgmentType.SUIT_DISMISSED,)
# Effective on service, with no appeal period: 准许撤诉 (行诉解释 101), and a 调解书 once every
# party has signed for it (行诉解释 85(3): the date of the last party's receipt).
FINAL_ON_SERVICE = (JudgmentType.WITHDRAWN, JudgmentType.MEDIATED)
NON_JUDGMENT_ENDINGS = (*RULINGS, JudgmentType.MEDIATED)
APPEAL_ONLY = (JudgmentType.APPEAL_DISMISSED, JudgmentType.APPEAL_REVISED, JudgmentType.REMANDED)


class Appearance(models.TextChoices):
    """Who appeared for the defendant agency (行诉法 3(3); 行诉解释 128-132; Y3)."""

    HEAD = "head", "负责人出庭"
    STAFF = "staff", "负责人未出庭，委托工作人员出庭"
    LAWYER_ONLY = "lawyer_only", "仅委托律师出庭"
    NONE = "none", "无人出庭"


class ServiceParty(models.TextChoices):
    """The parties to whom a judgment or ruling is served (each has its own appeal period)."""

    DEFENDANT = "defendant", "被告"
    CO_DEFENDANT = "co_defendant", "共同被告"
    PLAINTIFF = "plaintiff", "原告"
    THIRD_PARTY = "third_party", "第三人"


class HeadRank(models.TextChoices):
    """行诉解释 128: 正职, 副职 or the 分管 leader."""

    PRINCIPAL = "principal", "正职负责人"
    DEPUTY = "deputy", "副职负责人"
    IN_CHARGE = "in_charge", "分管负责人"
    OTHER = "other", "参照负责人的其他人员"


class LawsuitQuerySet(RespondentVisibleQuerySet):
    also_visible_to = ("defendant_unit",)


class LawsuitManager(models.Manager.from_queryset(LawsuitQuerySet)):
    pass


@pghistory.track()
class Lawsuit(UnitOwned):
    """One instance (一审 or 二审) of an administrative lawsuit against an agency of the district."""

    court = models.CharField("受理法院", max_length=128)
    court_case_number = models.CharField("法院案号", max_length=64, unique=True)
    instance = models.CharField("审级", max_length=8, choices=Instance.choices)
    first_instance = models.ForeignKey(
        "self",
        verbose_name="一审案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appeals",
    )
    appellant = models.CharField("上诉人", max_length=128, blank=True)
    status = models.CharField(
        "状态", max_length=16, choices=LawsuitStatus.choices, default=LawsuitStatus.PENDING
    )
    version = models.PositiveIntegerField("版本", default=1)
    updated_at = models.DateTimeField("最后修改时间", default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后修改人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    plaintiff_kind = models.CharField("原告类型", max_length=16, choices=ApplicantKind.choices)
    plaintiff_name = models.CharField("原告", max_length=128)
    plaintiff_id_type = models.CharField(
        "证件类型", max_length=16, choices=IdType.choices, blank=True
    )
    # D2 (security.md; issue 11): stored encrypted; never searched, so no blind index.
    plaintiff_id_number = EncryptedTextField(
        "证件号码", max_length=32, blank=True, purpose="litigation.plaintiff_id_number"
    )
    defendant_unit = models.ForeignKey(
        "core.Unit", verbose_name="被告", on_delete=models.PROTECT, related_name="+"
    )
    co_defendant = models.CharField(
        "共同被告",
        max_length=128,
        blank=True,
        help_text="复议维持的，复议机关与原行政机关为共同被告。",
    )
    third_parties = models.CharField(
        "第三人",
        max_length=255,
        blank=True,
        help_text="多个第三人以顿号分隔；裁判文书须向每一方当事人送达，各方上诉期限均届满后方生效。",
    )
    act_type = models.CharField("被诉行政行为类型", max_length=32, choices=ActType.choices)
    contested_act = models.CharField("被诉行政行为", max_length=200)
    field = models.CharField("行政管理领域", max_length=32, choices=AdministrativeField.choices)
    prerequisite_ground = models.CharField(
        "复议前置情形",
        max_length=24,
        choices=PrerequisiteGround.choices,
        blank=True,
        help_text="应当先申请行政复议的案件（《行政复议法》第二十三条第一款）；关联复议前置案件时自动带出。",
    )
    reconsideration_first = models.BooleanField("经过行政复议", default=False)
    reconsideration_case = models.ForeignKey(
        "reconsideration.ReconsiderationCase",
        verbose_name="关联复议案件",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lawsuits",
    )
    reconsideration_reference = models.CharField(
        "复议决定书文号（非本平台案件）", max_length=64, blank=True
    )
    is_major_public_interest = models.BooleanField(
        "涉及重大公共利益、社会高度关注或可能引发群体性事件", default=False
    )
    court_requested_head = models.BooleanField("法院书面建议负责人出庭", default=False)

    filed_on = models.DateField("立案日期", db_index=True)
    trial_due_on = models.DateField("法院审理期限届满日", null=True, blank=True)
    trial_due_explanation = models.TextField("审理期限说明", blank=True)
    complaint_received_on = models.DateField("收到起诉状（上诉状）副本日期", null=True, blank=True)
    defence_due_on = models.DateField("答辩举证截止日", null=True, blank=True)
    defence_due_explanation = models.TextField("答辩期限说明", blank=True)
    defence_submitted_on = models.DateField("提交答辩状及证据日期", null=True, blank=True)

    judgment_type = models.CharField(
        "裁判结果", max_length=24, choices=JudgmentType.choices, blank=True
    )
    judgment_on = models.DateField("裁判日期", null=True, blank=True)
    judgment_served_on = models.DateField("裁判文书送达日期", null=True, blank=True)
    appeal_due_on = models.DateField("本机关上诉期限届满日", null=True, blank=True)
    appeal_due_explanation = models.TextField("上诉期限说明", blank=True)
    all_appeals_due_on = models.DateField(
        "各方上诉期限均届满日",
        null=True,
        blank=True,
        help_text="各方当事人的送达均已登记时，取其中最晚的上诉期限届满日；次日起一审裁判生效。",
    )
    hearing_scheduled_on = models.DateField("已排期开庭日期", null=True, blank=True)
    hearing_planned_appearance = models.CharField(
        "拟出庭情况", max_length=16, choices=Appearance.choices, blank=True
    )
    hearing_planned_attendee = models.CharField("拟出庭人员", max_length=128, blank=True)
    hearing_absence_reason = models.CharField(
        "负责人不能出庭的正当理由", max_length=200, blank=True
    )
    appealed = models.BooleanField("已上诉", default=False)
    closed_on = models.DateField("结案（生效）日期", null=True, blank=True)
    performance_due_on = models.DateField("判决履行期限", null=True, blank=True)
    performed_on = models.DateField("履行完毕日期", null=True, blank=True)
    note = models.TextField("备注", blank=True)

    objects = LawsuitManager()

    class Meta:
        verbose_name = verbose_name_plural = "行政诉讼案件"
        ordering = ["-filed_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(instance="first", first_instance__isnull=True)
                | Q(instance="appeal", first_instance__isnull=False),
                name="lawsuit_appeal_links_first_instance",
                violation_error_message="二审案件须关联一审案件，一审案件不能关联一审案件。",
            ),
            models.CheckConstraint(
                condition=Q(judgment_type="") | Q(judgment_type__in=JudgmentType.values),
                name="lawsuit_judgment_type_in_list",
                violation_error_message="裁判结果不在《行政诉讼法》规定的裁判方式清单内。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.court_case_number} {self.plaintiff_name}诉{self.defendant_unit}"

    @property
    def masked_plaintiff_id_number(self) -> str:
        return mask(self.plaintiff_id_number, "id")

    @property
    def is_lost(self) -> bool:
        return self.judgment_type in LOSING_JUDGMENTS

    @property
    def is_ruling(self) -> bool:
        return self.judgment_type in RULINGS

    @property
    def head_appearance_mandatory(self) -> bool:
        """行诉解释 129(1): major public interest, high attention or possible mass incidents, or
        the court's written suggestion: the head of the sued agency shall appear."""
        return self.is_major_public_interest or self.court_requested_head

    @property
    def expected_defendant_note(self) -> str:
        """Y1 (行诉法 26; 行诉解释 22, 133-135): who should be the defendant after reconsideration."""
        case = self.reconsideration_case
        if case is None or not case.outcome:
            return ""
        return defendant_note(case)


def defendant_note(case) -> str:
    """Y1: 复议维持 (co-defendants) or 复议改变 (the reconsideration body alone).

    行诉解释 133: 维持 includes 驳回复议请求, but not a 驳回申请 for failing the acceptance
    conditions. 行诉解释 22: 改变 is a change of the result; 确认无效 is 改变; 确认违法 is 改变
    except where it is on the ground of a breach of statutory procedure, which counts as 维持.
    """
    co_defendants = "作出原行政行为的机关和复议机关为共同被告"
    article_26 = "《行政诉讼法》第二十六条第二款"
    changed = f"复议改变原行政行为：复议机关为被告（{article_26}"
    if case.outcome == Outcome.UPHELD:
        return f"复议维持：{co_defendants}（{article_26}）。"
    if case.outcome == Outcome.CLAIM_DISMISSED:
        return (
            f"驳回复议请求视为复议维持：{co_defendants}（{article_26}，行诉解释第一百三十三条）。"
        )
    if case.outcome == Outcome.APPLICATION_DISMISSED:
        return (
            "复议机关以申请不符合受理条件为由驳回申请，不视为复议维持（行诉解释第一百三十三条）："
            "起诉原行政行为的，作出原行政行为的行政机关为被告。"
        )
    if case.outcome == Outcome.DECLARED_UNLAWFUL:
        if case.unlawful_ground == UnlawfulGround.MINOR_PROCEDURAL:
            return (
                f"复议机关以违反法定程序为由确认违法，视为复议维持：{co_defendants}"
                f"（{article_26}，行诉解释第二十二条第三款）。"
            )
        if case.unlawful_ground:
            return f"{changed}，行诉解释第二十二条第三款）。"
        return (
            "复议确认违法：以违反法定程序为由确认违法的，视为复议维持，原机关和复议机关为共同被告；"
            "其他情形属于复议改变，复议机关为被告（行诉解释第二十二条第三款）。请在复议案件中登记确认违法的情形。"
        )
    if case.outcome == Outcome.DECLARED_VOID:
        return f"{changed}，行诉解释第二十二条第二款）。"
    if case.outcome in CORRECTING_OUTCOMES:
        return f"{changed}）。"
    return ""


@pghistory.track()
class LawsuitHearing(models.Model):
    """A court session and who appeared for the defendant (Y3, I5)."""

    lawsuit = models.ForeignKey(
        Lawsuit, verbose_name="诉讼案件", on_delete=models.CASCADE, related_name="hearings"
    )
    held_on = models.DateField("开庭日期")
    appearance = models.CharField("出庭情况", max_length=16, choices=Appearance.choices)
    head_name = models.CharField("出庭负责人", max_length=32, blank=True)
    head_rank = models.CharField("负责人类别", max_length=16, choices=HeadRank.choices, blank=True)
    head_title = models.CharField("负责人职务", max_length=64, blank=True)
    staff_name = models.CharField("委托出庭工作人员", max_length=32, blank=True)
    staff_position = models.CharField("工作人员职务", max_length=64, blank=True)
    authorization_submitted = models.BooleanField("已提交授权委托书", default=False)
    lawyer_names = models.CharField("出庭律师", max_length=128, blank=True)
    absence_reason = models.CharField("负责人未出庭的理由", max_length=200, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "开庭及出庭应诉"
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.get_appearance_display()}"

    @property
    def head_appeared(self) -> bool:
        """Counted for the head-appearance rate only with a named head; a lawyer never counts."""
        return self.appearance == Appearance.HEAD and bool(self.head_name and self.head_rank)


@pghistory.track()
class JudgmentService(models.Model):
    """The service of the judgment or ruling on one party, and that party's appeal period.

    行诉法 85: each party may appeal within 15 days (a judgment) or 10 days (an appealable
    ruling) of its own service; the first-instance decision takes effect only when no party
    appealed within its period, i.e. after the latest of them."""

    lawsuit = models.ForeignKey(
        Lawsuit, verbose_name="诉讼案件", on_delete=models.CASCADE, related_name="services"
    )
    party = models.CharField("当事人地位", max_length=16, choices=ServiceParty.choices)
    party_name = models.CharField("当事人", max_length=128)
    served_on = models.DateField("送达日期")
    appeal_due_on = models.DateField("上诉期限届满日", null=True, blank=True)
    appeal_due_explanation = models.TextField("上诉期限说明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "裁判文书送达"
        ordering = ["served_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["lawsuit", "party", "party_name"],
                name="judgment_service_once_per_party",
                violation_error_message="已登记向该当事人送达。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_party_display()}{self.party_name} {self.served_on:%Y-%m-%d}送达"
