"""Forms of the meetings pages."""

from django import forms
from django.utils import timezone

from fazhi.core.admin_actions import ActionForm
from fazhi.core.models import Unit
from fazhi.meetings.models import AgendaItemKind, AgendaOutcome, MeetingKind
from fazhi.meetings.workflow import SUBJECT_REQUIRED_KINDS

PLAIN_KINDS = [(k, label) for k, label in AgendaItemKind.choices if k not in SUBJECT_REQUIRED_KINDS]


class MeetingForm(ActionForm):
    kind = forms.ChoiceField(label="会议类型", choices=MeetingKind.choices)
    number = forms.IntegerField(label="届次（第几次）", required=False, min_value=1)
    held_on = forms.DateField(label="会议日期", initial=timezone.localdate)
    title = forms.CharField(label="会议名称", required=False)
    chair = forms.CharField(label="主持人", required=False)
    attendees = forms.CharField(label="出席人员", widget=forms.Textarea, required=False)
    location = forms.CharField(label="会议地点", required=False)


class AgendaItemForm(ActionForm):
    kind = forms.ChoiceField(label="议题类型", choices=PLAIN_KINDS)
    title = forms.CharField(label="议题", max_length=255)
    presenting_unit = forms.ModelChoiceField(
        label="汇报单位", queryset=Unit.objects.filter(active=True), required=False
    )
    outcome = forms.ChoiceField(label="审议结果", choices=AgendaOutcome.choices)
    dissent = forms.CharField(label="不同意见", widget=forms.Textarea, required=False)
    head_decision = forms.CharField(label="行政首长决定", widget=forms.Textarea, required=False)
    departs_from_majority_reason = forms.CharField(
        label="与多数意见不一致的理由", widget=forms.Textarea, required=False
    )


class MinutesReviewForm(ActionForm):
    submitted_on = forms.DateField(label="送审日期", initial=timezone.localdate)
    note = forms.CharField(label="送审说明", widget=forms.Textarea, required=False)
