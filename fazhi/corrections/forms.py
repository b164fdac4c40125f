"""Forms of the community-corrections back office."""

from django import forms
from django.utils import timezone

from fazhi.core.admin_actions import ActionForm
from fazhi.corrections.models import (
    ApprovalLevel,
    ClassKind,
    Gender,
    Movement,
    MovementKind,
    ProposalKind,
    SentenceKind,
    TaggingGround,
    TeamRole,
    TerminationGround,
)


class SubjectForm(ActionForm):
    name = forms.CharField(label="姓名", max_length=32)
    gender = forms.ChoiceField(label="性别", choices=Gender.choices)
    id_number = forms.CharField(label="居民身份证号码", max_length=32)
    phone = forms.CharField(label="联系电话", max_length=20, required=False)
    address = forms.CharField(label="居住地", max_length=200)
    crime = forms.CharField(label="罪名", max_length=100)
    sentence_kind = forms.ChoiceField(label="矫正类别", choices=SentenceKind.choices)
    deciding_organ = forms.CharField(label="决定机关", max_length=64)
    effective_on = forms.DateField(label="判决、裁定或决定生效日期")
    notified_on = forms.DateField(label="收到通知日期", required=False)
    documents_received_on = forms.DateField(label="收到法律文书日期", required=False)
    term_start = forms.DateField(label="矫正期起")
    term_end = forms.DateField(label="矫正期止")


class OnForm(ActionForm):
    on = forms.DateField(label="办理日期", initial=timezone.localdate)


class ReceiveForm(OnForm):
    documents_checked = forms.BooleanField(label="核对法律文书", required=False)
    identity_verified = forms.BooleanField(label="核实身份", required=False)
    registered = forms.BooleanField(label="办理登记", required=False)
    file_opened = forms.BooleanField(label="建立档案", required=False)
    announced = forms.BooleanField(
        label="宣告犯罪事实、执行社区矫正的期限以及应当遵守的规定", required=False
    )


class TeamForm(OnForm):
    plan = forms.CharField(label="矫正方案", widget=forms.Textarea)


for _n in (1, 2, 3):
    TeamForm.base_fields.update(
        {
            f"member{_n}_name": forms.CharField(label=f"成员{_n}：姓名", required=_n == 1),
            f"member{_n}_gender": forms.ChoiceField(
                label=f"成员{_n}：性别", choices=Gender.choices, required=_n == 1
            ),
            f"member{_n}_role": forms.ChoiceField(
                label=f"成员{_n}：身份", choices=TeamRole.choices, required=_n == 1
            ),
        }
    )


def team_arguments(data: dict) -> dict:
    members = [
        {k: data.get(f"member{n}_{k}") for k in ("name", "gender", "role")}
        for n in (1, 2, 3)
        if data.get(f"member{n}_name")
    ]
    return {"members": members, "plan": data["plan"], "on": data["on"]}


class LostForm(OnForm):
    measures = forms.CharField(label="查找措施", widget=forms.Textarea)


class MovementForm(ActionForm):
    kind = forms.ChoiceField(label="事项", choices=MovementKind.choices)
    requested_on = forms.DateField(label="申请日期", initial=timezone.localdate)
    start = forms.DateField(label="起始日期")
    end = forms.DateField(label="截止日期（外出）", required=False)
    destination = forms.CharField(label="前往地/新居住地", max_length=200)
    reason = forms.CharField(label="事由", max_length=200)


class DecideForm(OnForm):
    movement = forms.ModelChoiceField(label="申请", queryset=Movement.objects.none())
    approve = forms.TypedChoiceField(
        label="审批结果", choices=[("1", "批准"), ("0", "不批准")], coerce=lambda v: v == "1"
    )
    level = forms.ChoiceField(label="审批机构", choices=ApprovalLevel.choices)

    def __init__(self, *args, subject=None, **kwargs):
        super().__init__(*args, **kwargs)
        if subject is not None:
            self.fields["movement"].queryset = subject.movements.filter(decision="pending")


class ProposalForm(ActionForm):
    kind = forms.ChoiceField(label="提请事项", choices=ProposalKind.choices)
    proposed_on = forms.DateField(label="提请日期", initial=timezone.localdate)
    organ = forms.CharField(label="受理机关", max_length=64, initial="衡阳市蒸湘区人民法院")


class TaggingForm(ActionForm):
    ground = forms.ChoiceField(label="使用情形", choices=TaggingGround.choices)
    approver = forms.CharField(label="批准人", max_length=32)
    approver_is_county_head = forms.BooleanField(
        label="批准人为县级司法行政部门负责人", required=False
    )
    approved_on = forms.DateField(label="批准日期", initial=timezone.localdate)
    start = forms.DateField(label="起始日期")
    end = forms.DateField(label="截止日期")


class ReleaseForm(OnForm):
    notices_sent = forms.BooleanField(
        label="已发放解除社区矫正证明书，并书面通知决定机关，抄送人民检察院和公安机关",
        required=False,
    )


class TerminateForm(OnForm):
    ground = forms.ChoiceField(label="终止事由", choices=TerminationGround.choices)


class TrainingForm(ActionForm):
    name = forms.CharField(label="培训班名称", max_length=64)
    kind = forms.ChoiceField(label="类别", choices=ClassKind.choices)
    started_on = forms.DateField(label="开班日期")
