"""Forms of the enforcement pages; each one runs a service."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from fazhi.core.admin_actions import ActionForm
from fazhi.core.models import Unit
from fazhi.enforcement.models import (
    CaseType,
    DeductionState,
    PartyKind,
    PersonType,
    Procedure,
    RegistrationReason,
    RemovalReason,
    StatementKind,
)


def _today():
    return timezone.localdate()


class UnitChoiceMixin:
    """A `unit` field limited to the units the user may register for (their own unless they
    supervise); dropped when there is only one."""

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None and units.count() > 1:
            self.fields["unit"] = forms.ModelChoiceField(label="所属单位", queryset=units)
            self.order_fields(["unit"])
            from fazhi.core.admin_actions import _styled_widget

            self.fields["unit"].widget = _styled_widget(self.fields["unit"])


class OfficerForm(UnitChoiceMixin, ActionForm):
    name = forms.CharField(label="姓名", max_length=32)
    id_number = forms.CharField(label="身份证号码", max_length=18, min_length=18)
    person_type = forms.ChoiceField(label="人员类别", choices=PersonType.choices)
    on_roll = forms.BooleanField(label="在编在岗", required=False, initial=True)
    position = forms.CharField(label="职务", required=False)
    legal_qualification = forms.BooleanField(label="具有法律职业资格", required=False)
    domains = forms.CharField(label="执法领域（多个用、分隔）", required=False)
    joined_on = forms.DateField(label="入职（到岗）日期", initial=_today)


class DatedNoteForm(ActionForm):
    on = forms.DateField(label="日期", initial=_today)
    note = forms.CharField(label="说明", required=False)


class TransferForm(DatedNoteForm):
    to_unit = forms.ModelChoiceField(label="调入单位", queryset=Unit.objects.none())

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["to_unit"].queryset = units


class SittingForm(UnitChoiceMixin, ActionForm):
    name = forms.CharField(label="考试名称", max_length=128)
    held_on = forms.DateField(label="考试日期")
    organiser = forms.CharField(label="组织机关", initial="湖南省司法厅")


class RegistrationForm(ActionForm):
    sitting = forms.ModelChoiceField(label="考试", queryset=None)
    officer = forms.ModelChoiceField(label="考生", queryset=None)
    reason = forms.ChoiceField(label="报考原因", choices=RegistrationReason.choices)
    registered_on = forms.DateField(label="报名日期", initial=_today)

    def __init__(self, *args, sittings=None, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sitting"].queryset = sittings
        self.fields["officer"].queryset = officers


class RegisterProposedForm(ActionForm):
    registered_on = forms.DateField(label="报名日期", initial=_today)


class ResultForm(ActionForm):
    score = forms.DecimalField(label="成绩", min_value=0, max_value=100)
    passed = forms.BooleanField(label="合格", required=False)
    on = forms.DateField(label="登记日期", initial=_today)


class BatchForm(UnitChoiceMixin, ActionForm):
    title = forms.CharField(label="批次名称", max_length=128)
    sent_to = forms.CharField(label="报送机关", initial="衡阳市司法局")


class OnForm(ActionForm):
    on = forms.DateField(label="日期", initial=_today)


class ApplyForm(ActionForm):
    exam = forms.ModelChoiceField(label="考试合格人员", queryset=None)
    on = forms.DateField(label="申领日期", initial=_today)

    def __init__(self, *args, exams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exam"].queryset = exams


class IssueForm(ActionForm):
    number = forms.CharField(label="执法证号", max_length=32)
    on = forms.DateField(label="发证日期", initial=_today)


class ReasonForm(ActionForm):
    on = forms.DateField(label="日期", initial=_today)
    reason = forms.CharField(label="原因", max_length=255)


class RemovalCampaignForm(UnitChoiceMixin, ActionForm):
    title = forms.CharField(label="清理名称", max_length=128)
    started_on = forms.DateField(label="开始日期", initial=_today)


class RemoveForm(ActionForm):
    officer = forms.ModelChoiceField(label="清理人员", queryset=None)
    reason = forms.ChoiceField(label="清理原因", choices=RemovalReason.choices)
    on = forms.DateField(label="清理日期", initial=_today)
    note = forms.CharField(label="说明", required=False)

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = officers


class SessionForm(UnitChoiceMixin, ActionForm):
    title = forms.CharField(label="培训名称", max_length=128)
    held_on = forms.DateField(label="培训日期", initial=_today)
    topic = forms.CharField(label="主题", max_length=255)
    hours = forms.DecimalField(label="学时", min_value=0, initial=3)
    target_units = forms.ModelMultipleChoiceField(
        label="参训单位（不选为全区）", queryset=Unit.objects.none(), required=False
    )
    selection_note = forms.CharField(
        label="参训单位确定依据", required=False, widget=forms.Textarea
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, units=units, **kwargs)
        if units is not None:
            self.fields["target_units"].queryset = units


class AttendanceForm(ActionForm):
    officers = forms.ModelMultipleChoiceField(label="签到人员", queryset=None)

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = officers


class CaseForm(UnitChoiceMixin, ActionForm):
    case_number = forms.CharField(label="案件编号", max_length=64)
    case_type = forms.ChoiceField(label="案件类型", choices=CaseType.choices)
    procedure = forms.ChoiceField(label="程序", choices=Procedure.choices)
    subject = forms.CharField(label="案由", max_length=255)
    party_kind = forms.ChoiceField(label="当事人类型", choices=PartyKind.choices)
    officers = forms.ModelMultipleChoiceField(label="承办执法人员", queryset=None)
    filed_on = forms.DateField(label="立案（受理）日期")
    notice_served_on = forms.DateField(label="告知日期", required=False)
    statement = forms.ChoiceField(label="陈述申辩/听证", choices=StatementKind.choices)
    legal_review_required = forms.BooleanField(label="需法制审核", required=False)
    legal_review_on = forms.DateField(label="法制审核日期", required=False)
    discussion_required = forms.BooleanField(label="需集体讨论", required=False)
    discussion_on = forms.DateField(label="集体讨论日期", required=False)
    decided_on = forms.DateField(label="决定日期")
    served_on = forms.DateField(label="送达日期", required=False)
    publication_required = forms.BooleanField(label="需公示", required=False)
    published_on = forms.DateField(label="公示日期", required=False)
    closed_on = forms.DateField(label="结案日期")

    def __init__(self, *args, officers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].queryset = officers


class CampaignForm(UnitChoiceMixin, ActionForm):
    title = forms.CharField(label="评查名称", max_length=128)
    held_on = forms.DateField(label="评查日期", initial=_today)
    window_start = forms.DateField(label="结案日期自")
    window_end = forms.DateField(label="结案日期至")
    procedure = forms.ChoiceField(label="程序", choices=Procedure.choices)
    include_licences = forms.BooleanField(label="行政许可案件", required=False, initial=True)
    include_penalties = forms.BooleanField(label="行政处罚案件", required=False, initial=True)
    units = forms.ModelMultipleChoiceField(label="被评查单位", queryset=Unit.objects.none())
    sample_size = forms.IntegerField(label="每单位抽取案卷数", min_value=1, initial=3)
    seed = forms.CharField(label="抽样种子（相同种子抽出相同案卷）", max_length=32)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, units=units, **kwargs)
        if units is not None:
            self.fields["units"].queryset = units


class DeductionChoiceForm(ActionForm):
    deduction = forms.ModelChoiceField(label="系统预扣", queryset=None)
    on = forms.DateField(label="日期", initial=_today)

    def __init__(self, *args, sheet=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deduction"].queryset = sheet.deductions.filter(
            automatic=True, state=DeductionState.PROPOSED
        )
        self.fields["deduction"].label_from_instance = lambda d: f"{d.item.text}：{d.reason}"


class OverrideForm(DeductionChoiceForm):
    reason = forms.CharField(label="撤销理由", widget=forms.Textarea)


class ManualDeductionForm(ActionForm):
    item = forms.ModelChoiceField(label="评查项目", queryset=None)
    points = forms.DecimalField(label="扣分", min_value=0)
    reason = forms.CharField(label="扣分理由", widget=forms.Textarea)
    on = forms.DateField(label="日期", initial=_today)

    def __init__(self, *args, sheet=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = sheet.campaign.template.items.all()


class NoticeForm(ActionForm):
    unit = forms.ModelChoiceField(label="被通知单位", queryset=None)
    issued_on = forms.DateField(label="下发日期", initial=_today)
    content = forms.CharField(label="整改要求", widget=forms.Textarea)

    def __init__(self, *args, campaign=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = campaign.units.all()


class ReplyForm(ActionForm):
    on = forms.DateField(label="反馈日期", initial=_today)
    reply = forms.CharField(label="整改情况", widget=forms.Textarea)
