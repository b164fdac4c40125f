"""Forms of the back office: registration (the admin add form), editing with a version stamp,
and one small form per procedural step. Each step form hands its data to a service."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from unfold.widgets import (
    UnfoldAdminCheckboxSelectMultipleWidget,
    UnfoldAdminIntegerFieldWidget,
    UnfoldAdminSelectWidget,
)

from fazhi.core.forms import (
    area_field,
    bool_field,
    choice_field,
    date_field,
    errors_onto_form,
    text_field,
)
from fazhi.core.models import Role, Unit, User
from fazhi.core.workflow import check_version
from fazhi.reconsideration import services
from fazhi.reconsideration.models import (
    AcceptanceCondition,
    ApprovalKind,
    Compensation,
    DocumentKind,
    HearingKind,
    HearingMethod,
    Outcome,
    Procedure,
    ReconsiderationCase,
    SimpleGround,
    SuspensionGround,
    TerminationGround,
    UnlawfulGround,
)

# --- registration and editing -------------------------------------------------------------


class CaseRegistrationForm(forms.ModelForm):
    """The admin add form: `clean` builds the application with the service's rules (F1-F5),
    once; `save` hands it to the admin, which registers it (`services.application_register`)."""

    request_user = None  # set by the admin
    application = None

    class Meta:
        model = ReconsiderationCase
        fields = list(services.REGISTRATION_FIELDS)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        values = {f: data.get(f) for f in services.REGISTRATION_FIELDS if f in data}
        values = {k: v for k, v in values.items() if v is not None or k in ("act_amount",)}
        user = self.request_user
        try:
            self.application = services.build_application(unit=user.unit, actor=user, **values)
        except ValidationError as exc:
            errors_onto_form(self, exc)
        return data

    def save(self, commit=True):
        """The application validated in `clean`: the admin registers it through the service."""
        return self.application

    def save_m2m(self):
        """Registration has no many-to-many fields."""


class CaseChangeForm(forms.ModelForm):
    """The admin change form: carries the version read, refused if someone saved since."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ReconsiderationCase
        fields = list(services.EDITABLE_FIELDS) + ["version"]

    def clean(self):
        data = super().clean()
        if self.instance.pk and "version" in data:
            current = ReconsiderationCase.objects.select_related("updated_by").get(
                pk=self.instance.pk
            )
            check_version(current, data["version"])
        return data


# --- step forms ---------------------------------------------------------------------------


def office_heads(case) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label="批准人（行政复议机构负责人）",
        queryset=User.objects.filter(
            unit=case.unit, roles__contains=[Role.UNIT_HEAD], is_active=True
        ),
        widget=UnfoldAdminSelectWidget,
    )


class StepForm(forms.Form):
    verb = ""
    title = ""
    help = ""

    def __init__(self, *args, case: ReconsiderationCase, **kwargs):
        self.case = case
        super().__init__(*args, **kwargs)
        self.fields["expected_version"] = forms.IntegerField(
            widget=forms.HiddenInput, initial=case.version
        )

    def apply(self, actor):
        data = dict(self.cleaned_data)
        version = data.pop("expected_version")
        return self.call(actor, version, **data)

    def call(self, actor, version, **data):  # pragma: no cover - every subclass defines it
        raise NotImplementedError


class RequestCorrectionForm(StepForm):
    verb, title = "request_correction", "通知补正"
    help = (
        "补正通知应在收到申请之日起五个工作日内书面发出，并一次性载明需要补正的事项（第三十一条）。"
    )
    on = date_field("补正通知日期")
    items = area_field("需要补正的事项")
    notice_received_on = date_field(
        "申请人收到通知日期（如已知）", required=False, initial_today=False
    )

    def call(self, actor, version, **d):
        return services.case_request_correction(
            actor=actor, case=self.case, expected_version=version, **d
        )


class CorrectionNoticeReceivedForm(StepForm):
    verb, title = "record_correction_notice_received", "登记申请人收到补正通知"
    on = date_field("收到日期")

    def call(self, actor, version, **d):
        return services.case_record_correction_notice_received(
            actor=actor, case=self.case, expected_version=version, **d
        )


class ExtendCorrectionForm(StepForm):
    verb, title = "extend_correction", "延长补正期限"
    days = forms.IntegerField(
        label="延长（个工作日）", min_value=1, widget=UnfoldAdminIntegerFieldWidget
    )
    reason = text_field("正当理由")

    def call(self, actor, version, **d):
        return services.case_extend_correction(
            actor=actor, case=self.case, expected_version=version, **d
        )


class ReceiveCorrectionForm(StepForm):
    verb, title = "receive_correction", "收到补正材料"
    help = "收到补正材料之日起重新计算五个工作日的受理审查期限（第三十一条第三款）。"
    on = date_field("收到日期")

    def call(self, actor, version, **d):
        return services.case_receive_correction(
            actor=actor, case=self.case, expected_version=version, **d
        )


class DeemAbandonedForm(StepForm):
    verb, title = "deem_abandoned", "视为放弃"
    on = date_field("日期")

    def call(self, actor, version, **d):
        return services.case_deem_abandoned(
            actor=actor, case=self.case, expected_version=version, **d
        )


class AcceptForm(StepForm):
    verb, title = "accept", "受理"
    help = "逐项确认《行政复议法》第三十条第一款的七项受理条件。"
    on = date_field("受理日期")
    conditions = forms.MultipleChoiceField(
        label="符合的受理条件",
        choices=AcceptanceCondition.choices,
        initial=AcceptanceCondition.values,
        widget=UnfoldAdminCheckboxSelectMultipleWidget,
    )
    procedure = choice_field("审理程序", Procedure.choices)
    simple_ground = choice_field("适用简易程序的情形", SimpleGround.choices, required=False)

    def call(self, actor, version, **d):
        return services.case_accept(actor=actor, case=self.case, expected_version=version, **d)


class RejectForm(StepForm):
    verb, title = "reject", "不予受理"
    on = date_field("决定日期")
    unmet_conditions = forms.MultipleChoiceField(
        label="不符合的受理条件",
        choices=AcceptanceCondition.choices,
        widget=UnfoldAdminCheckboxSelectMultipleWidget,
    )
    reason = area_field("不予受理理由")
    competent_organ = text_field("有管辖权的行政复议机关（不属本机关管辖时必填）", required=False)

    def call(self, actor, version, **d):
        return services.case_reject(actor=actor, case=self.case, expected_version=version, **d)


class ForwardForm(StepForm):
    verb, title = "forward", "转送"
    on = date_field("转送日期")
    forwarded_to = text_field("转送至")
    reason = text_field("说明", required=False)

    def call(self, actor, version, **d):
        return services.case_forward(actor=actor, case=self.case, expected_version=version, **d)


class SendCopyForm(StepForm):
    verb, title = "send_copy", "发送申请书副本"
    sent_on = date_field("发送日期")
    received_on = date_field("被申请人收到日期（如已知）", required=False, initial_today=False)

    def call(self, actor, version, **d):
        return services.case_send_copy(actor=actor, case=self.case, expected_version=version, **d)


class CopyReceivedForm(StepForm):
    verb, title = "record_copy_received", "登记被申请人收到副本"
    on = date_field("收到日期")

    def call(self, actor, version, **d):
        return services.case_record_copy_received(
            actor=actor, case=self.case, expected_version=version, **d
        )


class ReplyForm(StepForm):
    verb, title = "record_reply", "登记书面答复"
    on = date_field("收到答复日期")

    def call(self, actor, version, **d):
        return services.case_record_reply(
            actor=actor, case=self.case, expected_version=version, **d
        )


class HearingForm(StepForm):
    verb, title = "record_hearing", "记录听取意见/听证"
    help = "听证须提前五个工作日书面通知，由一名主持人、两名以上听证员和一名记录员组成（第五十条、第五十一条）。"
    kind = choice_field("类型", HearingKind.choices)
    method = choice_field("方式", HearingMethod.choices)
    held_on = date_field("日期")
    notice_sent_on = date_field("听证通知日期", required=False, initial_today=False)
    place = text_field("地点", required=False)
    chair = text_field("主持人", required=False)
    hearing_officers = text_field("听证员（以顿号分隔）", required=False)
    clerk = text_field("记录员", required=False)
    respondent_head_attended = bool_field("被申请人负责人参加")
    respondent_head_absence_reason = text_field("负责人未参加的理由及委托人员", required=False)
    views = area_field("听取的意见/笔录摘要", required=False)

    def clean_hearing_officers(self):
        raw = self.cleaned_data.get("hearing_officers") or ""
        return [
            n.strip() for n in raw.replace("，", "、").replace(",", "、").split("、") if n.strip()
        ]

    def call(self, actor, version, **d):
        return services.case_record_hearing(
            actor=actor, case=self.case, expected_version=version, **d
        )


class CommitteeForm(StepForm):
    verb, title = "record_committee_opinion", "记录复议委员会咨询意见"
    on = date_field("咨询日期")
    opinion = area_field("咨询意见")

    def call(self, actor, version, **d):
        return services.case_record_committee_opinion(
            actor=actor, case=self.case, expected_version=version, **d
        )


class ConvertForm(StepForm):
    verb, title = "convert_to_normal", "转为普通程序"

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["on"] = date_field("日期")
        self.fields["approver"] = office_heads(case)

    def call(self, actor, version, **d):
        return services.case_convert_to_normal(
            actor=actor, case=self.case, expected_version=version, **d
        )


class ExtendForm(StepForm):
    verb, title = "extend", "延长决定期限"
    help = (
        "情况复杂的，经行政复议机构负责人批准，可以延长一次，最多不超过三十日（第六十二条第一款）。"
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["on"] = date_field("批准日期")
        self.fields["days"] = forms.IntegerField(
            label="延长天数", widget=UnfoldAdminIntegerFieldWidget
        )
        self.fields["approver"] = office_heads(case)
        self.fields["reason"] = text_field("情况复杂的理由")

    def call(self, actor, version, **d):
        return services.case_extend(actor=actor, case=self.case, expected_version=version, **d)


class SuspendForm(StepForm):
    verb, title = "suspend", "中止审理"
    on = date_field("中止日期")
    ground = choice_field("中止情形（第三十九条第一款）", SuspensionGround.choices)
    detail = text_field("具体原因", required=False)
    notice_sent_on = date_field("书面告知日期", required=False)

    def call(self, actor, version, **d):
        return services.case_suspend(actor=actor, case=self.case, expected_version=version, **d)


class ResumeForm(StepForm):
    verb, title = "resume", "恢复审理"
    on = date_field("恢复日期")
    notice_sent_on = date_field("书面告知日期", required=False)

    def call(self, actor, version, **d):
        return services.case_resume(actor=actor, case=self.case, expected_version=version, **d)


class MediationForm(StepForm):
    verb, title = "record_mediation", "登记调解书签收"
    signed_on = date_field("各方签字日期")
    sealed_on = date_field("加盖印章日期")

    def call(self, actor, version, **d):
        return services.case_record_mediation(
            actor=actor, case=self.case, expected_version=version, **d
        )


class SettlementForm(StepForm):
    verb, title = "record_settlement", "登记和解及撤回"
    reached_on = date_field("达成和解日期")
    withdrawal_approved_on = date_field("准予撤回日期", required=False)

    def call(self, actor, version, **d):
        return services.case_record_settlement(
            actor=actor, case=self.case, expected_version=version, **d
        )


class ApproveWithdrawalForm(StepForm):
    verb, title = "approve_withdrawal", "准予撤回申请"
    on = date_field("准予撤回日期")

    def call(self, actor, version, **d):
        return services.case_approve_withdrawal(
            actor=actor, case=self.case, expected_version=version, **d
        )


class ProposeForm(StepForm):
    verb, title = "propose", "提出拟决定"
    outcome = choice_field("结案方式", Outcome.choices)
    on = date_field("拟决定日期")
    grounds = area_field("理由", required=False)
    order_redo = bool_field("责令重新作出行政行为")
    unlawful_ground = choice_field("确认违法的情形", UnlawfulGround.choices, required=False)
    compensation = choice_field("行政赔偿", Compensation.choices)
    termination_ground = choice_field("终止情形", TerminationGround.choices, required=False)
    worse_for_applicant = bool_field("变更决定对申请人更为不利")
    third_party_requested = bool_field("第三人提出相反请求")

    def call(self, actor, version, **d):
        return services.case_propose_decision(
            actor=actor, case=self.case, expected_version=version, **d
        )


class WithdrawProposalForm(StepForm):
    verb, title = "withdraw_proposal", "退回重新审理"
    reason = text_field("原因", required=False)

    def call(self, actor, version, **d):
        return services.case_withdraw_proposal(
            actor=actor, case=self.case, expected_version=version, **d
        )


class ApproveForm(StepForm):
    verb, title = "approve", "负责人同意/集体讨论通过"
    help = "复议决定经行政复议机关的负责人同意或者集体讨论通过后，以行政复议机关的名义作出（第六十一条第一款）。"
    kind = choice_field("审批方式", ApprovalKind.choices)
    on = date_field("批准日期")
    approver_name = text_field("负责人姓名", required=False)
    approver_title = text_field("负责人职务", required=False)
    meeting = text_field("集体讨论会议及纪要", required=False)

    def call(self, actor, version, **d):
        return services.case_approve_decision(
            actor=actor, case=self.case, expected_version=version, **d
        )


class IssueForm(StepForm):
    verb, title = "issue", "作出决定（结案）"
    on = date_field("作出决定日期")
    decision_number = text_field("文号（默认同案号）", required=False)

    def call(self, actor, version, **d):
        return services.case_issue_decision(
            actor=actor, case=self.case, expected_version=version, **d
        )


class ServeForm(StepForm):
    verb, title = "serve", "登记送达"
    on = date_field("送达日期")
    publish = bool_field("决定书向社会公开")

    def call(self, actor, version, **d):
        return services.case_record_service(
            actor=actor, case=self.case, expected_version=version, **d
        )


class CopyReportForm(StepForm):
    verb, title = "record_copy_report", "登记抄告"
    help = "以本级人民政府工作部门为被申请人的，发生法律效力的决定书、意见书同时抄告其上一级主管部门（第七十九条第二款）。"
    on = date_field("抄告日期")
    to = text_field("上一级主管部门")

    def call(self, actor, version, **d):
        return services.case_record_copy_report(
            actor=actor, case=self.case, expected_version=version, **d
        )


class OpinionLetterForm(StepForm):
    verb, title = "issue_opinion_letter", "制发行政复议意见书"

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["recipient_unit"] = forms.ModelChoiceField(
            label="接收机关",
            queryset=Unit.objects.in_subtree(case.unit),
            initial=case.respondent_unit_id,
            widget=UnfoldAdminSelectWidget,
        )
        self.fields["content"] = area_field("意见书内容")
        self.fields["issued_on"] = date_field("制发日期")
        self.fields["received_on"] = date_field(
            "对方收到日期（如已知）", required=False, initial_today=False
        )

    def call(self, actor, version, **d):
        return services.opinion_letter_issue(actor=actor, case=self.case, **d)


STEP_FORMS: dict[str, type[StepForm]] = {
    form.verb: form
    for form in [
        RequestCorrectionForm,
        CorrectionNoticeReceivedForm,
        ExtendCorrectionForm,
        ReceiveCorrectionForm,
        DeemAbandonedForm,
        AcceptForm,
        RejectForm,
        ForwardForm,
        SendCopyForm,
        CopyReceivedForm,
        ReplyForm,
        HearingForm,
        CommitteeForm,
        ConvertForm,
        ExtendForm,
        SuspendForm,
        ResumeForm,
        MediationForm,
        SettlementForm,
        ApproveWithdrawalForm,
        ProposeForm,
        WithdrawProposalForm,
        ApproveForm,
        IssueForm,
        ServeForm,
        CopyReportForm,
        OpinionLetterForm,
    ]
}


class TemplateUploadForm(forms.Form):
    kind = choice_field("文书种类", DocumentKind.choices)
    file = forms.FileField(label="模板文件（.docx）")
    note = text_field("说明", required=False)


class LedgerImportForm(forms.Form):
    file = forms.FileField(label="台账文件（.xlsx）")
