"""Query parameters validated in one place: a bad value is a 400 with a Chinese message, never
an exception from int(), a date or the database (issue: ?year=abc, -1, 99999999999)."""

from __future__ import annotations

from django.core.exceptions import BadRequest
from django.utils import timezone

EARLIEST_YEAR = 1949
FUTURE_YEARS = 50
MAX_ID = 2**63 - 1
MAX_TEXT = 200


def _raw(request, name: str) -> str:
    return (request.GET.get(name) or "").strip()


def int_param(
    request, name: str, *, default: int | None, minimum: int, maximum: int, label: str
) -> int | None:
    raw = _raw(request, name)
    if raw == "":
        return default
    if not raw.isascii() or not raw.lstrip("-").isdigit() or len(raw) > 19:
        raise BadRequest(f"参数“{label}”应为整数，“{raw[:20]}”无效。")
    value = int(raw)
    if not minimum <= value <= maximum:
        raise BadRequest(f"参数“{label}”应在 {minimum} 至 {maximum} 之间，“{raw[:20]}”无效。")
    return value


def year_param(request, name: str = "year", *, default: int | None = None) -> int:
    """A year from 1949 to this year + 50; default: last year."""
    this_year = timezone.localdate().year
    value = int_param(
        request,
        name,
        default=this_year - 1 if default is None else default,
        minimum=EARLIEST_YEAR,
        maximum=this_year + FUTURE_YEARS,
        label="年度",
    )
    return value


def id_param(request, name: str, *, label: str = "编号") -> int | None:
    """A positive primary key, or None when absent."""
    return int_param(request, name, default=None, minimum=1, maximum=MAX_ID, label=label)


def text_param(request, name: str, *, max_length: int = MAX_TEXT) -> str:
    """Free text (a search term): control characters refused, length capped."""
    raw = _raw(request, name)
    if any(ord(ch) < 32 and ch not in "\t" for ch in raw):
        raise BadRequest("检索词中含有不可见的控制字符，请删除后重试。")
    return raw[:max_length]
