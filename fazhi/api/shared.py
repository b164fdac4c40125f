"""Cross-register reads: indicator values with provenance counts, findings, deadlines."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from ninja import Field, Query, Router, Schema

from fazhi.api.auth import TokenAuth
from fazhi.api.endpoints import MAX_ID, model_schema, read_endpoints, refuse_unknown_parameters
from fazhi.api.errors import ApiError
from fazhi.api.models import Scope
from fazhi.core.access import visible_unit_ids
from fazhi.core.models import Unit
from fazhi.deadlines import selectors as deadline_selectors
from fazhi.deadlines.models import Clock
from fazhi.indicators import selectors as indicator_selectors

router = Router(tags=["指标、发现问题与期限"])


class ScopeQuery(Schema):
    year: int = Field(..., ge=2000, le=2100, title="年度")
    unit_id: int = Field(None, ge=1, le=MAX_ID, title="单位ID", description="默认为令牌所属单位")


class IndicatorValueOut(Schema):
    code: str = Field(..., title="指标代码")
    name: str = Field(..., title="指标名称")
    domain: str = Field(..., title="领域")
    measure: str = Field(..., title="计量单位")
    kind: str = Field(..., title="类型")
    source: str = Field(
        ..., title="来源", description="computed 系统计算；returned 统计填报；derived 推算"
    )
    formula: str = Field(..., title="计算公式")
    value: str | None = Field(None, title="数值", description="精确值（十进制文本）；无数据为 null")
    display: str = Field(..., title="显示值")
    scope: str = Field(..., title="统计范围")
    provenance: str = Field(
        ..., title="数据来源类型", description="records / returns / rate / derived / none"
    )
    provenance_description: str = Field(..., title="数据来源说明")
    provenance_count: int = Field(
        ..., title="来源记录数", description="令牌可见的来源记录或填报修订条数"
    )
    findings: int = Field(..., title="涉及的问题数")


class FindingOut(Schema):
    check: str = Field(..., title="检查项")
    message: str = Field(..., title="问题说明")
    severity: str = Field(..., title="严重程度")
    unit: str = Field("", title="单位")
    figures: dict[str, str] = Field(default_factory=dict, title="相关数字")


def _unit_in_scope(user, unit_id: int | None) -> Unit:
    """The token's unit, or a unit it may read; any other unit is a 404."""
    if unit_id is None:
        return user.unit
    units = visible_unit_ids(user)
    queryset = Unit.objects.all() if units is None else Unit.objects.filter(pk__in=units)
    unit = queryset.select_related("division").filter(pk=unit_id).first()
    if unit is None:
        raise ApiError(404, "没有找到该单位。")
    return unit


@router.get(
    "/indicators/values",
    response=list[IndicatorValueOut],
    auth=TokenAuth(Scope.READ),
    summary="指标数值（含来源记录数）",
    description="令牌所属单位（或其可见单位）某年度的全部指标值，经 fazhi.indicators 计算，附来源记录数。",
    operation_id="indicator_values",
)
def indicator_values(request, query: Query[ScopeQuery]):
    refuse_unknown_parameters(request, ScopeQuery)
    user = request.auth.account
    unit = _unit_in_scope(user, query.unit_id)
    try:
        values = indicator_selectors.indicator_values(
            division_or_unit=unit, year=query.year, user=user
        )
    except PermissionDenied as exc:
        raise ApiError(404, "没有找到该单位。") from exc
    return [
        {
            "code": v.code,
            "name": v.name,
            "domain": v.domain,
            "measure": v.measure,
            "kind": v.kind,
            "source": v.source,
            "formula": v.formula,
            "value": None if v.value is None else str(v.value),
            "display": v.display,
            "scope": v.scope_label,
            "provenance": v.provenance.kind,
            "provenance_description": v.provenance.description,
            "provenance_count": v.provenance.record_count,
            "findings": len(v.findings),
        }
        for v in values.values()
    ]


@router.get(
    "/findings",
    response=list[FindingOut],
    auth=TokenAuth(Scope.READ),
    summary="发现问题（一致性与合规检查）",
    description="令牌所属单位某年度的一致性发现和各台账的合规检查结果。",
    operation_id="findings_list",
)
def findings(request, query: Query[ScopeQuery]):
    refuse_unknown_parameters(request, ScopeQuery)
    user = request.auth.account
    unit = _unit_in_scope(user, query.unit_id)
    try:
        found = indicator_selectors.findings_for(division_or_unit=unit, year=query.year, user=user)
    except PermissionDenied as exc:
        raise ApiError(404, "没有找到该单位。") from exc
    return [
        {
            "check": f.check,
            "message": f.message,
            "severity": f.severity,
            "unit": str(f.unit or ""),
            "figures": {str(k): str(v) for k, v in (f.figures or {}).items()},
        }
        for f in found
    ]


ClockOut = model_schema(
    Clock,
    ["unit", "rule_code", "label", "trigger_date", "period_length", "period_unit",
     "extension_days", "due_date", "provisional", "explanation", "state", "closed_on"],
    name="DeadlineClock",
)  # fmt: skip


def _clocks(user):
    return deadline_selectors.clock_list(user=user, open_only=False)


read_endpoints(
    router, "deadlines", app="deadlines", title="办理期限", schema=ClockOut,
    queryset=_clocks, date_field="due_date",
    description="各台账的法定或承诺办理期限（含计算说明），按令牌所属单位范围返回；year 按截止日期筛选。",
)  # fmt: skip
