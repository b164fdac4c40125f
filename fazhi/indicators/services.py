"""Writes: runtime indicators, opening returns, filling (form or Excel), submit, accept, correct."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from fazhi.core.access import office_covers
from fazhi.core.models import Unit, UnitKind
from fazhi.deadlines.services import compute_due
from fazhi.indicators.compute import Computation, scope_for
from fazhi.indicators.deadlines import STATISTICAL_RETURN
from fazhi.indicators.excel import parse_return_workbook
from fazhi.indicators.figures import clean_value, working_revision
from fazhi.indicators.models import (
    Channel,
    ConsistencyRule,
    Indicator,
    RelationOp,
    ReturnedValue,
    ReturnRequest,
    ReturnRevision,
    ReturnState,
    Target,
    TargetOp,
    UnitReturn,
    Window,
    period_bounds,
)
from fazhi.indicators.periods import Period
from fazhi.indicators.registry import Granularity, Kind, Reporters, Source
from fazhi.indicators.windows import windows_in_view
from fazhi.indicators.workflow import WORKFLOW, may_add_indicator, may_open


# --- catalog: the indicators the office manages without code ---------------------------------
def _require_office(actor, what: str = "管理指标") -> None:
    if not may_add_indicator(actor):
        raise ValidationError(f"只有依法治区办工作人员可以{what}。")


def _period_fields(period: str, window: Window | None, actor) -> tuple[str, Window | None]:
    """An indicator's reporting period: year, quarter, month, or a named window in view."""
    if period not in Granularity.values:
        raise ValidationError({"period": "统计周期无效。"})
    if period == Granularity.WINDOW or window is not None:
        if window is None:
            raise ValidationError({"window": "统计周期为“自定义统计期”时须选择统计期。"})
        if actor.unit_id and not any(w.pk == window.pk for w in windows_in_view(actor.unit)):
            raise ValidationError({"window": "该统计期不适用于本辖区。"})
        return Granularity.WINDOW, window
    return period, None


@transaction.atomic
def indicator_add(
    *,
    actor,
    name: str,
    domain: str,
    measure: str,
    formula: str,
    kind: str = Kind.SUM,
    code: str = "",
    reporting_units: Iterable[Unit] = (),
    required: bool = True,
    approximate: int = 0,
    period: str = Granularity.YEAR,
    window: Window | None = None,
    bound: str = "",
) -> Indicator:
    """The office adds a returned indicator at runtime (real districts report unforeseen figures).

    Its period is the year (default), a quarter, a month or a named window (统计期).
    """
    _require_office(actor, "新增填报指标")
    if kind in (Kind.RATE, Kind.RATIO) or measure.strip() in ("%", "％"):
        raise ValidationError(
            "比率不能直接填报（各单位的百分比不能相加或平均）：请新增分子、分母两个填报指标，"
            "再新增由二者计算的比率。"
        )
    if kind not in (Kind.COUNT, Kind.SUM, Kind.STOCK):
        raise ValidationError({"kind": "填报指标的类型只能是计数、求和或期末存量。"})
    if not (measure or "").strip():
        raise ValidationError({"measure": "请填写计量单位（如：件、人次、万元）。"})
    code = _new_code(code, "item")
    period, window = _period_fields(period, window, actor)
    indicator = Indicator(
        code=code,
        name=(name or "").strip(),
        domain=(domain or "").strip(),
        measure=(measure or "").strip(),
        kind=kind,
        formula=(formula or "").strip(),
        source=Source.RETURNED,
        period=period,
        window=window,
        reporters=Reporters.NAMED if reporting_units else "",
        required=required,
        approximate=approximate,
        bound=bound,
        defined_in="",
        created_by=actor,
        order=Indicator.objects.count() + 1000,
    )
    indicator.full_clean()
    indicator.save()
    indicator.reporting_units.set(list(reporting_units))
    return indicator


def _new_code(code: str, prefix: str) -> str:
    code = (code or "").strip() or _next_custom_code(prefix)
    if not re.fullmatch(r"[a-z][a-z0-9_]*(\.[a-z0-9_]+)+", code):
        raise ValidationError({"code": "指标代码须为“领域.名称”形式，只用小写字母、数字和下划线。"})
    if Indicator.objects.filter(code=code).exists():
        raise ValidationError({"code": "该指标代码已被使用。"})
    return code


def _runtime(indicator: Indicator, actor) -> Indicator:
    if not indicator.added_at_runtime:
        raise ValidationError("该指标由系统定义（随程序更新），不能在此修改或停用。")
    creator = indicator.created_by
    if creator is not None and creator.unit_id and not office_covers(actor, creator.unit):
        raise ValidationError("只能修改或停用本辖区新增的指标。")
    return indicator


def _dependents(indicator: Indicator) -> list[str]:
    """Active runtime rates and rules that use the indicator (by name)."""
    code = indicator.code
    rates = Indicator.objects.filter(active=True, defined_in="").filter(
        Q(numerator=code) | Q(denominator=code)
    )
    rules = [
        r.name
        for r in ConsistencyRule.objects.filter(active=True)
        if code in r.left or code in r.right
    ]
    return [r.name for r in rates] + rules


EDITABLE_FIELDS = ("name", "domain", "measure", "formula", "required", "approximate", "bound")


@transaction.atomic
def indicator_edit(*, actor, indicator: Indicator, **changes) -> Indicator:
    """Change a runtime indicator's name, domain, measure, formula, required flag, display,
    reporting units or period. Its measure and period are fixed once figures were returned."""
    _require_office(actor)
    indicator = _runtime(Indicator.objects.select_for_update().get(pk=indicator.pk), actor)
    unknown = set(changes) - {*EDITABLE_FIELDS, "reporting_units", "period", "window"}
    if unknown:
        raise ValidationError("不能修改这些内容。")
    has_values = indicator.values.exists()
    if has_values and "measure" in changes and changes["measure"].strip() != indicator.measure:
        raise ValidationError({"measure": "该指标已有填报数据，不能再修改计量单位。"})
    if "period" in changes or "window" in changes:
        period, window = _period_fields(
            changes.pop("period", indicator.period), changes.pop("window", indicator.window), actor
        )
        if has_values and (period, window) != (indicator.period, indicator.window):
            raise ValidationError({"period": "该指标已有填报数据，不能再修改统计周期。"})
        indicator.period, indicator.window = period, window
    units = changes.pop("reporting_units", None)
    for field, value in changes.items():
        setattr(indicator, field, value.strip() if isinstance(value, str) else value)
    if indicator.source == Source.RETURNED and indicator.measure in ("%", "％"):
        raise ValidationError(
            {"measure": "填报指标不能以百分比为计量单位（请用分子、分母计算比率）。"}
        )
    indicator.full_clean()
    indicator.save()
    if units is not None:
        indicator.reporting_units.set(list(units))
        indicator.reporters = Reporters.NAMED if units else ""
        indicator.save(update_fields=["reporters"])
    return indicator


@transaction.atomic
def indicator_deactivate(*, actor, indicator: Indicator) -> Indicator:
    """Stop using a runtime indicator: it leaves the catalog, values and new returns; figures
    already returned are kept. Refused while a runtime rate or rule uses it."""
    _require_office(actor)
    indicator = _runtime(indicator, actor)
    users = _dependents(indicator)
    if users:
        raise ValidationError(
            f"以下比率或一致性规则仍在使用该指标，请先停用它们：{'、'.join(users)}。"
        )
    indicator.active = False
    indicator.save(update_fields=["active"])
    return indicator


@transaction.atomic
def indicator_reactivate(*, actor, indicator: Indicator) -> Indicator:
    _require_office(actor)
    indicator = _runtime(indicator, actor)
    indicator.active = True
    indicator.save(update_fields=["active"])
    return indicator


@transaction.atomic
def rate_add(
    *,
    actor,
    name: str,
    numerator: Indicator,
    denominator: Indicator,
    domain: str = "",
    formula: str = "",
    kind: str = Kind.RATE,
    bound: str = "",
    approximate: int = 0,
) -> Indicator:
    """The office adds a rate (or a ratio N:1) over two indicators of the catalog: recomputed
    from the rolled-up numerator and denominator at every level, never averaged."""
    _require_office(actor, "新增比率")
    if kind not in (Kind.RATE, Kind.RATIO):
        raise ValidationError({"kind": "只能新增比率或比值。"})
    for role, part in (("numerator", numerator), ("denominator", denominator)):
        if part is None or not part.active:
            raise ValidationError({role: "请选择在用的指标。"})
    if numerator.pk == denominator.pk:
        raise ValidationError({"denominator": "分子和分母不能是同一个指标。"})
    name = (name or "").strip()
    symbol = "×100%" if kind == Kind.RATE else "（化为 N:1）"
    indicator = Indicator(
        code=_new_code("", "rate"),
        name=name,
        domain=(domain or numerator.domain).strip(),
        measure="%" if kind == Kind.RATE else "",
        kind=kind,
        formula=(formula or "").strip() or f"{numerator.name} ÷ {denominator.name} {symbol}",
        source=Source.DERIVED,
        numerator=numerator.code,
        denominator=denominator.code,
        bound=bound if kind == Kind.RATE else "",
        approximate=approximate,
        defined_in="",
        created_by=actor,
        order=Indicator.objects.count() + 1000,
    )
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def rule_add(*, actor, name: str, left: Iterable[Indicator], op: str, right: Iterable[Indicator]):
    """The office declares a consistency rule: sum(left) = or ≤ sum(right), checked on every
    computation and every return from now on."""
    _require_office(actor, "设定一致性规则")
    left, right = list(left), list(right)
    if not left or not right:
        raise ValidationError("规则的左右两边都须至少选择一个指标。")
    if op not in RelationOp.values:
        raise ValidationError({"op": "关系只能是“等于”或“不大于”。"})
    if {i.pk for i in left} & {i.pk for i in right}:
        raise ValidationError("同一指标不能同时出现在规则两边。")
    inactive = [i.name for i in left + right if not i.active]
    if inactive:
        raise ValidationError(f"这些指标已停用：{'、'.join(inactive)}。")
    name = (name or "").strip()
    if not name:
        symbol = "=" if op == "==" else "≤"
        name = f"{' + '.join(i.name for i in left)} {symbol} {' + '.join(i.name for i in right)}"
    rule = ConsistencyRule(
        unit=actor.unit,
        name=name[:128],
        left=[i.code for i in left],
        op=op,
        right=[i.code for i in right],
        created_by=actor,
    )
    rule.full_clean()
    rule.save()
    return rule


@transaction.atomic
def rule_deactivate(*, actor, rule: ConsistencyRule) -> ConsistencyRule:
    _require_office(actor, "停用一致性规则")
    if rule.unit_id != actor.unit_id:
        raise ValidationError("只能停用本单位设定的规则。")
    rule.active = False
    rule.save(update_fields=["active"])
    return rule


def _next_custom_code(prefix: str = "item") -> str:
    number = Indicator.objects.filter(code__startswith=f"custom.{prefix}_").count() + 1
    while Indicator.objects.filter(code=f"custom.{prefix}_{number}").exists():
        number += 1
    return f"custom.{prefix}_{number}"


# --- windows (统计期) ----------------------------------------------------------------------------
@transaction.atomic
def window_define(
    *, actor, name: str, start: date, end: date, note: str = "", window: Window | None = None
) -> Window:
    """The office names a period other than the calendar year (e.g. 2023年9月1日至2024年8月31日).

    With `window`, that window is edited instead (its name and dates); windows already used by
    a return keep their dates, since the returned figures were counted over them.
    """
    if not may_add_indicator(actor):
        raise ValidationError("只有依法治区办工作人员可以定义统计期。")
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": "请填写统计期名称。"})
    if start is None or end is None:
        raise ValidationError("请填写统计期的起始日期和截止日期。")
    if end < start:
        raise ValidationError({"end": "统计期的截止日期不能早于起始日期。"})
    if (end - start).days > 366 * 5:
        raise ValidationError({"end": "统计期不能超过五年。"})
    if window is None:
        window = Window(unit=actor.unit, created_by=actor)
    elif window.unit_id != actor.unit_id:
        raise ValidationError("只能修改本单位定义的统计期。")
    elif window.return_requests.exists() and (window.start, window.end) != (start, end):
        raise ValidationError(
            "该统计期已用于统计填报，不能再修改起止日期（可另行定义新的统计期）。"
        )
    clash = Window.objects.filter(unit=actor.unit, name=name).exclude(pk=window.pk)
    if clash.exists():
        raise ValidationError({"name": f"本单位已有名为“{name}”的统计期。"})
    window.name, window.start, window.end, window.note = name, start, end, (note or "").strip()
    window.full_clean()
    window.save()
    return window


@transaction.atomic
def window_deactivate(*, actor, window: Window) -> Window:
    """Stop offering a window (figures already counted over it keep their period)."""
    if not may_add_indicator(actor) or window.unit_id != actor.unit_id:
        raise ValidationError("只能停用本单位定义的统计期。")
    window.active = False
    window.save(update_fields=["active"])
    return window


# --- opening a return ------------------------------------------------------------------------
def reporting_units_for(indicator: Indicator, division) -> list[Unit]:
    """The units of `division` that must report `indicator` (its reporter rule or named units)."""
    units = Unit.objects.filter(active=True)
    in_district = units.filter(division=division)
    explicit = list(indicator.reporting_units.in_subtree(division))
    rule = indicator.reporters
    if rule == Reporters.RULE_OF_LAW_OFFICE:
        found = in_district.filter(is_rule_of_law_office=True)
    elif rule == Reporters.JUSTICE_BUREAU:
        found = in_district.filter(is_justice_bureau=True)
    elif rule == Reporters.GOVERNMENT:
        found = in_district.filter(kind=UnitKind.GOVERNMENT)
    elif rule == Reporters.DEPARTMENTS:
        found = in_district.filter(kind=UnitKind.DEPARTMENT)
    elif rule == Reporters.ENFORCEMENT_BODIES:
        found = in_district.filter(is_enforcement_body=True)
    elif rule == Reporters.TOWNS:
        found = units.in_subtree(division).filter(
            kind__in=[UnitKind.TOWN, UnitKind.SUBDISTRICT],
        )
    elif rule == Reporters.NAMED and indicator.reporter_name:
        found = in_district.filter(name__contains=indicator.reporter_name)
    else:
        found = units.none()
    return sorted(set(found) | set(explicit), key=lambda u: u.name)


def _due(due_date: date | None, today: date) -> tuple[date, str]:
    if due_date is not None:
        return due_date, "由依法治区办指定。"
    result = compute_due(STATISTICAL_RETURN, today)
    return result.due_date, result.explanation


@transaction.atomic
def return_request_open(
    *,
    actor,
    title: str,
    year: int,
    indicators: Iterable,
    units: Iterable[Unit] | None = None,
    due_date: date | None = None,
    granularity: str = Granularity.YEAR,
    period_index: int = 0,
    note: str = "",
    today: date | None = None,
    window: Window | None = None,
) -> ReturnRequest:
    """Open a return: indicators × period × units. Without a due date the deadline engine gives one.

    The period is the year, a quarter or a month of it, or a named `window` (统计期).

    Without `units`, each indicator goes to the units its reporter rule names in the office's
    division; with `units`, every listed unit reports every indicator.
    """
    if not may_open(actor):
        raise ValidationError("只有依法治区办工作人员可以发起统计填报。")
    indicators = list(indicators)
    rows = [
        i if isinstance(i, Indicator) else Indicator.objects.filter(code=i).first()
        for i in indicators
    ]
    unknown = [str(i) for i, row in zip(indicators, rows, strict=False) if row is None]
    if unknown:
        raise ValidationError(f"没有这些指标：{'、'.join(unknown)}。")
    if not rows:
        raise ValidationError("请至少选择一个填报指标。")
    not_returned = [r.name for r in rows if r.source != Source.RETURNED]
    if not_returned:
        raise ValidationError(f"这些指标由系统计算，不需填报：{'、'.join(not_returned)}。")
    division = actor.unit.division
    window = _window_of(rows, window)
    if window is not None or granularity == Granularity.WINDOW:
        if window is None:
            raise ValidationError({"window": "请选择自定义统计期。"})
        if not any(w.pk == window.pk for w in windows_in_view(division)):
            raise ValidationError({"window": "该统计期不适用于本辖区。"})
        granularity, period_index = Granularity.WINDOW, 0
        start, end, year = window.start, window.end, window.end.year
    else:
        if granularity == Granularity.YEAR:
            period_index = 0
        limit = {Granularity.QUARTER: 4, Granularity.MONTH: 12}.get(granularity, 0)
        if limit and not 1 <= period_index <= limit:
            raise ValidationError({"period_index": "季度应为 1-4，月份应为 1-12。"})
        start, end = period_bounds(year, granularity, period_index)
    today = today or timezone.localdate()
    due, explanation = _due(due_date, today)
    request = ReturnRequest(
        unit=actor.unit,
        title=title.strip(),
        year=year,
        granularity=granularity,
        period_index=period_index,
        period_start=start,
        period_end=end,
        window=window,
        due_date=due,
        due_explanation=explanation,
        opened_by=actor,
        note=note,
    )
    request.full_clean()
    request.save()
    request.indicators.set(rows)
    assignment: dict[Unit, list[Indicator]] = {}
    if units is not None:
        visible = Unit.objects.in_subtree(division)
        for unit in units:
            if not visible.filter(pk=unit.pk).exists():
                raise ValidationError(f"{unit} 不在本辖区，不能向其发起填报。")
            assignment[unit] = rows
    else:
        for row in rows:
            for unit in reporting_units_for(row, division):
                assignment.setdefault(unit, []).append(row)
    if not assignment:
        raise ValidationError("没有需要填报这些指标的单位：请指定填报单位。")
    for unit, unit_rows in assignment.items():
        unit_return = UnitReturn.objects.create(request=request, unit=unit)
        unit_return.indicators.set(unit_rows)
        ReturnRevision.objects.create(
            unit=unit, unit_return=unit_return, number=1, created_by=actor
        )
    return request


def _window_of(rows: list[Indicator], window: Window | None) -> Window | None:
    """Indicators the office set to a named window are returned over that window."""
    bound = {r.window_id: r for r in rows if r.period == Granularity.WINDOW and r.window_id}
    if not bound:
        return window
    if len(bound) > 1 or (window is not None and window.pk not in bound):
        names = "、".join(f"“{r.name}”（{r.window.name}）" for r in bound.values())
        raise ValidationError(f"这些指标按各自的统计期填报，请分别发起：{names}。")
    return window or next(iter(bound.values())).window


# --- filling ---------------------------------------------------------------------------------
def _locked(unit_return: UnitReturn) -> UnitReturn:
    return (
        UnitReturn.objects.select_for_update()
        .select_related("unit__division", "request")
        .get(pk=unit_return.pk)
    )


@transaction.atomic
def return_fill(
    *, actor, unit_return: UnitReturn, values: Mapping[str, object], channel: str = Channel.FORM
) -> ReturnRevision:
    """Store the figures of the working revision. Any bad figure rejects all; nothing is stored."""
    unit_return = _locked(unit_return)
    if unit_return.state == ReturnState.ACCEPTED:
        raise ValidationError("该报表已接收，数据已锁定；如需修改请提出更正（新修订须说明原因）。")
    WORKFLOW.require("fill", actor, unit_return)
    indicators = {i.code: i for i in unit_return.indicators.all()}
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Decimal | None] = {}
    for code, raw in values.items():
        indicator = indicators.get(code)
        if indicator is None:
            errors.setdefault("__all__", []).append(f"指标 {code} 不在本报表中。")
            continue
        try:
            cleaned[code] = clean_value(indicator, raw)
        except ValidationError as exc:
            errors[code] = [f"{indicator.name}：{m}" for m in exc.messages]
    if errors:
        raise ValidationError(errors)
    revision = working_revision(unit_return)
    request = unit_return.request
    existing = {v.indicator.code: v for v in revision.values.select_related("indicator")}
    for code, number in cleaned.items():
        current = existing.get(code)
        if number is None:
            if current is not None:
                current.delete()
            continue
        if current is None:
            ReturnedValue.objects.create(
                unit=unit_return.unit,
                revision=revision,
                indicator=indicators[code],
                value=number,
                period_start=request.period_start,
                period_end=request.period_end,
            )
        elif current.value != number:
            current.value = number
            current.save(update_fields=["value"])
    revision.filled_by = actor
    revision.filled_at = timezone.now()
    revision.channel = channel
    revision.save(update_fields=["filled_by", "filled_at", "channel"])
    return revision


@transaction.atomic
def return_import_excel(*, actor, unit_return: UnitReturn, data: bytes) -> ReturnRevision:
    """Fill from the uploaded template; a bad row or column rejects the whole file."""
    unit_return = _locked(unit_return)
    WORKFLOW.require("fill", actor, unit_return)
    values = parse_return_workbook(unit_return, data)
    return return_fill(actor=actor, unit_return=unit_return, values=values, channel=Channel.EXCEL)


def revision_findings(unit_return: UnitReturn, revision: ReturnRevision) -> list:
    """Declared relations and stated rates over this revision's figures (for this unit)."""
    request = unit_return.request
    overrides = {v.indicator.code: v.value for v in revision.values.select_related("indicator")}
    if request.granularity == Granularity.WINDOW:
        period = Period(request.period_start, request.period_end, request.period_label)
        scope = scope_for(unit_return.unit, period=period)
    else:
        scope = scope_for(unit_return.unit, request.year, request.granularity, request.period_index)
    return Computation(scope, overrides=overrides).consistency_findings(overrides.keys())


@transaction.atomic
def return_submit(*, actor, unit_return: UnitReturn) -> ReturnRevision:
    """The unit head submits; every required indicator must have a figure. Findings are recorded."""
    unit_return = _locked(unit_return)
    WORKFLOW.require("submit", actor, unit_return)
    revision = working_revision(unit_return)
    filled = set(revision.values.values_list("indicator_id", flat=True))
    missing = [i.name for i in unit_return.indicators.filter(required=True) if i.pk not in filled]
    if missing:
        raise ValidationError(f"以下必填指标尚未填报：{'、'.join(missing)}。")
    WORKFLOW.apply("submit", actor, unit_return)
    revision.state = ReturnState.SUBMITTED
    revision.submitted_by = actor
    revision.submitted_at = timezone.now()
    revision.findings = [
        {"check": f.check, "message": f.message, "figures": f.figures}
        for f in revision_findings(unit_return, revision)
    ]
    revision.save(update_fields=["state", "submitted_by", "submitted_at", "findings"])
    unit_return.save(update_fields=["state"])
    return revision


@transaction.atomic
def return_accept(*, actor, unit_return: UnitReturn) -> ReturnRevision:
    """The office accepts: this revision's values take effect and are locked."""
    unit_return = _locked(unit_return)
    WORKFLOW.apply("accept", actor, unit_return)
    revision = working_revision(unit_return)
    previous = unit_return.revisions.filter(state=ReturnState.ACCEPTED).exclude(pk=revision.pk)
    ReturnedValue.objects.filter(revision__in=previous).update(effective=False)
    previous.update(state=ReturnState.SUPERSEDED)
    revision.values.update(effective=True)
    revision.state = ReturnState.ACCEPTED
    revision.decided_by = actor
    revision.decided_at = timezone.now()
    revision.save(update_fields=["state", "decided_by", "decided_at"])
    unit_return.save(update_fields=["state"])
    return revision


@transaction.atomic
def return_send_back(*, actor, unit_return: UnitReturn, reason: str) -> ReturnRevision:
    """The office returns the return to the unit with a reason."""
    if not reason or not reason.strip():
        raise ValidationError({"reason": "退回须说明原因。"})
    unit_return = _locked(unit_return)
    WORKFLOW.apply("send_back", actor, unit_return)
    revision = working_revision(unit_return)
    revision.state = ReturnState.RETURNED
    revision.decided_by = actor
    revision.decided_at = timezone.now()
    revision.return_reason = reason.strip()
    revision.save(update_fields=["state", "decided_by", "decided_at", "return_reason"])
    unit_return.save(update_fields=["state"])
    return revision


@transaction.atomic
def return_correct(*, actor, unit_return: UnitReturn, reason: str) -> ReturnRevision:
    """Open a correction of an accepted return: a new revision, with a reason, seeded with the
    accepted figures. The accepted figures stay in force until the correction is accepted."""
    if not reason or not reason.strip():
        raise ValidationError({"reason": "更正须说明原因。"})
    unit_return = _locked(unit_return)
    WORKFLOW.apply("correct", actor, unit_return)
    accepted = working_revision(unit_return)
    unit_return.revision = accepted.number + 1
    unit_return.save(update_fields=["state", "revision"])
    revision = ReturnRevision(
        unit=unit_return.unit,
        unit_return=unit_return,
        number=unit_return.revision,
        reason=reason.strip(),
        created_by=actor,
    )
    revision.full_clean()
    revision.save()
    ReturnedValue.objects.bulk_create(
        ReturnedValue(
            unit=v.unit,
            revision=revision,
            indicator_id=v.indicator_id,
            value=v.value,
            period_start=v.period_start,
            period_end=v.period_end,
        )
        for v in accepted.values.all()
    )
    return revision


# --- targets (目标值) ----------------------------------------------------------------------------
def _indicator_row(indicator) -> Indicator:
    row = indicator if isinstance(indicator, Indicator) else None
    if row is None:
        row = Indicator.objects.filter(code=indicator, active=True).first()
    if row is None or not row.active:
        raise ValidationError({"indicator": "没有该指标（或已停用）。"})
    return row


@transaction.atomic
def target_set(
    *,
    actor,
    indicator,
    value,
    op: str,
    year: int,
    division=None,
    unit: Unit | None = None,
    window: Window | None = None,
    label: str = "目标",
    note: str = "",
) -> Target:
    """Set (or change) the target of an indicator for a division or a unit and a year or window.

    Only office staff, for their own division or anything below it (a higher level sets targets
    for the levels below). Setting the same indicator, scope and period again changes it.
    """
    if not may_add_indicator(actor):
        raise ValidationError("只有依法治区办工作人员可以设定目标。")
    row = _indicator_row(indicator)
    if (division is None) == (unit is None):
        raise ValidationError("目标须指定一个区划或一个单位。")
    if not office_covers(actor, division or unit):
        raise ValidationError("只能为本辖区及下级设定目标。")
    if op not in TargetOp.values:
        raise ValidationError({"op": "方向只能是“≤（不高于）”或“≥（不低于）”。"})
    number = _target_number(row, value)
    if window is not None:
        if not any(w.pk == window.pk for w in windows_in_view(division or unit)):
            raise ValidationError({"window": "该统计期不适用于所选范围。"})
        year = window.end.year
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ValidationError({"year": "年度须为四位数字。"}) from None
    target, _created = Target.objects.update_or_create(
        indicator=row,
        division=division,
        target_unit=unit,
        year=year,
        window=window,
        defaults={
            "unit": actor.unit,
            "op": op,
            "value": number,
            "label": (label or "").strip() or "目标",
            "note": (note or "").strip(),
            "set_by": actor,
        },
    )
    target.full_clean()
    return target


def _target_number(row: Indicator, raw) -> Decimal:
    try:
        number = Decimal(str(raw).strip().rstrip("%％"))
    except (InvalidOperation, ValueError):
        raise ValidationError({"value": f"目标值“{raw}”不是数字。"}) from None
    if not number.is_finite() or number < 0:
        raise ValidationError({"value": "目标值不能为负数。"})
    if (row.kind == Kind.RATE or row.measure == "%") and number > 100:
        raise ValidationError({"value": "比率的目标值应在 0 至 100 之间（单位：%）。"})
    if number != number.quantize(Decimal("0.0001")):
        raise ValidationError({"value": "目标值最多保留四位小数。"})
    return number


@transaction.atomic
def target_remove(*, actor, target: Target) -> None:
    """Remove a target set by the actor's own office."""
    if not may_add_indicator(actor) or target.unit_id != actor.unit_id:
        raise ValidationError("只能删除本单位设定的目标。")
    target.delete()
