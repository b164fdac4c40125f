"""Office pages: named windows (统计期), targets (目标值), and the indicators the office manages."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from fazhi.core.models import Division, Unit
from fazhi.indicators import selectors, services
from fazhi.indicators.models import Indicator, Target, TargetOp, Window
from fazhi.indicators.views import _context, _form_errors, _require_reader, _scope_choices, styled
from fazhi.indicators.workflow import may_add_indicator


class WindowForm(forms.Form):
    name = forms.CharField(label="统计期名称", max_length=64, help_text="如：2024年案卷评查期")
    start = forms.DateField(label="起始日期", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="截止日期", widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label="说明", max_length=200, required=False)


def windows_view(request):
    """Named periods other than the calendar year; the office defines them here."""
    _require_reader(request)
    user = request.user
    can_define = may_add_indicator(user)
    form = styled(WindowForm(request.POST or None)) if can_define else None
    if request.method == "POST":
        if not can_define:
            raise PermissionDenied("只有依法治区办工作人员可以定义统计期。")
        if request.POST.get("action") == "deactivate":
            window = Window.objects.filter(
                pk=request.POST.get("window") or 0, unit=user.unit
            ).first()
            if window is not None:
                services.window_deactivate(actor=user, window=window)
                messages.success(request, f"已停用统计期“{window.name}”。")
            return redirect("indicators:windows")
        if form.is_valid():
            try:
                window = services.window_define(actor=user, **form.cleaned_data)
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, f"已定义统计期：{window}")
                return redirect("indicators:windows")
    windows = selectors.windows_for(user.unit) if user.unit_id else Window.objects.none()
    return render(
        request,
        "indicators/windows.html",
        _context(request, title="统计期", windows=windows, form=form, own_unit=user.unit_id),
    )


class NamedIndicatorField(forms.ModelChoiceField):
    """An indicator chosen by its name (users never see codes)."""

    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.measure}）"


class TargetForm(forms.Form):
    indicator = NamedIndicatorField(label="指标", queryset=Indicator.objects.none())
    scope = forms.ChoiceField(label="适用范围")
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    window = forms.ModelChoiceField(
        label="统计期",
        queryset=Window.objects.none(),
        required=False,
        help_text="留空表示整个年度。",
    )
    op = forms.ChoiceField(label="方向", choices=TargetOp.choices)
    value = forms.DecimalField(label="目标值", min_value=0, max_digits=18, decimal_places=4)
    label = forms.CharField(
        label="目标名称", max_length=32, initial="目标", help_text="如：市考核目标"
    )
    note = forms.CharField(label="说明", max_length=200, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = selectors.catalog_list().exclude(variant_of__gt="")
        divisions, units = _scope_choices(user)
        self.fields["scope"].choices = [(f"d{d.pk}", d.name) for d in divisions] + [
            (f"u{u.pk}", u.name) for u in units
        ]
        if user is not None and user.unit_id:
            self.fields["window"].queryset = selectors.windows_for(user.unit)

    def scope_object(self):
        raw = self.cleaned_data["scope"]
        model = Division if raw.startswith("d") else Unit
        return model.objects.get(pk=int(raw[1:]))


def targets_view(request):
    """Targets per indicator, scope and period, with the current value and 达标/未达标."""
    _require_reader(request)
    user = request.user
    can_set = may_add_indicator(user)
    form = styled(TargetForm(request.POST or None, user=user)) if can_set else None
    if request.method == "POST":
        if not can_set:
            raise PermissionDenied("只有依法治区办工作人员可以设定目标。")
        if request.POST.get("action") == "remove":
            target = Target.objects.filter(
                pk=request.POST.get("target") or 0, unit=user.unit
            ).first()
            if target is not None:
                services.target_remove(actor=user, target=target)
                messages.success(request, "已删除目标。")
            return redirect("indicators:targets")
        if form.is_valid():
            data = dict(form.cleaned_data)
            scope = form.scope_object()
            data.pop("scope")
            try:
                services.target_set(
                    actor=user,
                    division=scope if isinstance(scope, Division) else None,
                    unit=scope if isinstance(scope, Unit) else None,
                    **data,
                )
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, "已设定目标。")
                return redirect("indicators:targets")
    return render(
        request,
        "indicators/targets.html",
        _context(request, title="指标目标值", rows=selectors.target_rows(user=user), form=form),
    )
