"""Full-text search over title and body with pg_trgm (`LIKE '%term%'`, GIN trigram indexes)."""

from datetime import date

import pytest
from django.db import connection

from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.selectors import document_search, public_documents
from fazhi.normdocs.tests.factories import make_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(unit_a):
    return {
        "subsidy": make_published(
            unit_a,
            title="蒸湘区就业见习补贴管理办法",
            body="见习单位应当为见习人员购买人身意外伤害保险。",
        ),
        "housing": make_published(
            unit_a,
            title="蒸湘区老旧小区改造管理办法",
            body="改造资金实行专户管理，专款专用。",
        ),
        "market": make_published(
            unit_a,
            title="关于优化营商环境的若干措施",
            body="对新设立企业免费刻制印章，推行一网通办。",
        ),
    }


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("补贴", {"subsidy"}),  # two characters, in the title
        ("专户", {"housing"}),  # two characters, only in the body
        ("营商环境", {"market"}),  # four characters, title
        ("一网通", {"market"}),  # three characters, only in the body
        ("管理办法", {"subsidy", "housing"}),
        ("刻章", set()),
    ],
)
def test_two_and_three_character_chinese_terms_are_found(clerk_a, corpus, term, expected):
    found = {key for key, doc in corpus.items() if doc in document_search(user=clerk_a, term=term)}
    assert found == expected


def test_search_stays_within_what_the_user_may_see(clerk_b, corpus):
    assert list(document_search(user=clerk_b, term="补贴")) == []
    assert corpus["subsidy"] in public_documents(on=date(2024, 1, 1), search="补贴")


def test_three_character_terms_can_use_the_trigram_index(corpus):
    queryset = NormativeDocument.objects.search("一网通")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = queryset.explain()
    assert "normdoc_body_trgm" in plan and "normdoc_title_trgm" in plan


def test_the_admin_search_box_uses_the_same_search(client, clerk_a, corpus):
    client.force_login(clerk_a)
    page = client.get("/admin/normdocs/normativedocument/", {"q": "专户"}).content.decode()
    assert "老旧小区改造" in page and "就业见习" not in page
