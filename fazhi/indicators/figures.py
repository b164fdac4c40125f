"""A returned figure as typed in a form or a cell, and the working revision of a return.

Shared by the return services and the Excel template (fazhi.indicators.excel), below both.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from fazhi.indicators.models import Indicator, ReturnRevision, UnitReturn
from fazhi.indicators.registry import Kind

INTEGER_KINDS = (Kind.COUNT,)
WHOLE_MEASURES = (
    "件",
    "人次",
    "人",
    "名",
    "次",
    "个",
    "家",
    "项",
    "场",
    "份",
    "条",
    "篇",
    "封",
    "起",
)
MAX_VALUE = Decimal("99999999999999")


def clean_value(indicator: Indicator, raw) -> Decimal | None:
    """A figure typed in a form or a cell: a non-negative number; whole for counts. None if blank."""
    if raw is None or (isinstance(raw, str) and raw.strip() == ""):
        return None
    if isinstance(raw, bool):
        raise ValidationError("应填写数字。")
    if isinstance(raw, str):
        text = raw.strip().replace(",", "").replace("，", "")
        if not re.fullmatch(r"[+-]?\d+(\.\d+)?", text):
            raise ValidationError(f"“{raw}”不是数字。")
        number = Decimal(text)
    else:
        try:
            number = Decimal(str(raw))
        except InvalidOperation as exc:
            raise ValidationError(f"“{raw}”不是数字。") from exc
    if not number.is_finite():
        raise ValidationError(f"“{raw}”不是数字。")
    if number < 0:
        raise ValidationError("不能为负数。")
    if number > MAX_VALUE:
        raise ValidationError("数值过大。")
    whole = indicator.kind in INTEGER_KINDS or indicator.measure in WHOLE_MEASURES
    if whole and number != number.to_integral_value():
        raise ValidationError(f"{indicator.name}是计数，应为整数。")
    if number != number.quantize(Decimal("0.0001")):
        raise ValidationError("最多保留四位小数。")
    return number


def working_revision(unit_return: UnitReturn) -> ReturnRevision:
    return unit_return.revisions.get(number=unit_return.revision)
