"""Back-office forms of the litigation register: registration, editing with a version stamp, steps."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from fazhi.core.forms import bool_field, choice_field, date_field, errors_onto_form, text_field
from fazhi.core.workflow import check_version
from fazhi.litigation import services
from fazhi.litigation.models import Appearance, HeadRank, JudgmentType, Lawsuit, ServiceParty

__all__ = ["STEP_FORMS", "LawsuitChangeForm", "LawsuitRegistrationForm", "errors_onto_form"]


class LawsuitRegistrationForm(forms.ModelForm):
    """The admin add form: `clean` builds the lawsuit with the service's rules, once; `save`
    hands it to the admin, which registers it (`services.lawsuit_save_registered`)."""

    request_user = None
    lawsuit = None

    class Meta:
        model = Lawsuit
        fields = list(services.REGISTRATION_FIELDS)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        values = {k: v for k, v in data.items() if v is not None}
        user = self.request_user
        try:
            self.lawsuit = services.build_lawsuit(actor=user, unit=user.unit, **values)
        except ValidationError as exc:
            errors_onto_form(self, exc)
        return data

    def save(self, commit=True):
        """The lawsuit validated in `clean`: the admin registers it through the service."""
        return self.lawsuit

    def save_m2m(self):
        """Registration has no many-to-many fields."""


class LawsuitChangeForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Lawsuit
        fields = list(services.EDITABLE_FIELDS) + ["version"]

    def clean(self):
        data = super().clean()
        if self.instance.pk and "version" in data:
            current = Lawsuit.objects.select_related("updated_by").get(pk=self.instance.pk)
            check_version(current, data["version"])
        return data


class StepForm(forms.Form):
    verb = title = help = ""

    def __init__(self, *args, lawsuit: Lawsuit, **kwargs):
        self.lawsuit = lawsuit
        super().__init__(*args, **kwargs)
        self.fields["expected_version"] = forms.IntegerField(
            widget=forms.HiddenInput, initial=lawsuit.version
        )

    def apply(self, actor):
        data = dict(self.cleaned_data)
        version = data.pop("expected_version")
        return self.call(actor, version, **data)


class ComplaintForm(StepForm):
    verb, title = "record_complaint_received", "登记收到起诉状副本"
    help = "被告应当在收到起诉状副本之日起十五日内提交作出行政行为的证据和所依据的规范性文件，并提出答辩状（《行政诉讼法》第六十七条）。"
    on = date_field("收到日期")

    def call(self, actor, version, **d):
        return services.lawsuit_record_complaint_received(
            actor=actor, lawsuit=self.lawsuit, expected_version=version, **d
        )


class DefenceForm(StepForm):
    verb, title = "record_defence", "登记答辩举证"
    on = date_field("提交日期")

    def call(self, actor, version, **d):
        return services.lawsuit_record_defence(
            actor=actor, lawsuit=self.lawsuit, expected_version=version, **d
        )


class ScheduleHearingForm(StepForm):
    verb, title = "schedule_hearing", "登记开庭排期及出庭安排"
    help = (
        "涉及重大公共利益、社会高度关注或者可能引发群体性事件的案件，以及人民法院书面建议负责人出庭的"
        "案件，被诉行政机关负责人应当出庭；有正当理由不能出庭的，应当提交加盖行政机关印章或者由主要"
        "负责人签字认可的情况说明（行诉解释第一百二十九条）。不得仅委托律师出庭（第一百二十八条）。"
    )
    held_on = date_field("开庭日期", initial_today=False)
    appearance = choice_field(
        "拟出庭情况",
        [(k, v) for k, v in Appearance.choices if k in (Appearance.HEAD, Appearance.STAFF)],
    )
    head_name = text_field("拟出庭负责人", required=False)
    head_title = text_field("负责人职务", required=False)
    staff_name = text_field("拟出庭工作人员", required=False)
    staff_position = text_field("工作人员职务", required=False)
    absence_reason = text_field("负责人不能出庭的正当理由", required=False)
    absence_statement_sealed = bool_field("已备加盖印章或主要负责人签字认可的情况说明")

    def call(self, actor, version, **d):
        return services.lawsuit_schedule_hearing(
            actor=actor, lawsuit=self.lawsuit, expected_version=version, **d
        )


class HearingForm(StepForm):
    verb, title = "record_hearing", "登记开庭及出庭情况"
    help = "负责人包括正职、副职及其他参与分管的负责人；负责人不能出庭的，应当委托相应的工作人员出庭，不得仅委托律师出庭（行诉解释第一百二十八条）。"
    held_on = date_field("开庭日期")
    appearance = choice_field("出庭情况", Appearance.choices)
    head_name = text_field("出庭负责人", required=False)
    head_rank = choice_field("负责人类别", HeadRank.choices, required=False)
    head_title = text_field("负责人职务", required=False)
    staff_name = text_field("委托出庭工作人员", required=False)
    staff_position = text_field("工作人员职务", required=False)
    authorization_submitted = bool_field("已提交授权委托书")
    lawyer_names = text_field("出庭律师", required=False)
    absence_reason = text_field("负责人未出庭的理由", required=False)
    note = text_field("备注", required=False)

    def call(self, actor, version, **d):
        return services.lawsuit_record_hearing(
            actor=actor, lawsuit=self.lawsuit, expected_version=version, **d
        )


class JudgmentForm(StepForm):
    verb, title = "record_judgment", "登记裁判结果"
    judgment_type = choice_field("裁判结果", JudgmentType.choices)
    judgment_on = date_field("裁判日期")
    served_on = date_field("送达日期（如已送达）", required=False, initial_today=False)

    def call(self, actor, version, **d):
        return services.lawsuit_record_judgment(
            actor=actor, lawsuit=self.lawsuit, expected_version=version, **d
        )


class ServiceForm(StepForm):
    verb, title = "record_service", "登记裁判文书送达"
    help = (
        "请逐一登记向各方当事人的送达。不服判决的，可以在判决书送达之日起十五日内上诉；不服驳回起诉"
        "等可以上诉的裁定的，十日内上诉；各方的上诉期限均届满且均未上诉的，一审裁判发生法律效力"
        "（《行政诉讼法》第八十五条，行诉解释第一百零一条）。准许撤诉的裁定送达即生效。"
    )
    on = date_field("送达日期")
    party = choice_field("受送达当事人", ServiceParty.choices)
    party_name = text_field("当事人名称（原告、被告、共同被告可不填）", required=False)

    def call(self, actor, version, **d):
        return services.lawsuit_record_service(
            actor=actor, lawsuit=self.lawsuit, expected_version=version, **d
        )


class AppealForm(StepForm):
    verb, title = "appeal", "登记上诉（二审）"
    court = text_field("二审法院")
    court_case_number = text_field("二审案号")
    appellant = text_field("上诉人")
    filed_on = date_field("二审立案日期")
    complaint_received_on = date_field("收到上诉状副本日期", required=False, initial_today=False)

    def call(self, actor, version, **d):
        return services.lawsuit_appeal(actor=actor, lawsuit=self.lawsuit, **d)


class CloseForm(StepForm):
    verb, title = "close", "结案（裁判生效）"
    on = date_field("生效日期")

    def call(self, actor, version, **d):
        return services.lawsuit_close(
            actor=actor, lawsuit=self.lawsuit, expected_version=version, **d
        )


STEP_FORMS = {
    f.verb: f
    for f in [
        ComplaintForm,
        DefenceForm,
        ScheduleHearingForm,
        HearingForm,
        JudgmentForm,
        ServiceForm,
        AppealForm,
        CloseForm,
    ]
}
