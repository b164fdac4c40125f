"""The back-office pages of the three registers answer every page with 200/302/404 — never a
500 — and bad input comes back onto the form with nothing written."""

from datetime import date

import pytest
from django.urls import reverse

from fazhi.core.models import Role
from fazhi.core.sensitivity import Sensitivity
from fazhi.core.testing.factories import UserFactory
from fazhi.corrections import services as corrections
from fazhi.corrections.models import Subject
from fazhi.legal_aid.models import AidCase
from fazhi.legal_aid.tests.factories import resident_id
from fazhi.mediation import services as mediation
from fazhi.mediation.models import Dispute

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(justice_bureau):
    return UserFactory(
        username="psl_officer",
        unit=justice_bureau,
        roles=[Role.CLERK],
        clearances=[Sensitivity.SENSITIVE, Sensitivity.MINOR],
    )


def registration(**overrides):
    data = {
        "origin": "application",
        "channel": "visit",
        "category": "civil",
        "matter": "labour",
        "received_on": "2024-05-06",
        "applicant_name": "郑某",
        "applicant_gender": "male",
        "applicant_id_number": resident_id("19700707", 5),
        "summary": "讨薪",
        "means_test": "passed",
    }
    data.update(overrides)
    return data


def test_legal_aid_pages(client, officer):
    client.force_login(officer)
    add = reverse("admin:legal_aid_aidcase_add")
    assert client.get(add).status_code == 200
    bad = client.post(add, registration(applicant_id_number="430408197007070000"))
    assert bad.status_code == 200 and "校验位" in bad.content.decode()
    assert AidCase.objects.count() == 0
    response = client.post(add, registration())
    case = AidCase.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{case.pk}/change/")
    page = client.get(reverse("admin:legal_aid_aidcase_change", args=[case.pk]))
    assert page.status_code == 200 and "《法律援助法》第四十三条" in page.content.decode()
    for action in ("means", "request_correction", "grant", "refuse", "urgent_aid"):
        url = reverse("admin:legal_aid_aidcase_action", args=[case.pk, action])
        assert client.get(url).status_code == 200, action
    # assigning before a grant: the button shows the refusal; the page is a 404 (not this state)
    assign = reverse("admin:legal_aid_aidcase_action", args=[case.pk, "assign"])
    assert client.get(assign).status_code == 404
    refused = client.post(
        reverse("admin:legal_aid_aidcase_action", args=[case.pk, "request_correction"]),
        {"on": "2024-05-07", "items": " "},
    )
    assert refused.status_code == 200
    case.refresh_from_db()
    assert case.state == "received"
    document = reverse("admin:legal_aid_aidcase_document", args=[case.pk, "assignment_notice"])
    assert client.get(document).status_code == 404
    assert (
        client.get(
            reverse("admin:legal_aid_aidcase_document", args=[case.pk, "acceptance_notice"])
        ).status_code
        == 200
    )
    for name in ("notice", "statistics"):
        url = reverse(f"admin:legal_aid_aidcase_{name}")
        assert client.get(url, {"year": "2024"}).status_code == 200
        assert client.get(url, {"year": "abc"}).status_code == 200
    for model in ("consultation", "subsidyrate", "documenttemplate"):
        assert client.get(reverse(f"admin:legal_aid_{model}_add")).status_code == 200
        assert client.get(reverse(f"admin:legal_aid_{model}_changelist")).status_code == 200
    assert client.get(reverse("admin:legal_aid_aidcase_import")).status_code == 200
    personal = client.post(
        reverse("admin:legal_aid_aidcase_changelist"),
        {"action": "export_personal", "_selected_action": [case.pk]},
    )
    assert personal.status_code == 200 and "导出用途" in personal.content.decode()
    export = client.post(
        reverse("admin:legal_aid_aidcase_changelist"),
        {
            "action": "export_personal",
            "_selected_action": [case.pk],
            "apply": "1",
            "reason": "年度案件核对",
        },
    )
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_mediation_pages(client, officer):
    client.force_login(officer)
    committee = mediation.committee_register(
        actor=officer, name="某村人民调解委员会", kind="village"
    )
    add = reverse("admin:mediation_dispute_add")
    assert client.get(add).status_code == 200
    data = {
        "committee": committee.pk,
        "dispute_type": "neighbour",
        "source": "application",
        "amount": "0",
        "difficulty": "simple",
        "received_on": "2024-05-06",
        "summary": "排水纠纷",
        "party1_role": "applicant",
        "party1_name": "甲",
        "party1_consent": "consented",
        "party2_role": "respondent",
        "party2_name": "乙",
        "party2_consent": "refused",
        "party3_role": "other",
        "party3_consent": "pending",
    }
    response = client.post(add, data)
    dispute = Dispute.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("admin:mediation_dispute_change", args=[dispute.pk])).content.decode()
    assert "明确拒绝调解，不得调解" in page and "《人民调解法》第十七条" in page
    start = client.post(
        reverse("admin:mediation_dispute_action", args=[dispute.pk, "start"]), {"on": "2024-05-07"}
    )
    assert start.status_code == 200 and "第十七条" in start.content.decode()
    dispute.refresh_from_db()
    assert dispute.state == "registered"
    for action in ("consent", "decline", "withdraw"):
        url = reverse("admin:mediation_dispute_action", args=[dispute.pk, action])
        assert client.get(url).status_code == 200, action
    for model in ("committee", "mediator", "subsidyrate"):
        assert client.get(reverse(f"admin:mediation_{model}_add")).status_code == 200
    assert (
        client.get(reverse("admin:mediation_dispute_statistics"), {"year": "2024"}).status_code
        == 200
    )


def test_corrections_pages(client, officer):
    client.force_login(officer)
    assert client.get(reverse("admin:corrections_subject_add")).status_code == 200
    subject = corrections.subject_register(
        actor=officer,
        name="某某",
        gender="male",
        id_number=resident_id("19800101", 9),
        address="某路",
        crime="盗窃罪",
        sentence_kind="probation",
        deciding_organ="人民法院",
        effective_on=date(2024, 5, 6),
        term_start=date(2024, 5, 6),
        term_end=date(2025, 5, 5),
    )
    assert (
        client.get(reverse("admin:corrections_subject_change", args=[subject.pk])).status_code
        == 200
    )
    url = reverse("admin:corrections_subject_action", args=[subject.pk, "report_in"])
    assert client.get(url).status_code == 200
    assert client.post(url, {"on": "2024-05-01"}).status_code == 200  # before effective: refused
    assert Subject.objects.get().state == "awaiting_report"
    assert client.post(url, {"on": "2024-05-08"}).status_code == 302
    for action in ("receive", "team", "terminate", "lose_contact"):
        url = reverse("admin:corrections_subject_action", args=[subject.pk, action])
        assert client.get(url).status_code == 200, action
    for model in ("trainingclass", "crossreview", "competition"):
        assert client.get(reverse(f"admin:corrections_{model}_changelist")).status_code == 200
