"""Gap-free 案号 per office and year: `蒸政复〔2024〕12号`.

The counter row of (unit, year) is created with INSERT … ON CONFLICT DO NOTHING and then locked
with SELECT … FOR UPDATE inside the caller's transaction, so concurrent registrations queue on
the row and a rolled-back registration gives its number back: numbers stay consecutive.
The pattern is editable by the office (admin “复议案号计数器”); a new year copies last year's.
"""

from __future__ import annotations

import re
import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

DEFAULT_PATTERN = "蒸政复〔{year}〕{number}号"


def default_pattern() -> str:
    return getattr(settings, "FAZHI_RECONSIDERATION_CASE_NUMBER_PATTERN", DEFAULT_PATTERN)


def validate_pattern(pattern: str) -> None:
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as exc:
        raise ValidationError({"pattern": f"案号格式有误：{exc}"}) from None
    if names != {"year", "number"}:
        raise ValidationError({"pattern": "案号格式必须且只能包含 {year} 和 {number} 两个占位符。"})
    try:
        format_case_number(pattern, 2024, 1)
    except (ValueError, KeyError) as exc:
        raise ValidationError({"pattern": f"案号格式有误：{exc}"}) from None


def format_case_number(pattern: str, year: int, number: int) -> str:
    return pattern.format(year=year, number=number)


def pattern_regex(pattern: str) -> re.Pattern:
    """A regex that reads year and number back out of a case number written with `pattern`."""
    parts = []
    for literal, name, spec, _conv in string.Formatter().parse(pattern):
        parts.append(re.escape(literal))
        if name == "year":
            parts.append(r"(?P<year>\d{4})")
        elif name == "number":
            parts.append(r"(?P<number>\d+)")
        del spec
    return re.compile("^" + "".join(parts) + "$")


def parse_case_number(pattern: str, case_number: str) -> tuple[int, int] | None:
    match = pattern_regex(pattern).match(case_number.strip())
    if not match:
        return None
    return int(match["year"]), int(match["number"])


def _locked_counter(unit, year: int):
    from fazhi.reconsideration.models import CaseNumberCounter

    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("案号必须在事务内分配。")
    previous = CaseNumberCounter.objects.filter(unit=unit, year__lt=year).order_by("-year").first()
    CaseNumberCounter.objects.bulk_create(
        [
            CaseNumberCounter(
                unit=unit,
                year=year,
                pattern=previous.pattern if previous else default_pattern(),
            )
        ],
        ignore_conflicts=True,
    )
    return CaseNumberCounter.objects.select_for_update().get(unit=unit, year=year)


def allocate_case_number(unit, year: int) -> tuple[str, int]:
    """Take the next number of `unit`'s `year`; call inside the transaction that saves the case."""
    counter = _locked_counter(unit, year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return format_case_number(counter.pattern, year, counter.last_number), counter.last_number


def claim_case_number(unit, case_number: str, default_year: int) -> tuple[int, int]:
    """For an imported case with its own 案号: read (year, serial) and keep the counter ahead of it."""
    counter = _locked_counter(unit, default_year)
    parsed = parse_case_number(counter.pattern, case_number)
    if parsed is None:
        raise ValidationError(
            {"case_number": f"案号“{case_number}”不符合本机关的案号格式“{counter.pattern}”。"}
        )
    year, number = parsed
    if year != default_year:
        counter = _locked_counter(unit, year)
    if number > counter.last_number:
        counter.last_number = number
        counter.save(update_fields=["last_number"])
    return year, number
