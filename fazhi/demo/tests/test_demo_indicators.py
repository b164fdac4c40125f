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
    "disclosure.items_published": "1877条",
    "disclosure.interpretations": "49篇",
    "disclosure.letters_answered": "86封",
    "services.applications": "49287件",
    "services.applications_online": "31890件",
    "services.applications_onsite": "17397件",
    "services.consultations_remote": "52435人次",
    "services.visitors_onsite": "24341人次",
    "services.on_time_rate": "100%",
    "services.free_seals": "1850家",
    "services.free_mailings": "48次",
    "services.free_prints": "9584人次",
    "services.windows": "28个",
    "services.stationed_units": "23个",
    "services.one_thing_items_active": "15项",
    "services.one_thing_applications": "27794件",
    "services.online_platform_units": "19个",
    "services.items_claimed": "351项",
    "services.online_platform_applications": "1326件",
    "employment.job_fairs": "17场",
    "employment.job_fair_employers": "1048家",
    "employment.job_fair_positions": "27933个",
    "employment.job_fair_matches": "4212人",
    "employment.job_fair_leaflets": "14730余份",
    "employment.livestream_fairs": "8场",
    "employment.livestream_employers": "387家",
    "employment.livestream_positions": "9893个",
    "enforcement.exam_passed": "271人",
    "enforcement.officers_removed": "33名",
    "enforcement.training_participants": "100人次",
    "enforcement.case_file_reviews": "1次",
    "legal_aid.cases": "430件",
    "legal_aid.cases_criminal": "213件",
    "legal_aid.cases_legal_help": "82件",
    "legal_aid.cases_civil": "135件",
    "legal_aid.visits": "482人次",
    "legal_aid.calls": "510人次",
    "mediation.medical_cases": "21起",
    "mediation.medical_success": "21起",
    "mediation.medical_amount": "304.62万元",
    "corrections.training_participants": "60名",
    "corrections.training_graduates": "48名",
    "corrections.cases_reviewed": "60件",
    "corrections.cases_failed": "0件",
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
    amount = values["mediation.medical_amount"]
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
