"""Synthetic returned-indicator values: one accepted annual return per district-year.

Rows are bulk-inserted in the shape the real return path leaves them (request, unit returns,
an accepted first revision, effective values) without running each service call, so that
10 districts × 5 years build in seconds. Volumes: the demo district's 2024 figure ±30% per
district-year, split across the reporting units.
"""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from fazhi.demo.indicators import SEED_VALUES
from fazhi.demo.synth import SynthContext, synth_step
from fazhi.indicators import registry
from fazhi.indicators.catalog import catalog_sync
from fazhi.indicators.models import (
    Indicator,
    ReturnedValue,
    ReturnRequest,
    ReturnRevision,
    ReturnState,
    UnitReturn,
)
from fazhi.indicators.registry import Kind
from fazhi.indicators.services import reporting_units_for

TITLE = "{year}年度法治政府建设统计填报（合成）"


def _value(ctx: SynthContext, indicator: Indicator, base: Decimal) -> Decimal:
    if indicator.measure == "万元":
        return Decimal(str(round(ctx.vary(float(base)), 2)))
    if indicator.kind == Kind.STOCK:
        return Decimal(max(0, round(ctx.vary(float(base), 0.1))))
    return Decimal(max(0, round(ctx.vary(float(base)))))


def _consistent(figures: dict[str, Decimal]) -> None:
    """Make a unit's random figures obey the declared relations (wholes cover their parts)."""
    rules = [
        r
        for r in registry.relations().values()
        if len(r.right) == 1 and all(c in figures for c in r.left + r.right)
    ]
    for _ in range(len(rules) + 1):  # chains (passed ≤ sat ≤ registered) settle in a few rounds
        changed = False
        for rule in rules:
            parts = sum((figures[c] for c in rule.left), Decimal(0))
            whole = rule.right[0]
            if (rule.op == "==" and figures[whole] != parts) or figures[whole] < parts:
                figures[whole], changed = parts, True
        if not changed:
            return


@synth_step
def returned_values(ctx: SynthContext) -> str:
    catalog_sync()
    indicators = list(Indicator.objects.filter(source="returned", active=True, defined_in__gt=""))
    created = 0
    for district in ctx.districts:
        office = ctx.office_users[district.pk]
        assignment: dict = {}
        for indicator in indicators:
            for unit in reporting_units_for(indicator, district):
                assignment.setdefault(unit, []).append(indicator)
        for year in ctx.years:
            title = TITLE.format(year=year)
            if ReturnRequest.objects.filter(unit=office.unit, year=year, title=title).exists():
                continue
            request = ReturnRequest.objects.create(
                unit=office.unit,
                title=title,
                year=year,
                period_start=date(year, 1, 1),
                period_end=date(year, 12, 31),
                due_date=date(year + 1, 1, 24),
                due_explanation="合成数据",
                opened_by=office,
            )
            request.indicators.set(indicators)
            stamp = timezone.make_aware(datetime(year + 1, 1, ctx.rng.randint(5, 20), 10))
            values = []
            for unit, unit_indicators in assignment.items():
                unit_return = UnitReturn.objects.create(
                    request=request, unit=unit, state=ReturnState.ACCEPTED
                )
                unit_return.indicators.set(unit_indicators)
                revision = ReturnRevision.objects.create(
                    unit=unit,
                    unit_return=unit_return,
                    number=1,
                    state=ReturnState.ACCEPTED,
                    created_by=office,
                    filled_by=office,
                    filled_at=stamp,
                    submitted_by=office,
                    submitted_at=stamp,
                    decided_by=office,
                    decided_at=stamp,
                    channel="form",
                )
                figures = {
                    i.code: _value(ctx, i, SEED_VALUES.get(i.code, Decimal(10)))
                    for i in unit_indicators
                }
                _consistent(figures)
                values.extend(
                    ReturnedValue(
                        unit=unit,
                        revision=revision,
                        indicator=indicator,
                        value=figures[indicator.code],
                        period_start=request.period_start,
                        period_end=request.period_end,
                        effective=True,
                    )
                    for indicator in unit_indicators
                )
            ReturnedValue.objects.bulk_create(values)
            created += len(values)
    return f"统计填报（合成）：{created} 个填报值"
