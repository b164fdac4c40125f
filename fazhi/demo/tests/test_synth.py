import pytest
from django.core.management import call_command

from fazhi.core.models import Division, Unit
from fazhi.demo.synth import SYNTH_STEPS, SynthContext, run_synth
from fazhi.indicators.selectors import indicator_value
from fazhi.legal_aid.models import AidCase


def _district_cases(districts) -> int:
    """Legal-aid cases of the given synthetic districts (a register every synth run fills)."""
    return sum(
        AidCase.objects.filter(unit__division__path__startswith=d.path).count() for d in districts
    )


@pytest.mark.django_db
def test_synth_builds_districts_and_register_records_and_tops_up_idempotently():
    summary = run_synth(districts=2, years=2)
    assert summary[0].startswith("合成市：2 个区县")
    city = Division.objects.get(code="990100")
    districts = list(Division.objects.filter(parent=city))
    assert len(districts) == 2
    per_district = Unit.objects.filter(division__path__startswith=districts[0].path).count()
    assert per_district == 1 + 30 + 1 + 5 + 54
    records = _district_cases(districts)
    assert records > 0
    cases = indicator_value("legal_aid.cases", division_or_unit=districts[0], year=2024)
    assert 430 * 0.7 <= cases.value <= 430 * 1.3
    assert indicator_value("legal_aid.cases", division_or_unit=city, year=2023).value > cases.value
    call_command("synth", districts=2, years=2)
    assert _district_cases(districts) == records
    run_synth(districts=3, years=2)
    assert Division.objects.filter(parent=city).count() == 3
    assert _district_cases(districts) == records  # the first two districts are not touched
    third = Division.objects.filter(parent=city).exclude(pk__in=[d.pk for d in districts])
    assert _district_cases(third) > 0


def test_context_spreads_totals_over_units_and_months():
    import random
    from datetime import date

    ctx = SynthContext(city=None, districts=[], years=[2024], rng=random.Random(1))
    shares = ctx.spread(1000, 7)
    assert sum(shares) == 1000 and len(set(shares)) > 1
    dates = ctx.dates(2024, 500)
    assert all(date(2024, 1, 1) <= d <= date(2024, 12, 31) for d in dates)
    assert len({d.month for d in dates}) == 12


def test_registers_add_generators_to_the_registry():
    from fazhi.demo.synth import discover_steps

    steps = discover_steps()
    assert any(step.__name__ == "returned_values" for step in steps)
    assert steps == SYNTH_STEPS
