from datetime import date

import pytest
import time_machine
from django.urls import reverse

from fazhi.litigation.models import Lawsuit, LawsuitHearing
from fazhi.reconsideration.tests.factories import PERSON_ID

pytestmark = pytest.mark.django_db


@time_machine.travel(date(2024, 5, 6), tick=False)
def test_register_a_lawsuit_and_record_the_head_at_the_hearing(
    verified_client, recon_officer, unit_a
):
    client = verified_client(recon_officer)
    response = client.post(
        reverse("admin:litigation_lawsuit_add"),
        {
            "court": "衡阳市蒸湘区人民法院",
            "court_case_number": "（2024）湘0408行初9号",
            "instance": "first",
            "plaintiff_kind": "person",
            "plaintiff_name": "李四",
            "plaintiff_id_type": "resident_id",
            "plaintiff_id_number": PERSON_ID,
            "defendant_unit": unit_a.pk,
            "act_type": "penalty",
            "contested_act": "罚款决定",
            "field": "human_resources",
            "filed_on": "2024-04-01",
            "complaint_received_on": "2024-04-03",
        },
    )
    lawsuit = Lawsuit.objects.get()
    assert response.status_code == 302
    assert lawsuit.defence_due_on == date(2024, 4, 18)
    page = client.get(
        reverse("admin:litigation_lawsuit_change", args=[lawsuit.pk])
    ).content.decode()
    assert "答辩举证截止" in page and 'data-step="record_hearing"' in page
    step = reverse("admin:litigation_lawsuit_step", args=[lawsuit.pk, "record_hearing"])
    refused = client.post(
        step,
        {
            "expected_version": lawsuit.version,
            "held_on": "2024-05-06",
            "appearance": "lawyer_only",
            "lawyer_names": "周律师",
        },
    )
    assert "第一百二十九条第三款" in refused.content.decode()
    done = client.post(
        step,
        {
            "expected_version": lawsuit.version,
            "held_on": "2024-05-06",
            "appearance": "head",
            "head_name": "李强",
            "head_rank": "principal",
            "head_title": "局长",
        },
    )
    assert done.status_code == 302
    assert LawsuitHearing.objects.get().head_appeared


def test_the_defendant_reads_the_plaintiffs_id_number_masked(
    verified_client, recon_officer, head_a, unit_a
):
    """D2 (security.md): the defendant unit's head reads the lawsuit but cannot edit it: the
    plaintiff's ID number 430408198001010016 is shown as 430408********0016."""
    from fazhi.litigation import services
    from fazhi.litigation.tests.factories import lawsuit_data

    lawsuit = services.lawsuit_register(actor=recon_officer, **lawsuit_data(unit_a))
    page = verified_client(head_a).get(
        reverse("admin:litigation_lawsuit_change", args=[lawsuit.pk])
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "430408********0016" in html and PERSON_ID not in html
