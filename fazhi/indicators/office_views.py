"""Office pages: named windows (统计期), targets (目标值), and the indicators the office manages."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from fazhi.core.models import Division, Unit
from fazhi.indicators import selectors, services
from fazhi.indicators.models import ConsistencyRule, Indicator, RelationOp, Target, TargetOp, Window
from fazhi.indicators.registry import Bound, Granularity, Kind
from fazhi.indicators.views import (
    NamedIndicatorsField,
    _context,
    _form_errors,
    _require_reader,
    _scope_choices,
    styled,
)
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


# --- the catalog: indicators the office manages without code ---------------------------------
def _office_units(user):
    if user is not None and user.unit_id:
        return Unit.objects.in_subtree(user.unit.division).filter(active=True)
    return Unit.objects.none()


class IndicatorAddForm(forms.Form):
    name = forms.CharField(label="指标名称", max_length=128)
    domain = forms.CharField(label="领域", max_length=32)
    measure = forms.CharField(label="计量单位", max_length=16, help_text="如：件、人次、万元")
    kind = forms.ChoiceField(
        label="类型", choices=[(k, k.label) for k in (Kind.COUNT, Kind.SUM, Kind.STOCK)]
    )
    formula = forms.CharField(label="口径（计算公式）", widget=forms.Textarea(attrs={"rows": 2}))
    period = forms.ChoiceField(
        label="统计周期", choices=Granularity.choices, required=False, initial=Granularity.YEAR
    )
    window = forms.ModelChoiceField(
        label="统计期",
        queryset=Window.objects.none(),
        required=False,
        help_text="统计周期为“自定义统计期”时选择。",
    )
    bound = forms.ChoiceField(label="报告中显示", choices=Bound.choices, required=False)
    approximate = forms.IntegerField(
        label="约数有效位数",
        min_value=0,
        max_value=6,
        initial=0,
        required=False,
        help_text="0 表示显示精确值（“余”数或约数时保留的有效数字位数）。",
    )
    reporting_units = forms.ModelMultipleChoiceField(
        label="须填报单位", queryset=Unit.objects.none(), required=False
    )
    required = forms.BooleanField(label="必填", required=False, initial=True)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporting_units"].queryset = _office_units(user)
        if user is not None and user.unit_id:
            self.fields["window"].queryset = selectors.windows_for(user.unit)

    def clean(self):
        data = super().clean()
        data["period"] = data.get("period") or Granularity.YEAR
        data["approximate"] = data.get("approximate") or 0
        data["bound"] = data.get("bound") or ""
        return data


class RateAddForm(forms.Form):
    name = forms.CharField(label="比率名称", max_length=128, help_text="如：调解成功率")
    numerator = NamedIndicatorField(label="分子", queryset=Indicator.objects.none())
    denominator = NamedIndicatorField(label="分母", queryset=Indicator.objects.none())
    kind = forms.ChoiceField(
        label="显示为",
        choices=[(Kind.RATE, "百分比（分子 ÷ 分母 × 100%）"), (Kind.RATIO, "比值（N:1）")],
    )
    domain = forms.CharField(
        label="领域", max_length=32, required=False, help_text="留空取分子的领域。"
    )
    formula = forms.CharField(
        label="口径说明", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    bound = forms.ChoiceField(label="报告中显示", choices=Bound.choices, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parts = selectors.catalog_list().exclude(kind__in=[Kind.RATE, Kind.RATIO])
        self.fields["numerator"].queryset = parts
        self.fields["denominator"].queryset = parts


def _catalog_action(request, user):
    """Deactivate or reactivate a runtime indicator (POST action)."""
    indicator = Indicator.objects.filter(pk=request.POST.get("indicator") or 0).first()
    if indicator is None:
        raise Http404("没有该指标。")
    action = request.POST["action"]
    try:
        if action == "deactivate":
            services.indicator_deactivate(actor=user, indicator=indicator)
            messages.success(request, f"已停用：{indicator.name}")
        else:
            services.indicator_reactivate(actor=user, indicator=indicator)
            messages.success(request, f"已启用：{indicator.name}")
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("indicators:catalog")


def catalog_view(request):
    """The catalog with formulas; the office adds returned indicators and rates, edits and
    deactivates its own (no code)."""
    _require_reader(request)
    user = request.user
    can_add = may_add_indicator(user)
    action = request.POST.get("action", "add") if request.method == "POST" else ""
    add_form = rate_form = None
    if can_add:
        add_form = styled(IndicatorAddForm(request.POST if action == "add" else None, user=user))
        rate_form = styled(RateAddForm(request.POST if action == "rate" else None))
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied("只有依法治区办工作人员可以管理指标。")
        if action in ("deactivate", "reactivate"):
            return _catalog_action(request, user)
        form = add_form if action == "add" else rate_form
        if form.is_valid():
            add = services.indicator_add if action == "add" else services.rate_add
            try:
                indicator = add(actor=user, **form.cleaned_data)
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, f"已新增指标：{indicator.name}")
                return redirect("indicators:catalog")
    return render(
        request,
        "indicators/catalog.html",
        _context(
            request,
            title="指标目录",
            indicators=selectors.catalog_list()
            .filter(part_of="")
            .select_related("window")
            .prefetch_related("reporting_units"),
            inactive=selectors.catalog_list(active=False).filter(defined_in=""),
            form=add_form,
            rate_form=rate_form,
            can_manage=can_add,
        ),
    )


class IndicatorEditForm(forms.Form):
    name = forms.CharField(label="指标名称", max_length=128)
    domain = forms.CharField(label="领域", max_length=32)
    measure = forms.CharField(label="计量单位", max_length=16)
    formula = forms.CharField(label="口径（计算公式）", widget=forms.Textarea(attrs={"rows": 2}))
    period = forms.ChoiceField(label="统计周期", choices=Granularity.choices)
    window = forms.ModelChoiceField(label="统计期", queryset=Window.objects.none(), required=False)
    bound = forms.ChoiceField(label="报告中显示", choices=Bound.choices, required=False)
    approximate = forms.IntegerField(label="约数有效位数", min_value=0, max_value=6, required=False)
    reporting_units = forms.ModelMultipleChoiceField(
        label="须填报单位", queryset=Unit.objects.none(), required=False
    )
    required = forms.BooleanField(label="必填", required=False)

    def __init__(self, *args, user=None, indicator=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reporting_units"].queryset = _office_units(user)
        if user is not None and user.unit_id:
            self.fields["window"].queryset = selectors.windows_for(user.unit)
        if indicator is not None and indicator.source != "returned":
            for name in ("period", "window", "reporting_units", "required", "measure"):
                self.fields.pop(name)

    def clean(self):
        data = super().clean()
        data["approximate"] = data.get("approximate") or 0
        data["bound"] = data.get("bound") or ""
        return data


def indicator_edit_view(request):
    """Edit one indicator the office added (name, formula, period, display, reporting units)."""
    if not may_add_indicator(request.user):
        raise PermissionDenied("只有依法治区办工作人员可以修改指标。")
    try:
        pk = int(request.GET.get("indicator") or 0)
    except ValueError as exc:
        raise Http404("没有该指标。") from exc
    indicator = Indicator.objects.filter(pk=pk, defined_in="").first()
    if indicator is None:
        raise Http404("没有该指标（由系统定义的指标不能在此修改）。")
    initial = {
        "name": indicator.name,
        "domain": indicator.domain,
        "measure": indicator.measure,
        "formula": indicator.formula,
        "period": indicator.period,
        "window": indicator.window,
        "bound": indicator.bound,
        "approximate": indicator.approximate,
        "reporting_units": list(indicator.reporting_units.all()),
        "required": indicator.required,
    }
    form = styled(
        IndicatorEditForm(
            request.POST or None, user=request.user, indicator=indicator, initial=initial
        )
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_edit(actor=request.user, indicator=indicator, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"已保存：{form.cleaned_data['name']}")
            return redirect("indicators:catalog")
    return render(
        request,
        "indicators/indicator_edit.html",
        _context(request, title=f"修改指标：{indicator.name}", form=form, indicator=indicator),
    )


class RuleForm(forms.Form):
    name = forms.CharField(
        label="规则名称", max_length=128, required=False, help_text="可留空，按所选指标生成。"
    )
    left = NamedIndicatorsField(label="左边（各项相加）", queryset=Indicator.objects.none())
    op = forms.ChoiceField(label="关系", choices=RelationOp.choices)
    right = NamedIndicatorsField(label="右边（各项相加）", queryset=Indicator.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        figures = selectors.catalog_list().exclude(kind__in=[Kind.RATE, Kind.RATIO])
        self.fields["left"].queryset = figures
        self.fields["right"].queryset = figures


def rules_view(request):
    """Consistency rules: those built in and those the office declares (checked on every
    computation and return)."""
    _require_reader(request)
    user = request.user
    can_add = may_add_indicator(user)
    form = styled(RuleForm(request.POST or None)) if can_add else None
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied("只有依法治区办工作人员可以设定一致性规则。")
        if request.POST.get("action") == "deactivate":
            rule = ConsistencyRule.objects.filter(pk=request.POST.get("rule") or 0).first()
            if rule is not None:
                try:
                    services.rule_deactivate(actor=user, rule=rule)
                    messages.success(request, f"已停用规则：{rule.name}")
                except ValidationError as exc:
                    messages.error(request, exc.messages[0])
            return redirect("indicators:rules")
        if form.is_valid():
            try:
                rule = services.rule_add(actor=user, **form.cleaned_data)
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, f"已设定规则：{rule.name}")
                return redirect("indicators:rules")
    return render(
        request,
        "indicators/rules.html",
        _context(
            request,
            title="一致性规则",
            built_in=selectors.built_in_rules(),
            rules=selectors.runtime_rules(),
            form=form,
        ),
    )
