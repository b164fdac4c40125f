"""负责人出庭率 for the lawsuits in which the district government is the defendant (the seed's
"以区政府为被告的案件"), beside the all-lawsuits variant (issue 16, item 5)."""

from datetime import date

import pytest
import time_machine

from fazhi.core.models import UnitKind
from fazhi.core.testing.factories import UnitFactory
from fazhi.indicators.selectors import indicator_values
from fazhi.litigation import services
from fazhi.litigation.models import Appearance, HeadRank
from fazhi.litigation.tests.factories import lawsuit_data

pytestmark = pytest.mark.django_db


def _hearing(officer, lawsuit, day, head: bool):
    extra = (
        {
            "appearance": Appearance.HEAD,
            "head_name": "李强",
            "head_rank": HeadRank.PRINCIPAL,
            "head_title": "区长",
        }
        if head
        else {
            "appearance": Appearance.LAWYER_ONLY,
            "lawyer_names": "周律师",
            "absence_reason": "公务",
        }
    )
    services.lawsuit_record_hearing(actor=officer, lawsuit=lawsuit, held_on=day, **extra)


@time_machine.travel(date(2024, 12, 20), tick=False)
def test_the_government_defendant_variant_counts_only_the_governments_lawsuits(
    recon_officer, unit_a, district
):
    government = UnitFactory(name="蒸湘区人民政府", kind=UnitKind.GOVERNMENT, division=district)
    against_government = services.lawsuit_register(
        actor=recon_officer, **lawsuit_data(government, filed_on=date(2024, 3, 1))
    )
    against_department = services.lawsuit_register(
        actor=recon_officer,
        **lawsuit_data(unit_a, filed_on=date(2024, 3, 2)),
    )
    _hearing(recon_officer, against_government, date(2024, 4, 1), head=True)
    _hearing(recon_officer, against_department, date(2024, 4, 2), head=False)
    _hearing(recon_officer, against_department, date(2024, 5, 2), head=False)
    values = indicator_values(
        ["litigation.head_appearance_rate"], division_or_unit=district, year=2024
    )
    variants = {v.code: v for v in values["litigation.head_appearance_rate"].variants}
    # government as defendant: 1 hearing, the head present → 100%; all lawsuits: 1 of 3
    assert variants["litigation.head_appearance_rate.government"].display == "100%"
    assert variants["litigation.head_appearance_rate.hearing"].display == "33.33%"
