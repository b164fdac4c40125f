"""Who may record meetings and what a collective discussion requires (D12, L1).

A meeting has no state machine: it is a record of what was held. The guards here decide who may
record it, and the L1 gate (`fazhi.review.gates`) decides which subjects may be discussed.
"""

from fazhi.core.models import Role
from fazhi.core.workflow import ALLOW, Verdict, first_refusal, refuse
from fazhi.meetings.models import AgendaItemKind, AgendaOutcome
from fazhi.review.gates import discussion_verdict

SUBJECT_REQUIRED_KINDS = (AgendaItemKind.MAJOR_DECISION, AgendaItemKind.NORMATIVE_DOCUMENT)


def may_record(user, meeting) -> Verdict:
    """The convening unit records its meetings (the office may record for any unit it oversees)."""
    if user.is_superuser or user.has_role(Role.OFFICE_STAFF):
        return ALLOW
    if user.unit_id is not None and user.unit_id == meeting.unit_id:
        return ALLOW
    return refuse("只有召开会议的单位可以登记会议及其议题。")


def may_discuss(user, meeting, *, kind: str, subject, outcome: str) -> Verdict:
    """D12 and the L1 gate: a draft decision or document reaches the table only once reviewed."""
    if kind == AgendaItemKind.FIRST_AGENDA_STUDY:
        if subject is not None:
            return refuse("第一议题学习不关联决策事项或文件。")
        if outcome != AgendaOutcome.STUDIED:
            return refuse("第一议题学习的结果应为“已学习”。")
        return may_record(user, meeting)
    if outcome == AgendaOutcome.STUDIED:
        return refuse("“已学习”只适用于第一议题学习。")
    if kind in SUBJECT_REQUIRED_KINDS and subject is None:
        return refuse(
            "重大行政决策和规范性文件须关联登记簿中的事项后方可上会，以便核对合法性审查"
            "（《重大行政决策程序暂行条例》第二十五条）。"
        )
    return first_refusal(
        may_record(user, meeting),
        discussion_verdict(subject, on=meeting.held_on) if subject is not None else ALLOW,
    )
