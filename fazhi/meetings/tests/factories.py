"""Factories of the meetings register and its isolation factories."""

import itertools
from datetime import date

from fazhi.core.testing.isolation import isolation_factory
from fazhi.meetings.models import (
    AgendaItem,
    AgendaItemKind,
    AgendaOutcome,
    Meeting,
    MeetingKind,
    Minutes,
)

_seq = itertools.count(1)


@isolation_factory("meetings.Meeting")
def make_meeting(unit, **fields) -> Meeting:
    values = {"kind": MeetingKind.EXECUTIVE, "number": next(_seq), "held_on": date(2024, 3, 15)}
    values.update(fields)
    return Meeting.objects.create(unit=unit, **values)


@isolation_factory("meetings.AgendaItem")
def make_item(unit, meeting=None, **fields) -> AgendaItem:
    meeting = meeting or make_meeting(unit)
    values = {
        "order": meeting.items.count() + 1,
        "kind": AgendaItemKind.MAJOR_PROJECT,
        "title": "研究某重点项目推进事宜",
        "outcome": AgendaOutcome.APPROVED,
        "presenting_unit": unit,
    }
    values.update(fields)
    return AgendaItem.objects.create(unit=meeting.unit, meeting=meeting, **values)


@isolation_factory("meetings.Minutes")
def make_minutes(unit, **fields) -> Minutes:
    values = {"number": f"纪要〔2024〕{next(_seq)}号", "title": "专题会议纪要"}
    values.update(fields)
    return Minutes.objects.create(unit=unit, **values)
