"""Forms of the mediation back office."""

from django import forms
from django.utils import timezone

from fazhi.core.admin_actions import ActionForm
from fazhi.mediation.models import (
    AgreementKind,
    Committee,
    CommitteeKind,
    Consent,
    Difficulty,
    DisputeType,
    Gender,
    Party,
    PartyRole,
    Performance,
    Qualification,
    Source,
)


class CommitteeForm(ActionForm):
    name = forms.CharField(label="委员会名称", max_length=64)
    kind = forms.ChoiceField(label="类别", choices=CommitteeKind.choices)
    field = forms.ChoiceField(
        label="专业领域", choices=[("", "—")] + list(DisputeType.choices), required=False
    )
    established_on = forms.DateField(label="设立日期", required=False)


class MediatorForm(ActionForm):
    committee = forms.ModelChoiceField(label="所属调解委员会", queryset=Committee.objects.none())
    name = forms.CharField(label="姓名", max_length=32)
    gender = forms.ChoiceField(label="性别", choices=Gender.choices)
    qualification = forms.ChoiceField(label="类别", choices=Qualification.choices)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    certificate_number = forms.CharField(label="调解员证号", max_length=32, required=False)
    trained_hours = forms.IntegerField(label="年度业务培训（学时）", min_value=0, initial=0)
    last_trained_on = forms.DateField(label="最近一次培训日期", required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["committee"].queryset = Committee.objects.for_user(user)


def _party_fields(n: int, required: bool) -> dict:
    prefix = f"party{n}_"
    return {
        prefix + "role": forms.ChoiceField(
            label=f"当事人{n}：身份",
            choices=PartyRole.choices,
            initial=PartyRole.APPLICANT if n == 1 else PartyRole.RESPONDENT,
            required=required,
        ),
        prefix + "name": forms.CharField(label=f"当事人{n}：姓名/名称", required=required),
        prefix + "id_number": forms.CharField(label=f"当事人{n}：身份证号码", required=False),
        prefix + "phone": forms.CharField(label=f"当事人{n}：联系电话", required=False),
        prefix + "address": forms.CharField(label=f"当事人{n}：住所地", required=False),
        prefix + "consent": forms.ChoiceField(
            label=f"当事人{n}：是否同意调解", choices=Consent.choices, required=required
        ),
    }


class DisputeForm(ActionForm):
    committee = forms.ModelChoiceField(label="调解委员会", queryset=Committee.objects.none())
    dispute_type = forms.ChoiceField(label="纠纷类型", choices=DisputeType.choices)
    source = forms.ChoiceField(label="纠纷来源", choices=Source.choices)
    amount = forms.DecimalField(label="涉及金额（万元）", min_value=0, initial=0, decimal_places=4)
    difficulty = forms.ChoiceField(label="难易程度", choices=Difficulty.choices, initial="ordinary")
    received_on = forms.DateField(label="受理日期", initial=timezone.localdate)
    summary = forms.CharField(label="纠纷简要情况", widget=forms.Textarea)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["committee"].queryset = Committee.objects.for_user(user)


def dispute_arguments(cleaned_data: dict) -> dict:
    """The registration service's arguments: the party fields gathered into `parties`."""
    data = dict(cleaned_data)
    parties = []
    for n in (1, 2, 3):
        prefix = f"party{n}_"
        values = {k[len(prefix) :]: data.pop(k) for k in list(data) if k.startswith(prefix)}
        if values.get("name"):
            given = values.get("consent") not in (None, "", "pending")
            values["consent_on"] = data["received_on"] if given else None
            parties.append(values)
    data["parties"] = parties
    return data


for _n in (1, 2, 3):
    DisputeForm.base_fields.update(_party_fields(_n, _n < 3))


class OnForm(ActionForm):
    on = forms.DateField(label="办理日期", initial=timezone.localdate)


class ConsentForm(OnForm):
    party = forms.ModelChoiceField(label="当事人", queryset=Party.objects.none())
    consent = forms.ChoiceField(
        label="意见", choices=[(Consent.CONSENTED, "同意调解"), (Consent.REFUSED, "明确拒绝调解")]
    )

    def __init__(self, *args, dispute=None, **kwargs):
        super().__init__(*args, **kwargs)
        if dispute is not None:
            self.fields["party"].queryset = dispute.parties.all()


class SessionForm(ActionForm):
    held_on = forms.DateField(label="调解日期", initial=timezone.localdate)
    record = forms.CharField(label="调解记录", widget=forms.Textarea)


class AgreementForm(ActionForm):
    agreement_kind = forms.ChoiceField(label="协议形式", choices=AgreementKind.choices)
    facts_and_responsibility = forms.CharField(
        label="纠纷的主要事实、争议事项以及各方责任", widget=forms.Textarea
    )
    agreed_terms = forms.CharField(label="达成协议的内容", widget=forms.Textarea)
    performance_method = forms.CharField(label="履行方式", max_length=200)
    performance_due_on = forms.DateField(label="履行期限")
    agreed_amount = forms.DecimalField(label="协议金额（万元）", required=False, decimal_places=4)
    parties_signed_on = forms.DateField(label="当事人签名、盖章或按指印日期", required=False)
    mediator_signed_on = forms.DateField(label="调解员签名日期", required=False)
    committee_sealed_on = forms.DateField(label="调解委员会盖章日期", required=False)
    agreed_on = forms.DateField(label="口头协议达成日期", required=False)


class FailForm(OnForm):
    notice = forms.CharField(
        label="告知其他解决途径",
        widget=forms.Textarea,
        initial="已告知当事人可以依法通过仲裁、行政、司法等途径维护自己的权利。",
    )


class ConfirmationForm(OnForm):
    court = forms.CharField(
        label="受理司法确认的法院", max_length=64, initial="衡阳市蒸湘区人民法院"
    )


class FollowUpForm(ActionForm):
    visited_on = forms.DateField(label="回访日期", initial=timezone.localdate)
    performance = forms.ChoiceField(
        label="履行情况", choices=[c for c in Performance.choices if c[0] != Performance.PENDING]
    )
    note = forms.CharField(label="回访情况", max_length=200, required=False)


class RateForm(ActionForm):
    difficulty = forms.ChoiceField(label="纠纷难易程度", choices=Difficulty.choices)
    amount = forms.DecimalField(label="每件补贴（元）", min_value=0, decimal_places=2)
    effective_from = forms.DateField(label="执行起始日")
