"""The return's Excel template (pre-filled with the unit) and its strict upload.

One row per indicator: 填报单位 | 指标代码 | 指标名称 | 计量单位 | 数值 | 必填. Any bad cell (a
wrong unit, text in the number column, a negative or fractional count, an unknown or duplicated
code, a missing required indicator) rejects the whole file with row, column and reason.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError

from fazhi.core.xlsx import Column, ImportProblems, RowError, build_workbook, read_table
from fazhi.indicators.figures import clean_value, working_revision
from fazhi.indicators.models import UnitReturn

UNIT, CODE, NAME, MEASURE, VALUE, REQUIRED = (
    "填报单位",
    "指标代码",
    "指标名称",
    "计量单位",
    "数值",
    "必填",
)
HEADERS = [UNIT, CODE, NAME, MEASURE, VALUE, REQUIRED]
COLUMNS = [
    Column(UNIT, "unit", str, required=True),
    Column(CODE, "code", str, required=True),
    Column(NAME, "name", str, required=False),
    Column(MEASURE, "measure", str, required=False),
    Column(VALUE, "value", lambda v: v, required=False),
    Column(REQUIRED, "required", str, required=False),
]


def _indicators(unit_return: UnitReturn):
    return list(unit_return.indicators.order_by("order", "code"))


def build_return_template(unit_return: UnitReturn) -> bytes:
    """The template for one unit's return, with its current working figures filled in."""
    current = {
        v.indicator.code: v.value
        for v in working_revision(unit_return).values.select_related("indicator")
    }
    rows = [
        [
            unit_return.unit.name,
            indicator.code,
            indicator.name,
            indicator.measure,
            _plain(current[indicator.code]) if indicator.code in current else None,
            "是" if indicator.required else "否",
        ]
        for indicator in _indicators(unit_return)
    ]
    return build_workbook(HEADERS, rows, title="统计填报")


def _plain(value: Decimal):
    return int(value) if value == value.to_integral_value() else float(value)


def parse_return_workbook(unit_return: UnitReturn, data: bytes) -> dict[str, object]:
    """{code: raw figure} from an uploaded template, or a ValidationError naming every bad cell."""
    try:
        rows = read_table(data, COLUMNS)
    except ImportProblems as problems:
        raise problems.as_validation_error() from None
    indicators = {i.code: i for i in _indicators(unit_return)}
    unit_name = unit_return.unit.name
    problems = ImportProblems()
    values: dict[str, object] = {}
    seen: dict[str, int] = {}
    for row in rows:
        number = row["_row"]
        if (row["unit"] or "").strip() != unit_name:
            problems.errors.append(
                RowError(number, UNIT, f"“{row['unit']}”不是本报表的填报单位（应为“{unit_name}”）")
            )
        code = (row["code"] or "").strip()
        indicator = indicators.get(code)
        if indicator is None:
            problems.errors.append(RowError(number, CODE, f"指标“{code}”不在本报表中"))
            continue
        if code in seen:
            problems.errors.append(RowError(number, CODE, f"指标“{code}”与第{seen[code]}行重复"))
            continue
        seen[code] = number
        raw = row["value"]
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if indicator.required:
                problems.errors.append(RowError(number, VALUE, f"必填指标“{indicator.name}”未填写"))
            continue
        try:
            clean_value(indicator, raw)
        except ValidationError as exc:
            problems.errors.append(RowError(number, VALUE, "；".join(exc.messages).rstrip("。")))
            continue
        values[code] = raw
    for position, indicator in enumerate(indicators.values(), start=2):
        if indicator.required and indicator.code not in seen:
            problems.errors.append(
                RowError(
                    position,
                    CODE,
                    f"缺少必填指标“{indicator.name}”（{indicator.code}），模板中应在此行",
                )
            )
    if problems.errors:
        raise problems.as_validation_error()
    return values
