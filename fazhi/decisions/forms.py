"""Forms of the major-decision pages (each runs a service)."""

from django import forms
from django.utils import timezone

from fazhi.core.admin_actions import ActionForm
from fazhi.core.models import Unit
from fazhi.decisions.models import DecisionCategory, StepKind
from fazhi.decisions.services import SYSTEM_STEPS
from fazhi.meetings.models import AgendaOutcome, Meeting, MeetingKind

today = timezone.localdate

RECORDABLE_STEPS = [
    (k, v)
    for k, v in StepKind.choices
    if k not in SYSTEM_STEPS + (StepKind.PARTY_REPORT, StepKind.PUBLICATION)
]


class UnitChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Unit.objects.filter(active=True).order_by("name"), **kwargs)


class CatalogForm(ActionForm):
    year = forms.IntegerField(label="年度", initial=lambda: today().year)
    title = forms.CharField(label="目录名称（留空自动生成）", required=False)
    solicitation_started_on = forms.DateField(label="征集决策事项日期", required=False)


class CatalogItemForm(ActionForm):
    title = forms.CharField(label="决策事项")
    category = forms.ChoiceField(label="决策类别", choices=DecisionCategory.choices)
    lead_unit = UnitChoiceField(label="承办单位", required=False)
    cooperating_units = forms.CharField(label="协办单位", required=False)
    planned_date = forms.DateField(label="计划完成时间", required=False)
    note = forms.CharField(label="备注", widget=forms.Textarea, required=False)


class PartyAgreementForm(ActionForm):
    on = forms.DateField(label="党委同意日期", initial=today)
    reference = forms.CharField(label="党委同意的文件或会议")


class CatalogPublishForm(ActionForm):
    on = forms.DateField(label="公布日期", initial=today)
    url = forms.URLField(label="公布网址", required=False)
    on_portal = forms.BooleanField(label="在本平台公开栏目公布", required=False)


class DecisionForm(ActionForm):
    title = forms.CharField(label="决策事项")
    year = forms.IntegerField(label="年度", initial=lambda: today().year)
    category = forms.ChoiceField(label="决策类别", choices=DecisionCategory.choices)
    lead_unit = UnitChoiceField(label="承办单位", required=False)
    description = forms.CharField(label="决策草案要点", widget=forms.Textarea, required=False)
    public_participation_required = forms.BooleanField(
        label="须公开征求意见", required=False, initial=True
    )
    hearing_required = forms.BooleanField(label="须举行听证", required=False)
    is_technical = forms.BooleanField(label="专业性、技术性较强（须专家论证）", required=False)
    affects_stability = forms.BooleanField(
        label="可能影响社会稳定、公共安全（须风险评估）", required=False
    )
    affects_market = forms.BooleanField(
        label="涉及市场主体经济活动（须公平竞争审查）", required=False
    )


class StepForm(ActionForm):
    kind = forms.ChoiceField(label="程序环节", choices=RECORDABLE_STEPS)
    started_on = forms.DateField(label="开始日期（征求意见开始日、听证日）", required=False)
    completed_on = forms.DateField(label="完成日期（征求意见截止日）", initial=today)
    evidence = forms.CharField(label="佐证说明", widget=forms.Textarea)
    evidence_file = forms.FileField(label="佐证附件", required=False)
    evidence_url = forms.URLField(label="佐证网址", required=False)
    shortened_reason = forms.CharField(
        label="缩短征求意见期限的理由", widget=forms.Textarea, required=False
    )
    materials_sent_on = forms.DateField(label="听证材料送达日期", required=False)
    participants = forms.CharField(label="参与专家/评估人员", widget=forms.Textarea, required=False)
    conflict_declared = forms.BooleanField(label="专家已作无利害关系声明", required=False)
    risk_controllable = forms.NullBooleanField(label="风险可控", required=False)
    evaluator_did_pre_assessment = forms.BooleanField(
        label="后评估机构曾承担决策前评估", required=False
    )


class SubmitForReviewForm(ActionForm):
    submitted_on = forms.DateField(label="送审日期", initial=today)
    draft = forms.CharField(label="决策草案", widget=forms.Textarea)
    legal_basis = forms.CharField(label="法律依据", widget=forms.Textarea)
    procedure_statement = forms.CharField(label="履行决策程序情况说明", widget=forms.Textarea)


class DiscussForm(ActionForm):
    meeting = forms.ModelChoiceField(label="会议", queryset=Meeting.objects.none())
    outcome = forms.ChoiceField(
        label="审议结果",
        choices=[
            (k, v)
            for k, v in AgendaOutcome.choices
            if k not in (AgendaOutcome.STUDIED, AgendaOutcome.NOTED)
        ],
    )
    dissent = forms.CharField(label="不同意见（如实记录）", widget=forms.Textarea, required=False)
    head_decision = forms.CharField(label="行政首长决定", widget=forms.Textarea, required=False)
    departs_from_majority_reason = forms.CharField(
        label="与多数意见不一致的理由", widget=forms.Textarea, required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        meetings = Meeting.objects.none()
        if user is not None:
            meetings = Meeting.objects.for_user(user).filter(
                kind__in=(MeetingKind.EXECUTIVE, MeetingKind.PLENARY)
            )
        self.fields["meeting"].queryset = meetings.order_by("-held_on")


class PartyReportForm(ActionForm):
    on = forms.DateField(label="请示报告日期", initial=today)
    reference = forms.CharField(label="请示报告文号或会议")


class DecisionPublishForm(ActionForm):
    on = forms.DateField(label="公布日期", initial=today)
    url = forms.URLField(label="公布网址", required=False)
    not_published_basis = forms.CharField(label="依法不予公开的依据", required=False)


class SuspendForm(ActionForm):
    on = forms.DateField(label="中止日期", initial=today)
    reason = forms.CharField(label="中止理由", widget=forms.Textarea)
