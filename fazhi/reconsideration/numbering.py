"""Gap-free 案号 per office and year: `蒸政复〔2024〕12号`.

The counter row of (unit, year) is created with INSERT … ON CONFLICT DO NOTHING and then locked
with SELECT … FOR UPDATE inside the caller's transaction, so concurrent registrations queue on
the row and a rolled-back registration gives its number back: numbers stay consecutive.
The pattern is editable by the office (admin “复议案号计数器”); a new year copies last year's.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.reconsideration.models import CaseNumberCounter
from fazhi.reconsideration.validators import (
    default_pattern,
    format_case_number,
    parse_case_number,
)

__all__ = ["allocate_case_number", "claim_case_number", "default_pattern"]


def _locked_counter(unit, year: int):
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
