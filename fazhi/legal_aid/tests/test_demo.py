"""The demo's legal aid step produces the seed's figures from records."""

import pytest

from fazhi.demo.structure import load_structure
from fazhi.demo.users import load_users
from fazhi.indicators.selectors import indicator_values
from fazhi.legal_aid.demo import load_legal_aid

pytestmark = pytest.mark.django_db


@pytest.fixture
def context():
    units = load_structure()
    return {"units": units, "users": load_users(units)}


def test_demo_counts_the_seed_figures_from_records(context):
    load_legal_aid(context)
    government = context["units"]["衡阳市蒸湘区人民政府"]
    codes = [
        "legal_aid.cases",
        "legal_aid.cases_criminal",
        "legal_aid.cases_legal_help",
        "legal_aid.cases_civil",
        "legal_aid.visits",
        "legal_aid.calls",
    ]
    values = indicator_values(codes, division_or_unit=government.division, year=2024)
    assert [values[c].value for c in codes] == [430, 213, 82, 135, 482, 510]
    assert all(values[c].source == "computed" for c in codes)
    load_legal_aid(context)  # idempotent
    again = indicator_values(["legal_aid.cases"], division_or_unit=government.division, year=2024)
    assert again["legal_aid.cases"].value == 430
