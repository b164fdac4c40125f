"""Cleanup campaigns (N9) and incidental review (N11)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.normdocs.models import (
    CleanupKind,
    CleanupOutcome,
    DocState,
    IncidentalOutcome,
    IncidentalSource,
)
from fazhi.normdocs.selectors import cleanup_result_lists, public_documents
from fazhi.normdocs.services import (
    cleanup_complete,
    cleanup_publish,
    cleanup_set_outcome,
    cleanup_start,
    incidental_review_decide,
    incidental_review_open,
)
from fazhi.normdocs.tests.factories import make_published

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(unit_a):
    valid = {"valid_until": date(2026, 12, 31)}
    return [
        make_published(unit_a, date(2019, 3, 1), title="蒸湘区见习补贴暂行办法", **valid),
        make_published(unit_a, date(2020, 5, 1), title="蒸湘区职业培训补贴办法", **valid),
        make_published(unit_a, date(2021, 6, 1), title="蒸湘区创业担保贷款办法", **valid),
        make_published(unit_a, date(2024, 8, 1), title="清理截止日后公布的文件", **valid),
    ]


def test_periodic_cleanup_scope_outcomes_and_published_lists(clerk_a, documents):
    campaign = cleanup_start(
        actor=clerk_a,
        kind=CleanupKind.PERIODIC,
        year=2024,
        title="2024年规范性文件定期清理",
        started_on=date(2024, 7, 1),
        cutoff_on=date(2024, 6, 30),
    )
    items = {item.document.title: item for item in campaign.items.select_related("document")}
    assert set(items) == {d.title for d in documents[:3]}  # the later one is out of scope
    with pytest.raises(ValidationError, match="尚有3件文件未作出清理结论"):
        cleanup_complete(actor=clerk_a, campaign=campaign, on=date(2024, 9, 10))
    with pytest.raises(ValidationError, match="理由"):
        cleanup_set_outcome(
            actor=clerk_a,
            item=items["蒸湘区见习补贴暂行办法"],
            outcome=CleanupOutcome.DECLARE_INVALID,
        )
    cleanup_set_outcome(
        actor=clerk_a,
        item=items["蒸湘区见习补贴暂行办法"],
        outcome=CleanupOutcome.DECLARE_INVALID,
        reason="调整对象已消失",
    )
    cleanup_set_outcome(
        actor=clerk_a, item=items["蒸湘区职业培训补贴办法"], outcome=CleanupOutcome.REMAINS_VALID
    )
    cleanup_set_outcome(
        actor=clerk_a,
        item=items["蒸湘区创业担保贷款办法"],
        outcome=CleanupOutcome.REPEAL,
        reason="与新修订的上位法不一致",
    )
    cleanup_complete(actor=clerk_a, campaign=campaign, on=date(2024, 9, 10))
    invalid = documents[0]
    invalid.refresh_from_db()
    assert invalid.state == DocState.PUBLISHED  # outcomes apply on publication of the lists
    cleanup_publish(
        actor=clerk_a, campaign=campaign, on=date(2024, 9, 20), url="http://www.zx.gov.cn/ql"
    )
    for document in documents:
        document.refresh_from_db()
    assert documents[0].state == DocState.DECLARED_INVALID
    assert documents[0].ended_on == date(2024, 9, 20)
    assert documents[1].state == DocState.PUBLISHED
    assert documents[2].state == DocState.REPEALED
    lists = cleanup_result_lists(campaign)
    assert [i.document.title for i in lists["宣布失效"]] == ["蒸湘区见习补贴暂行办法"]
    assert [i.document.title for i in lists["继续有效"]] == ["蒸湘区职业培训补贴办法"]
    assert [i.document.title for i in lists["废止"]] == ["蒸湘区创业担保贷款办法"]
    in_force = public_documents(on=date(2024, 10, 1))
    assert (
        documents[1] in in_force and documents[0] not in in_force and documents[2] not in in_force
    )


def test_incidental_review_from_reconsideration_suspends_an_unlawful_document(
    recon_officer, unit_a
):
    document = make_published(unit_a, published_on=date(2022, 3, 1))
    review = incidental_review_open(
        actor=recon_officer,
        document=document,
        source=IncidentalSource.RECONSIDERATION,
        case_number="蒸政复〔2024〕12号",
        received_on=date(2024, 5, 6),
    )
    assert review.unit == recon_officer.unit
    incidental_review_decide(
        actor=recon_officer,
        review=review,
        outcome=IncidentalOutcome.STOP_AND_CORRECT,
        decided_on=date(2024, 5, 30),
        note="第五条增设了上位法没有规定的条件。",
    )
    document.refresh_from_db()
    assert document.suspended and document.pending_amendment
    assert document not in public_documents(on=date(2024, 6, 1))


def test_incidental_review_links_the_reconsideration_case_by_its_number(recon_officer, unit_a):
    from django.apps import apps

    from fazhi.core.testing.isolation import factory_for

    # through the isolation registry: normdocs imports no other register, tests included
    case = factory_for(apps.get_model("reconsideration", "ReconsiderationCase"))(recon_officer.unit)
    document = make_published(unit_a, published_on=date(2022, 3, 1))
    review = incidental_review_open(
        actor=recon_officer,
        document=document,
        source=IncidentalSource.RECONSIDERATION,
        case_number=case.case_number,
        received_on=date(2024, 5, 6),
    )
    assert review.reconsideration_case == case
    litigation = incidental_review_open(
        actor=recon_officer,
        document=document,
        source=IncidentalSource.LITIGATION,
        case_number="（2024）湘0408行初12号",
        received_on=date(2024, 6, 3),
    )
    assert litigation.reconsideration_case is None
