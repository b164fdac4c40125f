"""The synthetic lawsuits: each year of a run gets its own first instances, even when an appeal
of the year before was filed in it (the year check counted that appeal and skipped the year)."""

import random

import pytest

from fazhi.core.models import Division, DivisionLevel
from fazhi.core.plugins import SynthContext
from fazhi.demo.synth import build_district
from fazhi.litigation.models import Instance, Lawsuit
from fazhi.litigation.synth import lawsuits

pytestmark = pytest.mark.django_db


def _context(years: list[int]) -> SynthContext:
    city = Division.objects.create(code="990100", name="合成市", level=DivisionLevel.CITY)
    district, units = build_district(city, 1)
    return SynthContext(
        city=city,
        districts=[district],
        years=years,
        rng=random.Random(7),  # noqa: S311 - reproducible test data
        units={district.pk: units},
    )


def _first_instances(year: int) -> int:
    return Lawsuit.objects.filter(instance=Instance.FIRST, filed_on__year=year).count()


def test_every_year_gets_first_instances_and_a_rerun_adds_nothing():
    ctx = _context([2023, 2024])
    lawsuits(ctx)
    first_2023, first_2024 = _first_instances(2023), _first_instances(2024)
    assert first_2023 > 0 and first_2024 > 0
    total = Lawsuit.objects.count()

    lawsuits(ctx)

    assert Lawsuit.objects.count() == total


def test_a_year_holding_only_last_years_appeals_is_still_generated():
    ctx = _context([2023])
    lawsuits(ctx)
    late = Lawsuit.objects.filter(instance=Instance.APPEAL).first()
    Lawsuit.objects.filter(pk=late.pk).update(filed_on=late.filed_on.replace(year=2024, month=1))
    assert _first_instances(2024) == 0

    ctx.years = [2024]
    lawsuits(ctx)

    assert _first_instances(2024) > 0
