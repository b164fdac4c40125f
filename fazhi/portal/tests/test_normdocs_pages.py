"""The public, read-only pages of normative documents (/portal/normdocs/, moved here from
fazhi.normdocs with their addresses): the documents in force, a document with its published
versions, the published cleanup results, and a district's own list."""

from datetime import date

import pytest

from fazhi.core.testing.factories import UnitFactory
from fazhi.normdocs.models import CleanupKind, CleanupOutcome, CleanupState, DocState
from fazhi.normdocs.services import (
    cleanup_complete,
    cleanup_publish,
    cleanup_set_outcome,
    cleanup_start,
)
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


@pytest.fixture
def documents(unit_a):
    valid = {"valid_until": date(2026, 12, 31)}
    return [
        make_published(unit_a, date(2019, 3, 1), title="蒸湘区见习补贴暂行办法", **valid),
        make_published(unit_a, date(2020, 5, 1), title="蒸湘区职业培训补贴办法", **valid),
        make_published(unit_a, date(2021, 6, 1), title="蒸湘区创业担保贷款办法", **valid),
    ]


def test_the_published_result_list_is_on_the_public_page(client, clerk_a, documents):
    campaign = cleanup_start(
        actor=clerk_a,
        kind=CleanupKind.FAIR_COMPETITION,
        year=2024,
        title="2024年妨碍统一市场和公平竞争的政策措施清理",
        started_on=date(2024, 7, 1),
        cutoff_on=date(2024, 6, 30),
    )
    for item in campaign.items.all():
        cleanup_set_outcome(actor=clerk_a, item=item, outcome=CleanupOutcome.REMAINS_VALID)
    hidden = client.get("/portal/normdocs/cleanups/2024/")
    assert hidden.status_code == 404  # not published yet
    cleanup_complete(actor=clerk_a, campaign=campaign, on=date(2024, 9, 1))
    cleanup_publish(actor=clerk_a, campaign=campaign, on=date(2024, 9, 2))
    assert campaign.state == CleanupState.PUBLISHED
    page = client.get("/portal/normdocs/cleanups/2024/").content.decode()
    assert "妨碍统一市场和公平竞争" in page and "继续有效的规范性文件目录（3件）" in page


def test_search_by_title_or_full_text(client, unit_a):
    make_published(
        unit_a, title="见习补贴办法", body="第一条 见习补贴。", valid_until=date(2099, 1, 1)
    )
    make_published(unit_a, title="培训办法", body="第一条 创业培训。", valid_until=date(2099, 1, 1))
    page = client.get("/portal/normdocs/", {"q": "创业"}).content.decode()
    assert "培训办法" in page and "见习补贴办法" not in page


def test_a_document_shows_its_published_versions(client, district, published):
    current, old = published["document"], published["old_document"]
    unpublished = make_document(current.unit, title="蒸湘区就业见习补贴办法（修订草案）",
                                supersedes=current)  # fmt: skip
    page = client.get(f"/portal/normdocs/{current.registration_number}/").content.decode()
    assert "历次版本" in page
    assert old.registration_number in page and "蒸湘区就业见习补贴暂行办法" in page
    assert unpublished.title not in page
    # the repealed version is still published: reachable by its number, with the same history
    earlier = client.get(f"/portal/normdocs/{old.registration_number}/").content.decode()
    assert "废止" in earlier and current.registration_number in earlier


def test_a_districts_list_holds_only_its_units_documents(client, district, other_district, unit_a):
    make_published(unit_a, title="本区的办法", valid_until=date(2099, 1, 1))
    make_published(UnitFactory(division=other_district), title="外区的办法",
                   valid_until=date(2099, 1, 1))  # fmt: skip
    page = client.get(f"/portal/{district.code}/normdocs/").content.decode()
    assert "本区的办法" in page and "外区的办法" not in page
    assert client.get("/portal/999999/normdocs/").status_code == 404
