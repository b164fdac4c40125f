"""Indicators of the meetings register (seed 一(三)): executive meetings and matters discussed."""

from fazhi.indicators.registry import Kind, computed
from fazhi.meetings.models import AgendaItem, Meeting, MeetingKind

DOMAIN = "依法决策"


@computed(
    code="decisions.executive_meetings",
    name="区政府常务会议",
    domain=DOMAIN,
    measure="次",
    kind=Kind.COUNT,
    formula="年度内召开的政府常务会议次数",
)
def executive_meetings(scope):
    return Meeting.objects.filter(
        unit__in=scope.units,
        kind=MeetingKind.EXECUTIVE,
        held_on__range=(scope.start, scope.end),
    )


@computed(
    code="decisions.items_discussed",
    name="常务会议集体研究讨论重大事项、重点项目",
    domain=DOMAIN,
    measure="项",
    kind=Kind.COUNT,
    formula="年度内政府常务会议审议的议题数（不含第一议题学习）",
    approximate=2,
)
def items_discussed(scope):
    return AgendaItem.objects.discussed().filter(
        unit__in=scope.units,
        meeting__kind=MeetingKind.EXECUTIVE,
        meeting__held_on__range=(scope.start, scope.end),
    )
