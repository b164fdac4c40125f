"""The public, read-only list of normative documents in force (/portal/normdocs/)."""

from datetime import date

import pytest

from fazhi.normdocs.models import DocState
from fazhi.normdocs.tests.factories import make_document, make_published

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_read_documents_in_force_with_full_text(client, unit_a):
    in_force = make_published(
        unit_a, published_on=date(2022, 3, 1), valid_until=date(2099, 1, 1), title="现行办法"
    )
    make_published(
        unit_a,
        published_on=date(2020, 3, 1),
        valid_until=date(2099, 1, 1),
        title="已废止办法",
        state=DocState.REPEALED,
    )
    make_document(unit_a, title="尚在起草的办法")
    page = client.get("/portal/normdocs/").content.decode()
    assert "现行办法" in page and in_force.registration_number in page
    assert "已废止办法" not in page and "尚在起草的办法" not in page
    detail = client.get(f"/portal/normdocs/{in_force.registration_number}/")
    assert detail.status_code == 200 and in_force.body in detail.content.decode()
    assert client.get("/portal/normdocs/ZXDR-2099-99999/").status_code == 404
    assert client.post("/portal/normdocs/").status_code == 405
