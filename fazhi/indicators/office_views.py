"""Office pages: named windows (统计期), targets (目标值), and the indicators the office manages."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from fazhi.indicators import selectors, services
from fazhi.indicators.models import Window
from fazhi.indicators.views import _context, _form_errors, _require_reader, styled
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
