"""The reconsideration endpoints of the REST API: reads scoped like the back office (the
office's cases and, for the respondent, the cases against it), personal data kept out, and
who may write online applications."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from fazhi.api.models import Scope
from fazhi.api.tokens import token_issue
from fazhi.core.models import Role, User
from fazhi.reconsideration.tests.factories import registered

pytestmark = pytest.mark.django_db


def token(unit, scopes):
    return token_issue(
        actor=None, name="复议系统", unit=unit, scopes=scopes,
        expires_at=timezone.now() + timedelta(days=30),
    )  # fmt: skip


def get(client, raw, url, **params):
    return client.get(url, params, HTTP_AUTHORIZATION=f"Bearer {raw}")


def test_case_read_leaves_personal_data_out(client, recon_officer, justice_bureau, unit_a):
    case = registered(recon_officer, unit_a)
    _t, raw = token(justice_bureau, [Scope.READ])
    body = get(client, raw, f"/api/reconsideration/cases/{case.pk}").json()
    assert body["case_number"] == case.case_number
    assert body["applicant_name"] == "张*"
    assert body["respondent_unit"] == unit_a.pk
    text = str(body)
    for secret in ("430408198001010016", "13800000000", "联合街道", "认定事实不清"):
        assert secret not in text
    assert not {"applicant_id_number", "applicant_phone", "applicant_address", "facts",
                "reasons"} & set(body)  # fmt: skip


def test_the_respondent_sees_the_cases_against_it_and_no_other(
    client, recon_officer, justice_bureau, unit_a, unit_b
):
    against_a = registered(recon_officer, unit_a)
    against_b = registered(recon_officer, unit_b, act_description="另一处罚决定")
    _t, raw_a = token(unit_a, [Scope.READ])
    listed = get(client, raw_a, "/api/reconsideration/cases", year=2024).json()
    assert [row["id"] for row in listed["items"]] == [against_a.pk]
    assert get(client, raw_a, f"/api/reconsideration/cases/{against_b.pk}").status_code == 404
    _t, raw_office = token(justice_bureau, [Scope.READ])
    office = get(client, raw_office, "/api/reconsideration/cases").json()
    assert office["count"] == 2
    assert get(client, raw_office, "/api/reconsideration/cases", year=2023).json()["count"] == 0


def test_only_the_justice_bureau_may_hold_the_write_scope(unit_a, justice_bureau):
    with pytest.raises(ValidationError) as refused:
        token(unit_a, [Scope.WRITE_RECONSIDERATION])
    assert "司法局" in str(refused.value)
    issued, _raw = token(justice_bureau, [Scope.WRITE_RECONSIDERATION])
    account = User.objects.get(pk=issued.account_id)
    assert sorted(account.roles) == sorted([Role.CLERK, Role.RECONSIDERATION_OFFICER])
    reader, _raw = token(justice_bureau, [Scope.READ])
    assert User.objects.get(pk=reader.account_id).roles == [Role.CLERK]


def test_writing_needs_the_scope(client, justice_bureau):
    _t, raw = token(justice_bureau, [Scope.READ])
    response = client.post("/api/reconsideration/applications", {}, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Bearer {raw}")  # fmt: skip
    assert response.status_code == 403
    assert "写入网上行政复议申请" in response.json()["message"]


ONLINE = {
    "number": "WS-2024-0100", "received_on": "2024-03-04", "applicant_kind": "公民",
    "applicant_name": "王五", "applicant_id_type": "居民身份证",
    "applicant_id_number": "43040819920315002X", "respondent": "蒸湘区人力资源和社会保障局",
    "act_type": "行政处罚", "act_description": "罚款决定", "field": "人力资源和社会保障",
    "known_on": "2024-02-02", "request": "撤销罚款决定",
}  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_the_same_application_posted_at_once_twice_registers_one_case(justice_bureau, unit_a):
    """Two calls with one number released together: one registers, the other answers with the
    same case (whether it found the key first, or failed on the key's unique constraint and
    was rolled back with its case; the test cannot force which)."""
    import threading

    from django.db import connection
    from django.test import Client

    from fazhi.reconsideration.models import ReconsiderationCase

    _t, raw = token(justice_bureau, [Scope.READ, Scope.WRITE_RECONSIDERATION])
    barrier, answers = threading.Barrier(2), []

    def call():
        try:
            client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
            barrier.wait()
            response = client.post("/api/reconsideration/applications", ONLINE,
                                   content_type="application/json")  # fmt: skip
            answers.append((response.status_code, response.json()["case"]["id"]))
        finally:
            connection.close()

    threads = [threading.Thread(target=call) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(status for status, _id in answers) == [200, 201]
    assert len({case_id for _status, case_id in answers}) == 1
    assert ReconsiderationCase.objects.count() == 1
    assert ReconsiderationCase.objects.get().case_number == "蒸政复〔2024〕1号"
