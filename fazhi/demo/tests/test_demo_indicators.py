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
    "study.exec_meeting_study_sessions": "20次",
    "study.public_duty_reports": "5个单位",
    "study.committee_meetings": "1次",
    "enforcement.exam_passed": "271人",
    "enforcement.officers_removed": "33名",
    "enforcement.training_participants": "100人次",
    "enforcement.case_file_reviews": "1次",
    "study.law_exam_participation_rate": "100%",
    "study.law_exam_registration_rate": "100%",
    "study.law_exam_sitting_rate": "100%",
    "study.law_exam_pass_rate": "100%",
    "publicity.events": "40余次",
    "publicity.materials": "3万余份",
    "publicity.consultations": "400余次",
    "publicity.livestreams": "2次",
    "publicity.livestream_views": "1700余人次",
    "publicity.livestream_likes": "8000余次",
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
    assert values["publicity.materials"].exact_display == "30215份"
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
