"""Forms of the publicity pages (choices limited to what the signed-in user may see)."""

from django import forms
from django.utils import timezone

from fazhi.core.access import visible_unit_ids
from fazhi.core.admin_actions import ActionForm
from fazhi.core.models import Role, Unit
from fazhi.publicity.models import (
    VILLAGE_KINDS,
    EventKind,
    PublicityDuty,
    PublicityEvent,
    SiteKind,
    VillageLevel,
)

USER_KEY = "_user"  # the admin passes the signed-in user through the form's initial data


class UserForm(ActionForm):
    """An ActionForm that knows the signed-in user; office staff choose the unit."""

    village_only = False

    def __init__(self, *args, **kwargs):
        self.user = (kwargs.get("initial") or {}).get(USER_KEY)
        super().__init__(*args, **kwargs)
        user = self.user
        office = user is not None and (user.is_superuser or user.has_role(Role.OFFICE_STAFF))
        if "unit" in self.fields:
            if office:
                visible = visible_unit_ids(user)
                units = (
                    Unit.objects.filter(active=True)
                    if visible is None
                    else Unit.objects.filter(pk__in=visible, active=True)
                )
                if self.village_only:
                    units = units.filter(kind__in=VILLAGE_KINDS)
                self.fields["unit"].queryset = units
            else:
                del self.fields["unit"]


class DutyForm(UserForm):
    unit = forms.ModelChoiceField(label="责任单位", queryset=Unit.objects.none())
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    title = forms.CharField(label="普法责任事项", max_length=255)
    laws = forms.CharField(label="重点宣传的法律法规", max_length=255, required=False)
    audience = forms.CharField(label="普法对象", max_length=128, required=False)
    planned_events = forms.IntegerField(label="计划开展活动（次）", min_value=0, initial=1)


class DutyCompleteForm(ActionForm):
    on = forms.DateField(label="完成日期", initial=timezone.localdate)
    note = forms.CharField(label="完成情况说明", widget=forms.Textarea, required=False)


class EventForm(UserForm):
    unit = forms.ModelChoiceField(label="主办单位", queryset=Unit.objects.none())
    kind = forms.ChoiceField(label="活动类型", choices=EventKind.choices)
    title = forms.CharField(label="活动名称", max_length=255)
    held_on = forms.DateField(label="活动日期", initial=timezone.localdate)
    place = forms.CharField(label="活动地点", max_length=128)
    organiser = forms.CharField(label="主办/承办", max_length=128, required=False)
    audience = forms.CharField(label="宣传对象", max_length=128, required=False)
    participants = forms.IntegerField(label="参与群众（人次）", min_value=0, initial=0)
    materials = forms.IntegerField(label="派发资料（份）", min_value=0, initial=0)
    consultations = forms.IntegerField(label="解答法律咨询（次）", min_value=0, initial=0)
    duty = forms.ModelChoiceField(
        label="落实的普法责任事项", queryset=PublicityDuty.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duty"].queryset = PublicityDuty.objects.for_user(self.user)


class LivestreamForm(UserForm):
    unit = forms.ModelChoiceField(label="主办单位", queryset=Unit.objects.none())
    title = forms.CharField(label="直播主题", max_length=255)
    platform = forms.CharField(label="直播平台", max_length=64)
    held_on = forms.DateField(label="直播日期", initial=timezone.localdate)
    views = forms.IntegerField(label="观看（人次）", min_value=0)
    likes = forms.IntegerField(label="获赞（个）", min_value=0)
    stats_on = forms.DateField(label="统计截至日期", initial=timezone.localdate)
    event = forms.ModelChoiceField(
        label="所属普法活动", queryset=PublicityEvent.objects.none(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = PublicityEvent.objects.for_user(self.user)


class StatsForm(ActionForm):
    views = forms.IntegerField(label="观看（人次）", min_value=0)
    likes = forms.IntegerField(label="获赞（个）", min_value=0)
    stats_on = forms.DateField(label="统计截至日期", initial=timezone.localdate)


class CultureSiteForm(UserForm):
    unit = forms.ModelChoiceField(label="管理单位", queryset=Unit.objects.none())
    name = forms.CharField(label="阵地名称", max_length=128)
    kind = forms.ChoiceField(label="类型", choices=SiteKind.choices)
    location = forms.CharField(label="位置", max_length=128)
    sections = forms.CharField(label="版块（每行一个）", widget=forms.Textarea, required=False)
    themes = forms.IntegerField(label="宣传主题（个）", min_value=0, initial=0)
    sculptures = forms.IntegerField(label="人物雕塑（个）", min_value=0, initial=0)
    small_sculptures = forms.IntegerField(label="小雕塑（个）", min_value=0, initial=0)
    opened_on = forms.DateField(label="建成日期")
    updated_on = forms.DateField(label="最近更新日期", required=False)


class VillageForm(UserForm):
    village_only = True
    unit = forms.ModelChoiceField(label="村（社区）", queryset=Unit.objects.none())
    level = forms.ChoiceField(label="级别", choices=VillageLevel.choices)
    awarded_year = forms.IntegerField(label="命名年度", min_value=2000, max_value=2100)
    awarded_by = forms.CharField(label="命名机关", max_length=128, required=False)


class LegalLiterateForm(UserForm):
    village_only = True
    unit = forms.ModelChoiceField(label="村（社区）", queryset=Unit.objects.none())
    name = forms.CharField(label="姓名", max_length=32)
    occupation = forms.CharField(label="身份", max_length=64, required=False)
    trained_on = forms.DateField(label="培训日期", required=False)
