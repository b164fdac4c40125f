"""The demo district's 2024 returned figures, entered through the real return path, show as the seed."""

import pytest

from fazhi.core.models import Division
from fazhi.demo.indicators import load_returned_figures
from fazhi.demo.structure import DISTRICT, load_structure
from fazhi.demo.users import load_users
from fazhi.indicators.models import ReturnRevision, ReturnState
from fazhi.indicators.seed import RETURNED, seed_codes
from fazhi.indicators.selectors import findings_for, indicator_values

# The seed report's text for each returned figure (seed-figures.md, 蒸湘区 2024).
SEED_TEXT = {
    "enforcement.exam_passed": "271人",
    "enforcement.officers_removed": "33名",
    "enforcement.training_participants": "100人次",
    "enforcement.case_file_reviews": "1次",
}


@pytest.fixture
def demo(db):
    units = load_structure()
    load_users(units)
    summary = load_returned_figures()
    return Division.objects.get(code=DISTRICT[0]), summary


def test_every_returned_seed_figure_is_covered():
    assert set(SEED_TEXT) == set(seed_codes(RETURNED))


def test_returned_figures_flow_through_a_real_return_to_the_seed_values(demo):
    district, summary = demo
    assert "已报送并接收" in summary and "未完成" not in summary
    values = indicator_values(list(SEED_TEXT), division_or_unit=district, year=2024)
    shown = {code: value.display for code, value in values.items()}
    assert shown == SEED_TEXT
    amount = values["enforcement.exam_passed"]
    (revision,) = amount.provenance.revisions
    assert revision.unit_name == "蒸湘区司法局"
    assert revision.submitted_by and revision.accepted_by and revision.accepted_at
    # every revision was submitted by the unit head and accepted by the office
    revisions = ReturnRevision.objects.filter(unit__division__code=DISTRICT[0])
    assert revisions.exists()
    for revision in revisions:
        assert revision.state == ReturnState.ACCEPTED
        assert "unit_head" in revision.submitted_by.roles
        assert "office_staff" in revision.decided_by.roles
    # and the figures pass the declared consistency rules
    findings = findings_for(
        division_or_unit=district, year=2024, codes=list(SEED_TEXT), compliance=False
    )
    assert findings == []

    # rerunning the step adds nothing
    count = revisions.count()
    assert "已存在" in load_returned_figures()
    assert ReturnRevision.objects.filter(unit__division__code=DISTRICT[0]).count() == count
