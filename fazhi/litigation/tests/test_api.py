"""The litigation endpoints of the REST API: the owning unit's and the defendant's lawsuits,
the plaintiff masked, no identity number."""

from datetime import timedelta

import pytest
from django.utils import timezone

from fazhi.api.models import Scope
from fazhi.api.tokens import token_issue
from fazhi.litigation.models import Lawsuit
from fazhi.litigation.tests.factories import lawsuit_data

pytestmark = pytest.mark.django_db


def reader(unit):
    _token, raw = token_issue(
        actor=None, name="应诉系统", unit=unit, scopes=[Scope.READ],
        expires_at=timezone.now() + timedelta(days=30),
    )  # fmt: skip
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_lawsuits_of_the_unit_and_against_it_plaintiff_masked(
    client, justice_bureau, unit_a, unit_b
):
    against_a = Lawsuit.objects.create(unit=justice_bureau, **lawsuit_data(unit_a))
    against_b = Lawsuit.objects.create(unit=justice_bureau, **lawsuit_data(unit_b))
    listed = client.get("/api/litigation/lawsuits", **reader(unit_a)).json()
    assert [row["id"] for row in listed["items"]] == [against_a.pk]
    assert (
        client.get(f"/api/litigation/lawsuits/{against_b.pk}", **reader(unit_a)).status_code == 404
    )

    body = client.get(f"/api/litigation/lawsuits/{against_a.pk}", **reader(unit_a)).json()
    assert body["plaintiff_name"] == "李*"
    assert body["defendant_unit"] == unit_a.pk
    assert body["court_case_number"] == against_a.court_case_number
    assert "430408198001010016" not in str(body)
    assert "plaintiff_id_number" not in body

    office = client.get("/api/litigation/lawsuits", {"year": 2024}, **reader(justice_bureau))
    assert office.json()["count"] == 2
    filed_2023 = client.get("/api/litigation/lawsuits", {"year": 2023}, **reader(justice_bureau))
    assert filed_2023.json()["count"] == 0
