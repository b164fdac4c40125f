"""Many clocks started at once (a 台账 import): the rows `clock_start` gives, in one INSERT.

`clocks_start_many` refuses what `clock_start` refuses, with the same messages, and gives the
same rows. The rules and the calendar are read once (`fixed`), each distinct (rule, trigger
date) is computed once (`DueMemo`), the foreign keys are checked with one query per model
instead of four lookups per clock, and the clocks are written by one `bulk_create`; the clock
table's statement-level audit trigger records them in one statement. `clock_start` gives no
reminder (the daily scan does), so neither does this.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ForeignKey, Model
from django.utils import timezone

from fazhi.deadlines.calendar import current_version, load_calendar
from fazhi.deadlines.engine import WorkCalendar
from fazhi.deadlines.fixed import fixed
from fazhi.deadlines.models import Clock
from fazhi.deadlines.rules import PeriodRule, effective_rule
from fazhi.deadlines.services import (
    DueResult,
    _as_pause,
    closed_state,
    due_result,
    refuse_close_before_trigger,
    startable_rule,
    state_for,
)

__all__ = ["ClockSpec", "DueMemo", "clocks_start_many"]


@dataclass(frozen=True)
class ClockSpec:
    """The arguments of one `clock_start` call; with `closed_on`, also of the `clock_close`
    that followed (history: a synthetic or imported record already past this step)."""

    rule_code: str
    trigger_date: date | None
    subject: Model | None
    unit: Model
    owner: Model | None = None
    label: str = ""
    closed_on: date | None = None


class DueMemo:
    """`compute_due` for many inputs: each rule and the calendar in force read once, equal
    inputs computed once. Create it inside `fixed()` when the caller also reads them."""

    def __init__(self) -> None:
        self._rules: dict[str, PeriodRule] = {}
        self._calendar = None
        self._results: dict[tuple, DueResult] = {}

    def rule(self, code: str) -> PeriodRule:
        if code not in self._rules:
            self._rules[code] = effective_rule(code)
        return self._rules[code]

    def calendar(self) -> WorkCalendar:
        if self._calendar is None:
            self._calendar = load_calendar()
        return self._calendar

    def __call__(
        self, rule_code: str, trigger_date: date, *, pauses=(), extension_days: int = 0
    ) -> DueResult:
        pauses = tuple(_as_pause(p) for p in pauses)
        key = (rule_code, trigger_date, pauses, extension_days)
        result = self._results.get(key)
        if result is None:  # `compute_due`, with the rule and calendar read once
            result = self._results[key] = due_result(
                self.rule(rule_code),
                self.calendar(),
                trigger_date,
                pauses=pauses,
                extension_days=extension_days,
            )
        return result


def _foreign_keys_exist(clocks: list[Clock]) -> None:
    """`full_clean`'s foreign-key check (the referenced row exists), one query per model."""
    for field in Clock._meta.concrete_fields:
        if not isinstance(field, ForeignKey):
            continue
        target = field.remote_field
        values = {getattr(c, field.attname) for c in clocks} - {None}
        if not values:
            continue
        found = set(
            target.model._base_manager.filter(**{f"{target.field_name}__in": values}).values_list(
                target.field_name, flat=True
            )
        )
        for clock in clocks:
            value = getattr(clock, field.attname)
            if value is not None and value not in found:
                raise ValidationError(
                    {
                        field.name: ValidationError(
                            field.error_messages["invalid"],
                            code="invalid",
                            params={
                                "model": target.model._meta.verbose_name,
                                "pk": value,
                                "field": target.field_name,
                                "value": value,
                            },
                        )
                    }
                )


@transaction.atomic
def clocks_start_many(specs: Sequence[ClockSpec], *, due: DueMemo | None = None) -> list[Clock]:
    """Start one clock per spec, as `clock_start` would, in one INSERT; the first refused spec
    raises `clock_start`'s error and nothing is written. `due` shares a caller's memo."""
    if not specs:
        return []
    due = due or DueMemo()
    with fixed():
        version = current_version()
        cal = due.calendar()
        today = timezone.localdate()
        content_types: dict[type, ContentType] = {}
        clocks = []
        for spec in specs:
            rule = startable_rule(spec.rule_code, spec.trigger_date, spec.subject)
            model = type(spec.subject)
            if model not in content_types:
                content_types[model] = ContentType.objects.get_for_model(spec.subject)
            result = due(rule.code, spec.trigger_date)
            if spec.closed_on is not None:  # as `clock_close` leaves it
                refuse_close_before_trigger(spec.closed_on, spec.trigger_date)
                state = closed_state(spec.closed_on, result.due_date)
            else:
                state = state_for(result.due_date, today, cal)
            clocks.append(
                Clock(
                    unit=spec.unit,
                    rule_code=rule.code,
                    label=spec.label or rule.name,
                    content_type=content_types[model],
                    object_id=str(spec.subject.pk),
                    owner=spec.owner,
                    trigger_date=spec.trigger_date,
                    period_length=rule.length,
                    period_unit=rule.unit,
                    due_date=result.due_date,
                    provisional=result.provisional,
                    explanation=result.explanation,
                    calendar_version=version,
                    extension_days=0,
                    state=state,
                    closed_on=spec.closed_on,
                )
            )
    fk_names = [f.name for f in Clock._meta.concrete_fields if isinstance(f, ForeignKey)]
    for clock in clocks:
        clock.clean_fields(exclude=fk_names)
        clock.clean()
    _foreign_keys_exist(clocks)
    return Clock.objects.bulk_create(clocks)
