"""Forms of the legal aid back office: registration and one form per step."""

from django import forms
from django.utils import timezone

from fazhi.core.admin_actions import ActionForm
from fazhi.legal_aid.models import (
    CaseResult,
    Category,
    Channel,
    CheckKind,
    ConsultChannel,
    CriminalStage,
    DocumentKind,
    ExemptionReason,
    Gender,
    Matter,
    MeansTest,
    NotifyingOrgan,
    Origin,
    ProviderKind,
    Referral,
    TerminationGround,
)


def _blank(choices):
    return [("", "—")] + list(choices)


class RegisterForm(ActionForm):
    origin = forms.ChoiceField(label="来源", choices=Origin.choices, initial=Origin.APPLICATION)
    channel = forms.ChoiceField(label="申请方式", choices=Channel.choices, initial=Channel.VISIT)
    notifying_organ = forms.ChoiceField(
        label="通知机关（办案机关通知时填写）",
        choices=_blank(NotifyingOrgan.choices),
        required=False,
    )
    category = forms.ChoiceField(label="案件类别", choices=Category.choices)
    criminal_stage = forms.ChoiceField(
        label="诉讼阶段（刑事）", choices=_blank(CriminalStage.choices), required=False
    )
    matter = forms.ChoiceField(label="援助事项", choices=Matter.choices)
    received_on = forms.DateField(label="收到申请/通知日期", initial=timezone.localdate)
    applicant_name = forms.CharField(label="申请人（受援人）姓名", max_length=32)
    applicant_gender = forms.ChoiceField(label="性别", choices=Gender.choices)
    applicant_id_number = forms.CharField(label="居民身份证号码", max_length=32, required=False)
    applicant_phone = forms.CharField(label="联系电话", max_length=20, required=False)
    applicant_address = forms.CharField(label="住所地", max_length=200, required=False)
    summary = forms.CharField(label="案情摘要", widget=forms.Textarea)
    means_test = forms.ChoiceField(
        label="经济困难审查", choices=MeansTest.choices, initial=MeansTest.PENDING
    )
    exemption_reason = forms.ChoiceField(
        label="免予核查事由", choices=_blank(ExemptionReason.choices), required=False
    )
    limitation_due_on = forms.DateField(label="关联时效或起诉期限届满日", required=False)
    detention_submitted_on = forms.DateField(label="向羁押场所提出申请日期", required=False)
    organ_found_on = forms.DateField(label="办案机关发现应当通知之日", required=False)


class OnForm(ActionForm):
    on = forms.DateField(label="办理日期", initial=timezone.localdate)


class CorrectionForm(OnForm):
    items = forms.CharField(label="需补正的全部材料（一次性告知）", widget=forms.Textarea)


class MeansForm(ActionForm):
    means_test = forms.ChoiceField(label="经济困难审查", choices=MeansTest.choices)
    exemption_reason = forms.ChoiceField(
        label="免予核查事由", choices=_blank(ExemptionReason.choices), required=False
    )
    note = forms.CharField(label="经济状况说明", max_length=200, required=False)


class RefuseForm(OnForm):
    reason = forms.CharField(label="不予法律援助的理由", widget=forms.Textarea)


class ObjectForm(OnForm):
    text = forms.CharField(label="异议内容", widget=forms.Textarea)


class ObjectionDecisionForm(OnForm):
    corrected = forms.TypedChoiceField(
        label="审查结果",
        choices=[("0", "维持不予法律援助决定"), ("1", "责令改正，给予法律援助")],
        coerce=lambda v: v == "1",
    )


class AssignForm(OnForm):
    provider_kind = forms.ChoiceField(label="承办人类别", choices=ProviderKind.choices)
    provider_name = forms.CharField(label="承办人", max_length=32)
    provider_org = forms.CharField(label="承办机构", max_length=64, required=False)


class CloseForm(OnForm):
    result = forms.ChoiceField(label="办理结果", choices=CaseResult.choices)
    report = forms.CharField(label="结案报告", widget=forms.Textarea)
    documents_submitted = forms.BooleanField(label="已提交法律文书副本或复印件", required=False)


class TerminateForm(OnForm):
    ground = forms.ChoiceField(label="终止事由", choices=TerminationGround.choices)


class QualityForm(ActionForm):
    kind = forms.ChoiceField(label="质量监督方式", choices=CheckKind.choices)
    checked_on = forms.DateField(label="检查日期", initial=timezone.localdate)
    passed = forms.TypedChoiceField(
        label="结论", choices=[("1", "合格"), ("0", "不合格")], coerce=lambda v: v == "1"
    )
    note = forms.CharField(label="说明", max_length=200, required=False)


class ConsultationForm(ActionForm):
    consulted_on = forms.DateField(label="咨询日期", initial=timezone.localdate)
    channel = forms.ChoiceField(label="咨询方式", choices=ConsultChannel.choices)
    topic = forms.ChoiceField(label="咨询事项", choices=Matter.choices, initial=Matter.OTHER)
    summary = forms.CharField(label="内容摘要", max_length=200, required=False)
    referral = forms.ChoiceField(label="处理方式", choices=Referral.choices)


class TemplateUploadForm(ActionForm):
    kind = forms.ChoiceField(label="文书种类", choices=DocumentKind.choices)
    file = forms.FileField(label="模板文件（.docx）")


class ReasonForm(ActionForm):
    reason = forms.CharField(label="导出用途", max_length=200)


class RateForm(ActionForm):
    category = forms.ChoiceField(label="案件类别", choices=Category.choices)
    criminal_stage = forms.ChoiceField(
        label="诉讼阶段（空=不分阶段）", choices=_blank(CriminalStage.choices), required=False
    )
    amount = forms.DecimalField(
        label="每件补贴（元）", max_digits=10, decimal_places=2, min_value=0
    )
    effective_from = forms.DateField(label="执行起始日")
