"""Job fairs: employers and positions from the recruitment platform's list (one import path),
and the `employment.*` figures counted by hand."""

from datetime import date

import pytest

from fazhi.core.imports import run_import
from fazhi.core.models import Role
from fazhi.core.testing.factories import UserFactory
from fazhi.core.xlsx import ImportProblems, build_workbook
from fazhi.employment.imports import POSITION_COLUMNS, POSITION_IMPORT
from fazhi.employment.models import FairKind
from fazhi.employment.services import fair_record_outcome, fair_register
from fazhi.indicators.selectors import indicator_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(unit_a):
    return UserFactory(username="hr_clerk", unit=unit_a, roles=[Role.CLERK])


def test_fairs_and_the_platform_list(clerk, district):
    fair = fair_register(
        actor=clerk,
        name="春风行动",
        kind=FairKind.ONSITE,
        held_on=date(2024, 2, 20),
        organiser="区人社局",
    )
    stream = fair_register(
        actor=clerk,
        name="直播带岗一期",
        kind=FairKind.LIVESTREAM,
        held_on=date(2024, 5, 8),
        organiser="区人社局",
    )
    fair_register(
        actor=clerk,
        name="2023年末招聘会",
        kind=FairKind.ONLINE,
        held_on=date(2023, 12, 8),
        organiser="区人社局",
    )
    rows = [
        ["春风行动", "甲公司", "", "普工", 30],
        ["春风行动", "甲公司", "", "电工", 5],
        ["春风行动", "乙公司", "", "会计", 2],
        ["直播带岗一期", "丙公司", "", "主播", 4],
    ]  # fmt: skip
    header = [c.header for c in POSITION_COLUMNS]
    result = run_import(POSITION_IMPORT, build_workbook(header, rows), actor=clerk)
    assert result.created == 4
    fair_record_outcome(actor=clerk, fair=fair, applicants=300, matches=41, leaflets=12345)
    fair_record_outcome(actor=clerk, fair=stream, applicants=0, matches=0, views=5000)
    values = indicator_values(None, division_or_unit=district, year=2024)
    got = {c: values[c].value for c in (
        "employment.job_fairs", "employment.job_fair_employers", "employment.job_fair_positions",
        "employment.job_fair_matches", "employment.job_fair_leaflets", "employment.livestream_fairs",
        "employment.livestream_employers", "employment.livestream_positions",
    )}  # fmt: skip
    assert got == {
        "employment.job_fairs": 1, "employment.job_fair_employers": 2,
        "employment.job_fair_positions": 37, "employment.job_fair_matches": 41,
        "employment.job_fair_leaflets": 12345, "employment.livestream_fairs": 1,
        "employment.livestream_employers": 1, "employment.livestream_positions": 4,
    }  # fmt: skip
    assert values["employment.job_fair_leaflets"].display == "12340余份"


def test_an_unknown_fair_is_named_and_nothing_written(clerk):
    header = [c.header for c in POSITION_COLUMNS]
    with pytest.raises(ImportProblems) as caught:
        run_import(
            POSITION_IMPORT,
            build_workbook(header, [["无此招聘会", "甲公司", "", "普工", 3]]),
            actor=clerk,
        )
    assert [str(e) for e in caught.value.errors] == ["第2行“招聘会”列：招聘会“无此招聘会”未登记"]
