"""Forms of the normative-document pages (each runs a service)."""

from django import forms
from django.utils import timezone

from fazhi.core.admin_actions import ActionForm
from fazhi.meetings.models import COLLECTIVE_KINDS, AgendaOutcome, Meeting
from fazhi.normdocs.models import (
    CleanupKind,
    CleanupOutcome,
    DocState,
    IncidentalOutcome,
    IncidentalSource,
    IssuerKind,
)

today = timezone.localdate


class DraftForm(ActionForm):
    title = forms.CharField(label="文件名称", max_length=255)
    issuer_kind = forms.ChoiceField(label="制定机关类型", choices=IssuerKind.choices)
    body = forms.CharField(label="正文", widget=forms.Textarea(attrs={"rows": 12}))
    document_number = forms.CharField(label="发文字号", required=False)
    is_provisional = forms.BooleanField(label="暂行或试行", required=False)
    needs_government_consent = forms.BooleanField(
        label="涉及群众切身利益、社会关注度高或涉外事项（须经本级政府同意）", required=False
    )
    government_consent_ref = forms.CharField(label="本级政府同意文件", required=False)


class ConsultationForm(ActionForm):
    start = forms.DateField(label="征求意见开始日", initial=today)


class SubmitForReviewForm(ActionForm):
    submitted_on = forms.DateField(label="送审日期", initial=today)
    drafting_note = forms.CharField(label="起草说明", widget=forms.Textarea)
    legal_basis = forms.CharField(label="制定依据", widget=forms.Textarea)
    consultation_end = forms.DateField(label="征求意见截止日", required=False)
    consultation_summary = forms.CharField(
        label="意见采纳情况", widget=forms.Textarea, required=False
    )
    consultation_shortened_reason = forms.CharField(
        label="缩短征求意见期限的理由", widget=forms.Textarea, required=False
    )
    consultation_exempt_reason = forms.CharField(
        label="未公开征求意见的理由", widget=forms.Textarea, required=False
    )
    fair_competition_note = forms.CharField(
        label="公平竞争审查意见（涉及市场主体经济活动的）", widget=forms.Textarea, required=False
    )


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
    dissent = forms.CharField(label="不同意见", widget=forms.Textarea, required=False)
    head_decision = forms.CharField(label="主要负责人决定", widget=forms.Textarea, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        meetings = Meeting.objects.none()
        if user is not None:
            meetings = Meeting.objects.for_user(user).filter(kind__in=COLLECTIVE_KINDS)
        self.fields["meeting"].queryset = meetings.order_by("-held_on")


class PublishForm(ActionForm):
    registration_number = forms.CharField(label="统一登记号")
    document_number = forms.CharField(label="发文字号", required=False)
    published_on = forms.DateField(label="公布日期", initial=today)
    effective_on = forms.DateField(label="施行日期")
    valid_until = forms.DateField(label="有效期至")
    publication_channel = forms.CharField(label="公布载体", initial="政府门户网站")
    publication_url = forms.URLField(label="公布网址", required=False)
    immediate_effect_reason = forms.CharField(
        label="公布之日起施行的理由（N6 例外）", widget=forms.Textarea, required=False
    )


class FileForm(ActionForm):
    filed_on = forms.DateField(label="报备日期", initial=today)
    filed_with = forms.CharField(label="备案机关", required=False)
    filing_reference = forms.CharField(label="备案登记号", required=False)


END_CHOICES = [
    (DocState.REPEALED, DocState.REPEALED.label),
    (DocState.DECLARED_INVALID, DocState.DECLARED_INVALID.label),
    (DocState.EXPIRED, DocState.EXPIRED.label),
    (DocState.AMENDED, DocState.AMENDED.label),
]


class EndForm(ActionForm):
    state = forms.ChoiceField(label="失效方式", choices=END_CHOICES)
    on = forms.DateField(label="日期", initial=today)
    reason = forms.CharField(label="理由", widget=forms.Textarea)


class AbandonForm(ActionForm):
    reason = forms.CharField(label="终止制定的理由", widget=forms.Textarea)


class IncidentalForm(ActionForm):
    source = forms.ChoiceField(label="来源", choices=IncidentalSource.choices)
    case_number = forms.CharField(label="案号")
    received_on = forms.DateField(label="收到审查请求（转送、司法建议）日期", initial=today)
    competent = forms.BooleanField(
        label="（行政复议附带审查）本机关有权处理",
        required=False,
        initial=True,
        help_text="无权处理的，应当在七个工作日内转送有权处理的机关（《行政复议法》第五十六条、第五十七条）。",
    )
    suspended_on = forms.DateField(
        label="行政复议中止日期",
        required=False,
        help_text="有权处理的，自中止之日起三个工作日内书面通知制定机关（《行政复议法》第五十八条）。",
    )


class IssuerNoticeForm(ActionForm):
    sent_on = forms.DateField(label="书面通知制定机关日期", initial=today)
    received_on = forms.DateField(label="制定机关收到通知日期", required=False)


class IssuerReplyForm(ActionForm):
    on = forms.DateField(label="制定机关书面答复日期", initial=today)


class IncidentalDecideForm(ActionForm):
    outcome = forms.ChoiceField(label="处理结果", choices=IncidentalOutcome.choices)
    decided_on = forms.DateField(label="处理日期", initial=today)
    note = forms.CharField(label="处理意见", widget=forms.Textarea, required=False)


class CleanupStartForm(ActionForm):
    kind = forms.ChoiceField(label="清理类型", choices=CleanupKind.choices)
    year = forms.IntegerField(label="年度", initial=lambda: today().year)
    title = forms.CharField(label="清理名称")
    basis = forms.CharField(label="清理依据", widget=forms.Textarea, required=False)
    started_on = forms.DateField(label="开始日期", initial=today)
    cutoff_on = forms.DateField(label="清理截止日（此日前公布的现行文件纳入清理）", initial=today)


class CleanupOutcomeForm(ActionForm):
    outcome = forms.ChoiceField(label="清理结论", choices=CleanupOutcome.choices)
    reason = forms.CharField(label="理由", widget=forms.Textarea, required=False)


class CleanupCompleteForm(ActionForm):
    on = forms.DateField(label="完成日期", initial=today)


class CleanupPublishForm(ActionForm):
    on = forms.DateField(label="公布日期", initial=today)
    url = forms.URLField(label="公布网址", required=False)


class SearchForm(forms.Form):
    q = forms.CharField(label="检索", required=False)
