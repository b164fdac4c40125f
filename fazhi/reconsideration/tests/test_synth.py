import pytest

from fazhi.litigation.models import Lawsuit
from fazhi.reconsideration.models import CaseNumberCounter, ReconsiderationCase

pytestmark = pytest.mark.django_db


def test_synth_generates_cases_and_lawsuits_once_per_district_year():
    from fazhi.core.models import Division
    from fazhi.demo.synth import run_synth
    from fazhi.indicators.selectors import indicator_values

    summary = run_synth(districts=2, years=1, end_year=2024)
    assert any("行政复议案件（合成）" in line for line in summary)
    cases = ReconsiderationCase.objects.count()
    assert 2 * 60 <= cases <= 2 * 140
    assert Lawsuit.objects.filter(instance="appeal").exists()
    counter = CaseNumberCounter.objects.first()
    assert (
        counter.last_number
        == ReconsiderationCase.objects.filter(unit=counter.unit, case_year=2024).count()
    )
    city = Division.objects.get(code="990100")
    values = indicator_values(
        ["reconsideration.received", "litigation.head_appearance_rate"],
        division_or_unit=city,
        year=2024,
    )
    assert values["reconsideration.received"].value == cases
    run_synth(districts=2, years=1, end_year=2024)
    assert ReconsiderationCase.objects.count() == cases
