"""The justice bureau's supervision officer opens the December review campaign, sees the sampled
files with their automatic deductions (each citing its article), confirms one and overrides
one with a reason — through the real back office."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from e2e.conftest import e2e_login
from fazhi.core.models import Role
from fazhi.core.testing.factories import TEST_PASSWORD, UserFactory
from fazhi.enforcement import services
from fazhi.enforcement.models import Deduction, DeductionState, ScoreSheet
from fazhi.enforcement.tests.factories import make_case, make_certificate, make_officer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def campaign(unit_a, justice_bureau, office_staff):
    supervisor = UserFactory(username="zfjd", unit=justice_bureau, roles=[Role.CLERK])
    services.supervisor_designate(actor=office_staff, user=supervisor, on=date(2024, 1, 2))
    officers = [make_officer(unit_a, name=n) for n in ("李明", "王强")]
    for officer in officers:
        make_certificate(officer)
    # one officer and no notice before the decision: two automatic deductions
    make_case(
        unit_a, officers=officers[:1], notice_served_on=None, case_number="蒸人社罚〔2024〕8号"
    )
    campaign = services.campaign_create(
        actor=supervisor,
        unit=justice_bureau,
        title="2024年行政执法案卷评查",
        held_on=date(2024, 12, 10),
        window_start=date(2023, 9, 1),
        window_end=date(2024, 8, 31),
        units=[unit_a],
        seed="20241210",
    )
    services.campaign_draw(actor=supervisor, campaign=campaign)
    return supervisor, campaign


@time_machine.travel(datetime(2024, 12, 12, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True)
def test_supervisor_confirms_one_deduction_and_overrides_one(page, campaign, output_dir):
    supervisor, review = campaign
    e2e_login(page, supervisor, TEST_PASSWORD)

    page.goto(f"{page.base_url}/admin/enforcement/reviewcampaign/{review.pk}/change/")
    page.locator("#campaign-sheets").wait_for()
    row = page.locator("tr[data-sheet='蒸人社罚〔2024〕8号']")
    text = row.inner_text()
    assert "执法人员不足两名或未持有效执法证" in text and "第四十二条" in text
    assert "作出决定前未告知或未听取陈述申辩" in text and "第四十四条" in text
    page.screenshot(path=str(output_dir / "campaign.png"), full_page=True)

    row.locator("a").click()
    page.locator("#deductions").wait_for()
    assert page.locator("tr[data-state=proposed]").count() == 2

    page.click("#object-actions a[data-action=confirm]")
    page.select_option("select[name=deduction]", index=1)
    page.click("#action-submit")
    page.locator("#deductions").wait_for()

    page.click("#object-actions a[data-action=override]")
    page.select_option("select[name=deduction]", index=1)
    page.fill("textarea[name=reason]", "卷内有告知书及送达回证，台账漏填告知日期")
    page.click("#action-submit")
    page.locator("#deductions").wait_for()
    assert "卷内有告知书及送达回证" in page.locator("#deductions").inner_text()
    page.screenshot(path=str(output_dir / "sheet.png"), full_page=True)

    sheet = ScoreSheet.objects.get()
    states = sorted(sheet.deductions.values_list("state", flat=True))
    assert states == [DeductionState.CONFIRMED, DeductionState.OVERRIDDEN]
    overridden = Deduction.objects.get(state=DeductionState.OVERRIDDEN)
    assert overridden.override_reason == "卷内有告知书及送达回证，台账漏填告知日期"
    assert overridden.decided_by == supervisor
