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

__all__ = ["ImportNumbering", "allocate_case_number", "default_pattern"]


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


class ImportNumbering:
    """The 案号 of one 台账 import. Each year's counter is locked when the import meets that year
    (as a registration locks it, so nobody can allocate an imported number meanwhile) and then
    kept for the rest of the file: one lock per year instead of three queries per row. Each
    row's number is read with the counter's pattern; the counters, kept ahead of the highest
    serial imported for their year, are saved once, at the end."""

    def __init__(self, unit):
        self.unit = unit
        self.counters: dict[int, CaseNumberCounter] = {}

    def _counter(self, year: int) -> CaseNumberCounter:
        if year not in self.counters:
            self.counters[year] = _locked_counter(self.unit, year)
        return self.counters[year]

    def claim(self, case_number: str, default_year: int) -> tuple[int, int]:
        pattern = self._counter(default_year).pattern
        parsed = parse_case_number(pattern, case_number)
        if parsed is None:
            raise ValidationError(
                {"case_number": f"案号“{case_number}”不符合本机关的案号格式“{pattern}”。"}
            )
        year, number = parsed
        counter = self._counter(year)
        counter.last_number = max(counter.last_number, number)
        return year, number

    def finish(self) -> None:
        for counter in self.counters.values():
            counter.save(update_fields=["last_number"])
