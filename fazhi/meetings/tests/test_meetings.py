"""Meetings: the agenda (first-agenda study items of their own kind), the one notion of
collective discussion, and minutes sent for legality review."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from fazhi.meetings.models import AgendaItem, AgendaItemKind, AgendaOutcome, MeetingKind
from fazhi.meetings.services import (
    agenda_item_add,
    meeting_create,
    minutes_create,
    minutes_send_for_review,
)
from fazhi.review.models import ReviewState, SubjectType
from fazhi.review.selectors import reviews_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(office_staff, government):
    return meeting_create(
        actor=office_staff,
        unit=government,
        kind=MeetingKind.EXECUTIVE,
        held_on=date(2024, 3, 15),
        number=5,
    )


def test_first_agenda_study_is_an_item_of_its_own_kind(office_staff, meeting):
    study = agenda_item_add(
        actor=office_staff,
        meeting=meeting,
        kind=AgendaItemKind.FIRST_AGENDA_STUDY,
        title="第一议题：学习习近平法治思想",
        outcome=AgendaOutcome.STUDIED,
    )
    matter = agenda_item_add(
        actor=office_staff,
        meeting=meeting,
        kind=AgendaItemKind.MAJOR_PROJECT,
        title="研究城西片区污水管网改造项目",
        outcome=AgendaOutcome.APPROVED,
    )
    assert (study.order, matter.order) == (1, 2)
    assert list(AgendaItem.objects.discussed()) == [matter]
    with pytest.raises(ValidationError, match="已学习"):
        agenda_item_add(
            actor=office_staff,
            meeting=meeting,
            kind=AgendaItemKind.MAJOR_PROJECT,
            title="某事项",
            outcome=AgendaOutcome.STUDIED,
        )


def test_a_decision_or_document_needs_its_register_entry_to_be_discussed(office_staff, meeting):
    with pytest.raises(ValidationError, match="第二十五条"):
        agenda_item_add(
            actor=office_staff,
            meeting=meeting,
            kind=AgendaItemKind.MAJOR_DECISION,
            title="某重大行政决策",
            outcome=AgendaOutcome.APPROVED,
        )
    assert AgendaItem.objects.count() == 0


def test_only_the_convening_unit_records_its_meetings(clerk_a, clerk_b, meeting, unit_b):
    with pytest.raises(ValidationError, match="召开会议的单位"):
        agenda_item_add(
            actor=clerk_a,
            meeting=meeting,
            kind=AgendaItemKind.OTHER,
            title="某事项",
            outcome=AgendaOutcome.APPROVED,
        )
    own = meeting_create(
        actor=clerk_b, unit=unit_b, kind=MeetingKind.DEPARTMENT, held_on=date(2024, 4, 2)
    )
    assert str(own) == "2024年部门办公会议"


def test_the_same_number_is_used_once_a_year(office_staff, government, meeting):
    with pytest.raises(ValidationError, match="届次"):
        meeting_create(
            actor=office_staff,
            unit=government,
            kind=MeetingKind.EXECUTIVE,
            held_on=date(2024, 9, 1),
            number=5,
        )
    meeting_create(
        actor=office_staff,
        unit=government,
        kind=MeetingKind.EXECUTIVE,
        held_on=date(2025, 3, 1),
        number=5,
    )


def test_presenting_unit_sees_its_items(office_staff, clerk_a, clerk_b, meeting, unit_a):
    item = agenda_item_add(
        actor=office_staff,
        meeting=meeting,
        kind=AgendaItemKind.OTHER,
        title="听取人社局就业工作汇报",
        outcome=AgendaOutcome.NOTED,
        presenting_unit=unit_a,
    )
    assert list(AgendaItem.objects.for_user(clerk_a)) == [item]
    assert list(AgendaItem.objects.for_user(clerk_b)) == []


def test_minutes_are_sent_for_legality_review_before_issue(office_staff, meeting, government):
    minutes = minutes_create(
        actor=office_staff,
        unit=government,
        number="蒸政常纪〔2024〕5号",
        title="区政府第5次常务会议纪要",
        meeting=meeting,
        body="会议研究了城西片区污水管网改造项目。",
    )
    with pytest.raises(ValidationError, match="印发日期"):
        minutes_create(
            actor=office_staff,
            unit=government,
            number="蒸政常纪〔2024〕6号",
            title="纪要",
            meeting=meeting,
            issued_on=date(2024, 3, 1),
        )
    review = minutes_send_for_review(
        actor=office_staff, minutes=minutes, submitted_on=date(2024, 3, 18)
    )
    assert review.subject == minutes and review.subject_type == SubjectType.MINUTES
    assert review.state == ReviewState.IN_REVIEW
    assert list(reviews_for(minutes)) == [review]
