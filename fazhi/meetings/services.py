"""Writes of the meetings register: meetings, agenda items (collective discussion), minutes."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from fazhi.meetings.models import AgendaItem, Meeting, Minutes
from fazhi.meetings.signals import discussion_recorded, discussion_requested
from fazhi.meetings.workflow import may_discuss, may_record
from fazhi.review.models import MaterialKind, SubjectType
from fazhi.review.selectors import discussion_too_early, passed_review_for
from fazhi.review.services import review_submit


def _require(verdict) -> None:
    if not verdict:
        raise ValidationError(verdict.reason, code="transition_refused")


@transaction.atomic
def meeting_create(
    *,
    actor,
    unit,
    kind: str,
    held_on: date,
    number: int | None = None,
    title: str = "",
    chair: str = "",
    attendees: str = "",
    location: str = "",
    advisors_present=(),
) -> Meeting:
    meeting = Meeting(
        unit=unit,
        kind=kind,
        held_on=held_on,
        number=number,
        title=title,
        chair=chair,
        attendees=attendees,
        location=location,
    )
    _require(may_record(actor, meeting))
    meeting.full_clean()
    meeting.save()
    if advisors_present:
        meeting.advisors_present.set(advisors_present)
    return meeting


@transaction.atomic
def agenda_item_add(
    *,
    actor,
    meeting: Meeting,
    kind: str,
    title: str,
    outcome: str,
    presenting_unit=None,
    subject=None,
    order: int | None = None,
    dissent: str = "",
    head_decision: str = "",
    departs_from_majority_reason: str = "",
) -> AgendaItem:
    """Record one matter discussed at `meeting` (D12). A draft decision or normative document is
    refused unless it passed legality review and, where required, the advisors' opinion is on
    record (L1, L5); the subject's register may refuse further (D11) through
    `discussion_requested`."""
    _require(may_discuss(actor, meeting, kind=kind, subject=subject, outcome=outcome))
    if subject is not None:
        discussion_requested.send(
            sender=type(subject), subject=subject, meeting=meeting, actor=actor
        )
    if order is None:
        order = (meeting.items.aggregate(Max("order"))["order__max"] or 0) + 1
    item = AgendaItem(
        unit=meeting.unit,
        meeting=meeting,
        order=order,
        kind=kind,
        title=title.strip(),
        presenting_unit=presenting_unit,
        outcome=outcome,
        dissent=dissent,
        head_decision=head_decision,
        departs_from_majority_reason=departs_from_majority_reason,
    )
    if subject is not None:
        item.subject_ct = ContentType.objects.get_for_model(type(subject))
        item.subject_id = subject.pk
        review = passed_review_for(subject)
        if review is not None:
            item.review_period_warning = discussion_too_early(review, meeting.held_on)[:255]
    item.full_clean()
    item.save()
    if subject is not None:
        discussion_recorded.send(sender=type(subject), subject=subject, item=item, actor=actor)
    return item


@transaction.atomic
def minutes_create(
    *,
    actor,
    unit,
    number: str,
    title: str,
    meeting: Meeting | None = None,
    meeting_name: str = "",
    issued_on: date | None = None,
    body: str = "",
) -> Minutes:
    minutes = Minutes(
        unit=unit,
        meeting=meeting,
        meeting_name=meeting_name or (str(meeting) if meeting else ""),
        number=number.strip(),
        title=title.strip(),
        issued_on=issued_on,
        body=body,
    )
    minutes.full_clean()
    minutes.save()
    return minutes


@transaction.atomic
def minutes_send_for_review(
    *, actor, minutes: Minutes, submitted_on: date, materials: list[dict] | None = None
):
    """Send minutes to the justice bureau for legality review before they are issued."""
    if minutes.issued_on is not None and submitted_on > minutes.issued_on:
        raise ValidationError({"submitted_on": "会议纪要应在印发前送审。"})
    materials = materials or [
        {
            "kind": MaterialKind.DRAFT,
            "title": f"{minutes.title}（送审稿）",
            "note": minutes.body[:2000],
        }
    ]
    return review_submit(
        actor=actor,
        unit=minutes.unit,
        subject_type=SubjectType.MINUTES,
        title=minutes.title,
        submitted_on=submitted_on,
        materials=materials,
        subject=minutes,
    )
