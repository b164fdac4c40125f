"""The lifecycle of a normative document: review, discussion, 三统一, filing, entry into force."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError

from fazhi.core.workbench import items_for
from fazhi.deadlines.models import ClockState
from fazhi.deadlines.selectors import clock_for
from fazhi.meetings.models import AgendaItem
from fazhi.normdocs.models import DocState, IssuerKind, NormativeDocument
from fazhi.normdocs.selectors import public_documents
from fazhi.normdocs.services import (
    normdoc_discuss,
    normdoc_draft,
    normdoc_file,
    normdoc_open_consultation,
    normdoc_submit_for_review,
)
from fazhi.normdocs.tests.flow import (
    department_meeting,
    draft,
    publish,
    reviewed_and_discussed,
    submit,
)
from fazhi.review.models import Outcome
from fazhi.review.tests.chain import approve

pytestmark = pytest.mark.django_db


def test_from_draft_to_filing(clerk_a, reviewer, justice_bureau):
    document = draft(clerk_a)
    review = submit(clerk_a, document)
    document.refresh_from_db()
    assert document.state == DocState.LEGALITY_REVIEW
    assert review.reviewer_unit == justice_bureau and review.subject == document
    approve(review, reviewer, on=date(2024, 8, 12), n3_confirmed=True)
    document.refresh_from_db()
    assert document.state == DocState.REVIEW_PASSED
    item = normdoc_discuss(actor=clerk_a, document=document, meeting=department_meeting(clerk_a))
    document.refresh_from_db()
    assert document.state == DocState.DISCUSSED and item.subject == document
    publish(clerk_a, document)
    document.refresh_from_db()
    assert document.state == DocState.PUBLISHED
    assert document.registration_number == "ZXDR-2024-00001"
    clock = clock_for(document, "normdocs.filing")
    # 15 days from Fri 20 Sep 2024 is Sat 5 Oct, inside the 国庆 holiday: rolled to Tue 8 Oct.
    assert clock.due_date == date(2024, 10, 8)
    assert "顺延至 10/8" in clock.explanation
    normdoc_file(actor=clerk_a, document=document, filed_on=date(2024, 10, 8))
    document.refresh_from_db()
    assert document.filed_with == "蒸湘区人民政府（区司法局）"
    assert clock_for(document, "normdocs.filing").state == ClockState.MET
    assert document not in public_documents(on=date(2024, 10, 20))
    assert document in public_documents(on=date(2024, 10, 21))


def test_publishing_before_review_is_refused_naming_the_rules(clerk_a, reviewer):
    document = draft(clerk_a)
    with pytest.raises(ValidationError) as refused:
        publish(clerk_a, document)
    assert "N4" in str(refused.value) and "L1" in str(refused.value)
    review = submit(clerk_a, document)
    with pytest.raises(ValidationError, match="N4"):
        publish(clerk_a, document)
    approve(review, reviewer, on=date(2024, 8, 12), n3_confirmed=True)
    document.refresh_from_db()
    with pytest.raises(ValidationError, match="集体审议"):
        publish(clerk_a, document)
    document.refresh_from_db()
    assert document.state == DocState.REVIEW_PASSED
    assert document.registration_number == "" and document.published_on is None
    assert clock_for(document, "normdocs.filing") is None


def test_discussion_before_a_passed_review_is_refused(clerk_a, reviewer):
    document = draft(clerk_a)
    review = submit(clerk_a, document)
    meeting = department_meeting(clerk_a)
    with pytest.raises(ValidationError, match="115号"):
        normdoc_discuss(actor=clerk_a, document=document, meeting=meeting)
    approve(review, reviewer, on=date(2024, 8, 12), outcome=Outcome.NOT_APPROVED, content_ok=False)
    document.refresh_from_db()
    assert document.state == DocState.DRAFTING
    with pytest.raises(ValidationError):
        normdoc_discuss(actor=clerk_a, document=document, meeting=meeting)
    assert AgendaItem.objects.count() == 0


def test_normative_document_approval_requires_the_n3_confirmation(clerk_a, reviewer):
    review = submit(clerk_a, draft(clerk_a))
    with pytest.raises(ValidationError, match="N3"):
        approve(review, reviewer, on=date(2024, 8, 12))


def test_entry_into_force_is_thirty_days_after_publication_on_the_calendar(clerk_a, reviewer):
    document = reviewed_and_discussed(clerk_a, reviewer)
    # Published Sun 1 Sep 2024: day 30 is Tue 1 Oct, a 国庆 holiday. The 30 days are a minimum
    # interval, not a time limit, so they are not rolled forward (民法典第二百零三条): earliest 1 Oct.
    with pytest.raises(ValidationError) as refused:
        publish(clerk_a, document, published_on=date(2024, 9, 1), effective_on=date(2024, 9, 30))
    assert "2024-10-01" in str(refused.value) and "《湖南省规范性文件管理办法》第二十条" in str(
        refused.value
    )
    publish(clerk_a, document, published_on=date(2024, 9, 1), effective_on=date(2024, 10, 1))
    document.refresh_from_db()
    assert document.effective_on == date(2024, 10, 1)


def test_immediate_entry_into_force_needs_a_recorded_reason(clerk_a, reviewer):
    document = reviewed_and_discussed(clerk_a, reviewer)
    publish(
        clerk_a,
        document,
        published_on=date(2024, 9, 2),
        effective_on=date(2024, 9, 2),
        immediate_effect_reason="上位法已于9月1日施行，延迟施行将有碍其施行。",
    )
    document.refresh_from_db()
    assert document.effective_on == document.published_on


@pytest.mark.parametrize(
    ("number", "reason"),
    [("ZX-2024-1", "格式"), ("蒸湘DR-2024-00001", "格式"), ("ZXDR-2023-00001", "年份")],
)
def test_registration_number_must_match_the_pattern(clerk_a, reviewer, number, reason):
    document = reviewed_and_discussed(clerk_a, reviewer)
    with pytest.raises(ValidationError, match=reason):
        publish(clerk_a, document, number=number)
    document.refresh_from_db()
    assert document.state == DocState.DISCUSSED and document.registration_number == ""


def test_a_registration_number_is_used_once(clerk_a, reviewer):
    first = reviewed_and_discussed(clerk_a, reviewer)
    publish(clerk_a, first, number="ZXDR-2024-00007")
    second = reviewed_and_discussed(clerk_a, reviewer)
    with pytest.raises(ValidationError, match="已被其他文件使用"):
        publish(clerk_a, second, number="ZXDR-2024-00007")
    second.refresh_from_db()
    assert second.state == DocState.DISCUSSED
    assert NormativeDocument.objects.filter(registration_number="ZXDR-2024-00007").count() == 1


def test_filing_before_publication_is_refused(clerk_a, reviewer):
    document = reviewed_and_discussed(clerk_a, reviewer)
    publish(clerk_a, document)
    with pytest.raises(ValidationError, match="报备日期不能早于公布日期"):
        normdoc_file(actor=clerk_a, document=document, filed_on=date(2024, 9, 19))
    document.refresh_from_db()
    assert document.filed_on is None
    assert clock_for(document, "normdocs.filing").is_open


def test_the_filing_clock_is_on_the_clerks_workbench(clerk_a, clerk_b, reviewer):
    document = reviewed_and_discussed(clerk_a, reviewer)
    publish(clerk_a, document)
    with time_machine.travel(date(2024, 9, 25)):
        todos, _warnings = items_for(clerk_a)
        filing = [t for t in todos if t.source == "normdocs"]
        assert [t.due_date for t in filing] == [date(2024, 10, 8)]
        assert "蒸湘区就业见习补贴管理办法" in filing[0].title
        assert not [t for t in items_for(clerk_b)[0] if t.source == "normdocs"]


def test_expiry_warning_fires_within_the_configured_window(clerk_a):
    from fazhi.normdocs.tests.factories import make_published

    soon = make_published(
        clerk_a.unit, published_on=date(2020, 4, 1), valid_until=date(2025, 3, 31)
    )
    later = make_published(
        clerk_a.unit, published_on=date(2022, 4, 1), valid_until=date(2027, 3, 31)
    )
    with time_machine.travel(date(2024, 11, 1)):
        _todos, warnings = items_for(clerk_a)
    titles = [w.title for w in warnings if w.source == "normdocs"]
    assert len(titles) == 1 and soon.title in titles[0] and "2025-03-31" in titles[0]
    assert later.title not in titles[0]


def test_consultation_shorter_than_thirty_days_needs_a_reason(clerk_a):
    document = draft(clerk_a)
    normdoc_open_consultation(actor=clerk_a, document=document, start=date(2024, 6, 3))
    kwargs = {
        "actor": clerk_a,
        "document": document,
        "submitted_on": date(2024, 6, 25),
        "drafting_note": "起草说明",
        "legal_basis": "法律依据",
        "consultation_end": date(2024, 6, 20),
    }
    with pytest.raises(ValidationError, match="国办发〔2018〕37号"):
        normdoc_submit_for_review(**kwargs)
    document.refresh_from_db()
    assert document.state == DocState.CONSULTATION
    normdoc_submit_for_review(**kwargs, consultation_shortened_reason="汛期防汛工作急需。")
    document.refresh_from_db()
    assert document.state == DocState.LEGALITY_REVIEW


def test_bodies_that_may_not_issue_are_refused_n2(clerk_a):
    with pytest.raises(ValidationError, match="N2"):
        normdoc_draft(
            actor=clerk_a,
            title="某议事协调机构文件",
            body="正文",
            issuer_kind=IssuerKind.COORDINATING_BODY,
        )
    assert NormativeDocument.objects.count() == 0
