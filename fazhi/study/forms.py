"""Forms of the study pages. Choices are limited to what the signed-in user may see: the unit's
own people and the 应知应会 list in force for its unit."""

from django import forms
from django.utils import timezone
from unfold.widgets import UnfoldAdminCheckboxSelectMultipleWidget

from fazhi.core.access import visible_unit_ids
from fazhi.core.admin_actions import ActionForm
from fazhi.core.models import Role, Unit
from fazhi.decisions.models import MajorDecision
from fazhi.study.models import (
    TASK_RULES,
    CommitteeDocumentKind,
    CommitteeMeeting,
    DutyReportMode,
    RequiredLaw,
    RequiredLawKind,
    StaffMember,
    StudyKind,
)
from fazhi.study.selectors import ancestor_paths, laws_in_force

USER_KEY = "_user"  # the admin passes the signed-in user through the form's initial data


def _visible_units(user):
    visible = visible_unit_ids(user)
    return (
        Unit.objects.filter(active=True) if visible is None else Unit.objects.filter(pk__in=visible)
    )


def _checkboxes(field, queryset) -> None:
    """A multiple choice shown as check boxes (ActionForm styles every choice as one select)."""
    field.queryset = queryset
    field.widget = UnfoldAdminCheckboxSelectMultipleWidget()
    field.widget.choices = field.choices


def _is_office(user) -> bool:
    return bool(user is not None and (user.is_superuser or user.has_role(Role.OFFICE_STAFF)))


class UserForm(ActionForm):
    """An ActionForm that knows the signed-in user (from `initial[USER_KEY]`)."""

    def __init__(self, *args, **kwargs):
        initial = kwargs.get("initial") or {}
        self.user = initial.get(USER_KEY)
        super().__init__(*args, **kwargs)
        if "unit" in self.fields:
            if _is_office(self.user):
                self.fields["unit"].queryset = _visible_units(self.user)
            else:
                del self.fields["unit"]

    def unit_for(self, data):
        return data.get("unit") or self.user.unit


class StaffForm(UserForm):
    unit = forms.ModelChoiceField(label="所属单位", queryset=Unit.objects.none())
    name = forms.CharField(label="姓名", max_length=32)
    position = forms.CharField(label="职务", max_length=64, required=False)
    is_leader = forms.BooleanField(label="领导干部", required=False)
    id_number = forms.CharField(label="身份证号", max_length=18, required=False)


class StudySessionForm(UserForm):
    unit = forms.ModelChoiceField(label="学法单位", queryset=Unit.objects.none())
    kind = forms.ChoiceField(label="学法形式", choices=StudyKind.choices)
    held_on = forms.DateField(label="学法日期", initial=timezone.localdate)
    topic = forms.CharField(label="学习主题", max_length=255)
    lecturer = forms.CharField(label="主讲人", max_length=64, required=False)
    laws = forms.ModelMultipleChoiceField(
        label="学习的应知应会法规",
        queryset=RequiredLaw.objects.none(),
        required=False,
    )
    other_laws = forms.CharField(label="其他学习内容", max_length=255, required=False)
    attendees = forms.ModelMultipleChoiceField(
        label="参加人员（本单位）",
        queryset=StaffMember.objects.none(),
        required=False,
    )
    decision = forms.ModelChoiceField(
        label="学法所服务的重大行政决策（决策前学法时填写）",
        queryset=MajorDecision.objects.none(),
        required=False,
    )
    notes = forms.CharField(label="学习记录", widget=forms.Textarea, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.user
        unit = getattr(user, "unit", None)
        year = timezone.localdate().year
        _checkboxes(
            self.fields["laws"],
            laws_in_force(unit, year) if unit is not None else RequiredLaw.objects.none(),
        )
        staff = StaffMember.objects.for_user(user).filter(active=True)
        if not _is_office(user):
            staff = staff.filter(unit=unit)
        _checkboxes(self.fields["attendees"], staff)
        self.fields["decision"].queryset = MajorDecision.objects.for_user(user)


class AttendanceForm(ActionForm):
    attendees = forms.ModelMultipleChoiceField(
        label="补充参加人员", queryset=StaffMember.objects.none()
    )

    def __init__(self, *args, session=None, **kwargs):
        super().__init__(*args, **kwargs)
        _checkboxes(
            self.fields["attendees"],
            StaffMember.objects.filter(unit=session.unit, active=True).exclude(
                pk__in=session.attendees.values("pk")
            ),
        )


class RequiredLawListForm(ActionForm):
    year = forms.IntegerField(label="适用年度（起）", min_value=2000, max_value=2100)
    title = forms.CharField(label="清单名称", max_length=255)
    issuer = forms.CharField(label="发布机关", max_length=128, required=False)
    laws = forms.CharField(
        label="法规（每行一部，可在前面加类别，如“党内法规：中国共产党章程”）",
        widget=forms.Textarea,
    )

    def clean_laws(self):
        labels = {str(label): value for value, label in RequiredLawKind.choices}
        result = []
        for line in self.cleaned_data["laws"].splitlines():
            line = line.strip()
            if not line:
                continue
            kind, _, title = line.partition("：")
            if title and kind in labels:
                result.append((title.strip(), labels[kind]))
            else:
                result.append((line, RequiredLawKind.LAW))
        if not result:
            raise forms.ValidationError("请至少填写一部法规。")
        return result


class RequiredLawForm(ActionForm):
    title = forms.CharField(label="名称", max_length=255)
    kind = forms.ChoiceField(label="类别", choices=RequiredLawKind.choices)


class ExamResultForm(ActionForm):
    studied = forms.BooleanField(label="参学", required=False)
    registered = forms.BooleanField(label="报考", required=False)
    sat = forms.BooleanField(label="参考", required=False)
    passed = forms.BooleanField(label="通过", required=False)
    score = forms.DecimalField(label="成绩", required=False, max_digits=5, decimal_places=1)


class AppointmentExamForm(UserForm):
    person = forms.ModelChoiceField(label="拟任人员", queryset=StaffMember.objects.none())
    position = forms.CharField(label="拟任职务", max_length=64)
    exam_date = forms.DateField(label="考试日期", initial=timezone.localdate)
    score = forms.DecimalField(label="成绩", required=False, max_digits=5, decimal_places=1)
    passed = forms.BooleanField(label="合格", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = StaffMember.objects.for_user(self.user)


class CommitteeMeetingForm(UserForm):
    number = forms.IntegerField(label="届次（第几次会议）", min_value=1)
    held_on = forms.DateField(label="会议日期", initial=timezone.localdate)
    title = forms.CharField(label="会议名称", max_length=255)
    chair = forms.CharField(label="主持人", max_length=64, required=False)
    attendees = forms.CharField(label="出席人员", widget=forms.Textarea, required=False)


class CommitteeDocumentForm(ActionForm):
    kind = forms.ChoiceField(label="文件类型", choices=CommitteeDocumentKind.choices)
    title = forms.CharField(label="文件名称", max_length=255)
    covers_year = forms.IntegerField(label="所属年度", min_value=2000, max_value=2100)


class CommitteeTaskForm(ActionForm):
    unit = forms.ModelChoiceField(label="承办单位", queryset=Unit.objects.filter(active=True))
    title = forms.CharField(label="任务", max_length=255)
    detail = forms.CharField(label="任务要求", widget=forms.Textarea, required=False)
    assigned_on = forms.DateField(label="交办日期", initial=timezone.localdate)
    period_rule = forms.ChoiceField(label="办理期限", choices=TASK_RULES)


class FollowUpForm(ActionForm):
    on = forms.DateField(label="督办日期", initial=timezone.localdate)
    note = forms.CharField(label="督办意见", widget=forms.Textarea, required=False)


class CompleteForm(ActionForm):
    on = forms.DateField(label="办结日期", initial=timezone.localdate)
    result = forms.CharField(label="办理结果", widget=forms.Textarea)


class DutyReportForm(UserForm):
    unit = forms.ModelChoiceField(label="述法单位", queryset=Unit.objects.none())
    year = forms.IntegerField(label="述法年度", min_value=2000, max_value=2100)
    head_name = forms.CharField(label="述法人", max_length=32)
    head_position = forms.CharField(label="职务", max_length=64)
    mode = forms.ChoiceField(label="述法方式", choices=DutyReportMode.choices)
    reported_on = forms.DateField(label="述法日期", initial=timezone.localdate)
    committee_meeting = forms.ModelChoiceField(
        label="述法会议（公开述法时填写）",
        queryset=CommitteeMeeting.objects.none(),
        required=False,
    )
    summary = forms.CharField(label="述法内容摘要", widget=forms.Textarea, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        division = getattr(getattr(self.user, "unit", None), "division", None)
        meetings = CommitteeMeeting.objects.none()
        if division is not None:
            # committee meetings are public acts of the district: any unit of it may cite them
            meetings = CommitteeMeeting.objects.filter(
                unit__division__path__in=ancestor_paths(division)
            )
        self.fields["committee_meeting"].queryset = meetings


class ResponsibilityListForm(UserForm):
    unit = forms.ModelChoiceField(label="单位", queryset=Unit.objects.none())
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    head_name = forms.CharField(label="负责人", max_length=32)
    head_position = forms.CharField(label="职务", max_length=64)
    duties = forms.CharField(label="职责清单（每行一项）", widget=forms.Textarea)
