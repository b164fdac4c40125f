"""Staff pages: indicator values with provenance, the catalog, and statistical returns."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from unfold.widgets import (
    UnfoldAdminSelectMultipleWidget,
    UnfoldAdminSelectWidget,
    UnfoldAdminSingleDateWidget,
    UnfoldAdminTextareaWidget,
    UnfoldAdminTextInputWidget,
    UnfoldBooleanWidget,
)

from fazhi.core.access import get_for_user_or_404
from fazhi.core.admin import can_work_on_records, site
from fazhi.core.audit import record_access_event
from fazhi.core.batch import read_together
from fazhi.core.models import AccessEventKind, Division, Role, Unit
from fazhi.core.params import id_param, year_param
from fazhi.indicators import registry, selectors, services
from fazhi.indicators.excel import build_return_template
from fazhi.indicators.models import Indicator, ReturnState, UnitReturn, Window
from fazhi.indicators.registry import Granularity
from fazhi.indicators.workflow import WORKFLOW, may_open

MAX_UPLOAD = 5 * 1024 * 1024


def can_read_indicators(request) -> bool:
    """Business roles read indicators and returns (the three admin roles see no business data)."""
    return can_work_on_records(request)


def _require_reader(request) -> None:
    if not can_read_indicators(request):
        raise PermissionDenied("您的角色不能查看统计数据。")


def _context(request, **extra):
    return {**site.each_context(request), **extra}


def _year(request) -> int:
    return year_param(request)


def _window(request, target):
    """The named window chosen on the page (`?window=<id>`), if it is in the scope's view."""
    raw = request.GET.get("window")
    if not raw:
        return None
    try:
        return selectors.windows_for(target).get(pk=int(raw))
    except (ValueError, Window.DoesNotExist) as exc:
        raise Http404("没有该统计期。") from exc


def _scope_target(request):
    """The division or unit named in the query string, or the user's own default."""
    user = request.user
    unit_id = id_param(request, "unit", label="单位")
    division_id = id_param(request, "division", label="区划")
    try:
        if unit_id:
            target = Unit.objects.select_related("division").get(pk=unit_id)
        elif division_id:
            target = Division.objects.get(pk=division_id)
        elif user.has_role(Role.OFFICE_STAFF) and user.unit_id:
            target = user.unit.division
        elif user.unit_id:
            target = user.unit
        else:
            raise Http404("没有可查看的单位。")
    except (Unit.DoesNotExist, Division.DoesNotExist, ValueError) as exc:
        raise Http404("没有找到该单位或区划。") from exc
    if not selectors.may_read_scope(user, target):
        raise Http404("没有找到该单位或区划。")
    return target


def styled(form: forms.Form) -> forms.Form:
    """Give plain form fields the back office's widgets."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelMultipleChoiceField):
            field.widget = UnfoldAdminSelectMultipleWidget(attrs={"size": 10})
            field.widget.choices = field.choices
        elif isinstance(field, forms.ChoiceField):
            field.widget = UnfoldAdminSelectWidget(choices=field.choices)
        elif isinstance(field, forms.DateField):
            field.widget = UnfoldAdminSingleDateWidget()
        elif isinstance(field, forms.BooleanField):
            field.widget = UnfoldBooleanWidget()
        elif isinstance(field.widget, forms.Textarea):
            field.widget = UnfoldAdminTextareaWidget(attrs={"rows": 2})
        else:
            field.widget = UnfoldAdminTextInputWidget()
    return form


def _scope_query(target, window=None) -> str:
    query = f"unit={target.pk}" if isinstance(target, Unit) else f"division={target.pk}"
    return f"{query}&window={window.pk}" if window is not None else query


def _scope_choices(user) -> tuple:
    """The divisions and units an office may choose from (querysets), or the user's own unit."""
    if user.has_role(Role.OFFICE_STAFF) and user.unit_id:
        path = user.unit.division.path
        divisions = Division.objects.filter(path__startswith=path).exclude(level="village")
        units = (
            Unit.objects.in_subtree(user.unit.division)
            .filter(active=True)
            .exclude(kind__in=["village", "community"])
        )
        return divisions.order_by("code"), units.order_by("division__code", "name")
    return [], [user.unit] if user.unit_id else []


def values_view(request):
    """Every indicator of a unit or division for a year; each figure links to its provenance."""
    _require_reader(request)
    target = _scope_target(request)
    year = _year(request)
    window = _window(request, target)
    period = window.period if window else None
    overview = selectors.indicator_overview(
        division_or_unit=target, year=year, user=request.user, period=period
    )
    domain = request.GET.get("domain", "")
    shown = [
        v
        for code, v in overview.values.items()
        if not _is_variant(code) and (not domain or v.domain == domain)
    ]
    by_domain: OrderedDict[str, list] = OrderedDict()
    for value in shown:
        by_domain.setdefault(value.domain or "其他", []).append(value)
    findings = overview.findings
    targets = [v.target.finding() for v in shown if v.target and v.target.met is not None]
    changes = overview.comparisons(v.code for v in shown)
    for value in shown:
        value.comparison = changes.get(value.code)
    divisions, units, windows = read_together(
        *_scope_choices(request.user), selectors.windows_for(target)
    )
    return render(
        request,
        "indicators/values.html",
        _context(
            request,
            title="指标数据",
            target=target,
            year=year,
            years=list(range(timezone.localdate().year, timezone.localdate().year - 8, -1)),
            by_domain=by_domain,
            findings=findings,
            scope_query=_scope_query(target, window),
            divisions=divisions,
            units=units,
            window=window,
            windows=windows,
            target_findings=targets,
        ),
    )


def _is_variant(code: str) -> bool:
    """Variants are listed under their family; a composite rate's parts under the rate."""
    spec = registry.indicator(code)
    return bool(spec and (spec.variant_of or spec.part_of))


def provenance_view(request):
    """Where one figure comes from: register rows, accepted return revisions, or its parts."""
    _require_reader(request)
    target = _scope_target(request)
    year = _year(request)
    window = _window(request, target)
    code = request.GET.get("code", "")
    period = window.period if window else None
    try:
        value = selectors.indicator_value(
            code, division_or_unit=target, year=year, user=request.user, period=period
        )
    except KeyError as exc:
        raise Http404("没有该指标。") from exc
    comp = selectors.computation(target, year, user=request.user, period=period)
    dimension, member = request.GET.get("dimension", ""), request.GET.get("member", "")
    result = None
    try:
        if dimension:
            result = comp.breakdown(code, dimension)
        if dimension and member:
            value = comp.slice(code, dimension, member)[0]
    except KeyError as exc:
        raise Http404(exc.args[0]) from exc
    return render(
        request,
        "indicators/provenance.html",
        _context(
            request,
            title=f"数据来源：{value.name}",
            value=value,
            target=target,
            year=year,
            window=window,
            scope_query=_scope_query(target, window),
            records=value.provenance.records(limit=200),
            dimensions=comp.dimensions(code),
            breakdown=result,
            member=member,
            code=code,
        ),
    )


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def return_list_view(request):
    _require_reader(request)
    returns = selectors.unit_return_list(user=request.user).select_related("unit")
    return render(
        request,
        "indicators/returns.html",
        _context(
            request,
            title="统计填报",
            returns=returns,
            can_open=may_open(request.user),
            today=timezone.localdate(),
        ),
    )


class NamedIndicatorsField(forms.ModelMultipleChoiceField):
    """Indicators listed by name (users never see codes)."""

    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.measure}）"


class ReturnOpenForm(forms.Form):
    title = forms.CharField(label="填报任务名称", max_length=128)
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    granularity = forms.ChoiceField(label="统计周期", choices=Granularity.choices)
    period_index = forms.IntegerField(
        label="季度/月份", min_value=0, max_value=12, initial=0, required=False
    )
    window = forms.ModelChoiceField(
        label="自定义统计期",
        queryset=Window.objects.none(),
        required=False,
        help_text="选择后按该统计期填报（统计周期选“自定义统计期”）。",
    )
    indicators = NamedIndicatorsField(label="填报指标", queryset=Indicator.objects.none())
    units = forms.ModelMultipleChoiceField(
        label="填报单位",
        queryset=Unit.objects.none(),
        required=False,
        help_text="留空则按各指标规定的填报单位发起。",
    )
    due_date = forms.DateField(
        label="报送截止日期",
        required=False,
        help_text="留空则按“统计填报报送期限”规则由期限引擎计算。",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    note = forms.CharField(
        label="填报说明", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = selectors.returned_indicator_list()
        if user is not None and user.unit_id:
            self.fields["window"].queryset = selectors.windows_for(user.unit)
            self.fields["units"].queryset = Unit.objects.in_subtree(user.unit.division).filter(
                active=True
            )


def return_open_view(request):
    if not may_open(request.user):
        raise PermissionDenied("只有依法治区办工作人员可以发起统计填报。")
    form = styled(
        ReturnOpenForm(
            request.POST or None,
            user=request.user,
            initial={"year": timezone.localdate().year - 1, "granularity": Granularity.YEAR},
        )
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opened = services.return_request_open(
                actor=request.user,
                title=data["title"],
                year=data["year"],
                granularity=data["granularity"],
                period_index=data["period_index"] or 0,
                indicators=list(data["indicators"]),
                units=list(data["units"]) or None,
                due_date=data["due_date"],
                note=data["note"],
                window=data["window"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(
                request,
                f"已发起“{opened.title}”，{opened.returns.count()} 个单位填报，截止 {opened.due_date:%Y-%m-%d}。",
            )
            return redirect("indicators:returns")
    return render(
        request, "indicators/return_open.html", _context(request, title="发起统计填报", form=form)
    )


def _fill_form(unit_return, revision, data=None):
    current = {v.indicator.code: v.value for v in revision.values.select_related("indicator")}
    form = forms.Form(data)
    for indicator in unit_return.indicators.order_by("order", "code"):
        initial = current.get(indicator.code)
        form.fields[indicator.code] = forms.CharField(
            label=f"{indicator.name}（{indicator.measure}）",
            required=False,
            initial=None if initial is None else format(initial.normalize(), "f"),
            help_text=indicator.formula + ("" if indicator.required else "（选填）"),
        )
    return styled(form)


def return_detail_view(request, pk: int):
    unit_return = get_for_user_or_404(
        UnitReturn.objects.select_related("request", "unit__division"), request.user, pk=pk
    )
    revision = services.working_revision(unit_return)
    fill_form = _fill_form(
        unit_return, revision, request.POST if request.POST.get("action") == "fill" else None
    )
    if request.method == "POST":
        response = _return_action(request, unit_return, fill_form)
        if response is not None:
            return response
        unit_return.refresh_from_db()
        revision = services.working_revision(unit_return)
    available = {t.verb for t in WORKFLOW.available(request.user, unit_return)}
    return render(
        request,
        "indicators/return_detail.html",
        _context(
            request,
            title=f"统计报表：{unit_return.unit.name}",
            unit_return=unit_return,
            revision=revision,
            revisions=unit_return.revisions.select_related(
                "created_by", "submitted_by", "decided_by", "filled_by"
            ),
            values=revision.values.select_related("indicator").order_by("indicator__order"),
            fill_form=fill_form,
            available=available,
            locked=unit_return.state == ReturnState.ACCEPTED,
        ),
    )


return_detail_view.scoped_model = UnitReturn


def _return_action(request, unit_return, fill_form):
    action = request.POST.get("action")
    user = request.user
    try:
        if action == "fill":
            values = {name: request.POST.get(name, "") for name in fill_form.fields}
            services.return_fill(actor=user, unit_return=unit_return, values=values)
            messages.success(request, "已保存。")
        elif action == "upload":
            upload = request.FILES.get("file")
            if upload is None:
                raise ValidationError("请选择要导入的 Excel 文件。")
            if upload.size > MAX_UPLOAD:
                raise ValidationError("文件过大（上限 5 MB）。")
            services.return_import_excel(actor=user, unit_return=unit_return, data=upload.read())
            record_access_event(request, AccessEventKind.IMPORT, obj=unit_return)
            messages.success(request, "Excel 已导入。")
        elif action == "submit":
            if not request.POST.get("confirm"):
                raise ValidationError("请先勾选“本人已核对本表数据”，再确认报送。")
            services.return_submit(actor=user, unit_return=unit_return)
            messages.success(request, "已报送。")
        elif action == "accept":
            services.return_accept(actor=user, unit_return=unit_return)
            messages.success(request, "已接收，数据已锁定。")
        elif action == "send_back":
            services.return_send_back(
                actor=user, unit_return=unit_return, reason=request.POST.get("reason", "")
            )
            messages.success(request, "已退回。")
        elif action == "correct":
            services.return_correct(
                actor=user, unit_return=unit_return, reason=request.POST.get("reason", "")
            )
            messages.success(request, "已建立更正修订，请修改后重新报送。")
        else:
            return HttpResponse("未知操作。", status=400)
    except ValidationError as exc:
        if hasattr(exc, "error_dict") and action == "fill":
            _form_errors(fill_form, exc)
        else:
            for message in exc.messages:
                messages.error(request, message)
        return None
    return redirect("indicators:return_detail", pk=unit_return.pk)


def return_template_view(request, pk: int):
    unit_return = get_for_user_or_404(
        UnitReturn.objects.select_related("request", "unit"), request.user, pk=pk
    )
    data = build_return_template(unit_return)
    record_access_event(request, AccessEventKind.EXPORT, obj=unit_return)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"return-{unit_return.pk}-{date.today():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


return_template_view.scoped_model = UnitReturn


def values_url(target, year: int) -> str:
    return f"{reverse('indicators:values')}?{_scope_query(target)}&year={year}"
