"""Guards of the study register and the step table of the committee's tasks.

Study sessions, rosters and duty reports are records of what happened: their guards decide who
may record them and refuse inconsistent facts (a person of another unit, a pass without a
sitting). A committee task moves assigned → done, with follow-ups (督办) on its timeline and
its deadline clock run by fazhi.deadlines.
"""

from __future__ import annotations

from fazhi.core.models import Role
from fazhi.core.workflow import ALLOW, Transition, Verdict, Workflow, refuse
from fazhi.study.models import CommitteeTask, TaskEvent, TaskState

TASK_RULE_CODES = (
    "study.task_short",
    "study.task_standard",
    "study.task_quarter",
    "study.task_half_year",
)
COMMITTEE_RULE = "全面依法治区委员会交办事项"


def _is_office(user) -> bool:
    return bool(user.is_superuser or user.has_role(Role.OFFICE_STAFF))


def oversees(user, unit) -> bool:
    """Office staff oversee every unit of their division's subtree (core.access). Checked on the
    account's unit, not on `is_active`, so that scripts (the synthetic city) may act for it."""
    division = getattr(getattr(user, "unit", None), "division", None)
    return division is not None and unit.division.path.startswith(division.path)


def may_record_for(user, unit) -> Verdict:
    """A unit records its own study, roster and duty reports; the office any unit it oversees."""
    if user is None or not user.is_authenticated:
        return refuse("请先登录。")
    if user.is_superuser:
        return ALLOW
    if user.has_role(Role.OFFICE_STAFF):
        if oversees(user, unit):
            return ALLOW
        return refuse("该单位不在本账号管辖范围内。")
    if not user.has_role(Role.CLERK, Role.UNIT_HEAD):
        return refuse("当前账号无权登记学法述法信息。")
    if user.unit_id != unit.pk:
        return refuse("只能登记本单位的学法述法信息。")
    return ALLOW


def may_keep_committee(user) -> Verdict:
    """The committee's meetings, documents and tasks are recorded by its office (依法治区办)."""
    if _is_office(user):
        return ALLOW
    return refuse("依法治区委员会的会议、文件和交办任务由依法治区办登记。")


def attendance_refusal(unit, people) -> Verdict:
    """Attendance is the unit's own people: a person of another unit is refused by name."""
    strangers = [p for p in people if p.unit_id != unit.pk]
    if strangers:
        names = "、".join(p.name for p in strangers)
        return refuse(f"{names}不是{unit.name}的工作人员，不能登记为本单位学法的参加人员。")
    return ALLOW


def exam_result_refusal(*, registered: bool, sat: bool, passed: bool) -> Verdict:
    """学法考法: a pass needs a sitting, a sitting needs a registration."""
    if passed and not sat:
        return refuse("未参加考试（参考）的人员不能登记为考试通过。")
    if sat and not registered:
        return refuse("未报考的人员不能登记为参加考试。")
    return ALLOW


def may_work_task(user, task: CommitteeTask) -> Verdict:
    """The responsible unit reports completion; the office may record it for the unit."""
    if _is_office(user):
        return ALLOW
    if user.has_role(Role.CLERK, Role.UNIT_HEAD) and user.unit_id == task.unit_id:
        return ALLOW
    return refuse("只有承办单位或依法治区办可以办理该任务。")


def may_complete(user, task: CommitteeTask, *, on=None, **facts) -> Verdict:
    verdict = may_work_task(user, task)
    if not verdict:
        return verdict
    if on is not None and on < task.assigned_on:
        return refuse("办结日期不能早于交办日期。")
    return ALLOW


def may_follow_up(user, task: CommitteeTask, *, on=None, **facts) -> Verdict:
    verdict = may_keep_committee(user)
    if not verdict:
        return refuse("督办由依法治区办进行。")
    if on is not None and on < task.assigned_on:
        return refuse("督办日期不能早于交办日期。")
    return ALLOW


def _timeline(task, *, verb, text, on, actor, citation):
    TaskEvent.objects.create(
        task=task, verb=verb, text=text[:255], on=on, actor=actor, citation=citation
    )


TASK_WORKFLOW = Workflow(
    [
        Transition(
            "follow_up",
            "督办",
            (TaskState.ASSIGNED,),
            None,
            guard=may_follow_up,
            rule=COMMITTEE_RULE,
            timeline="{on:%Y年%m月%d日}督办：{note}",
            wrong_state="任务已办结，无需督办。",
        ),
        Transition(
            "complete",
            "办结",
            (TaskState.ASSIGNED,),
            TaskState.DONE,
            guard=may_complete,
            rule=COMMITTEE_RULE,
            sets={"completed_on": "on", "result": "result"},
            stops=TASK_RULE_CODES,
            timeline="{on:%Y年%m月%d日}办结",
            wrong_state="任务已办结。",
        ),
    ],
    model=CommitteeTask,
    timeline=_timeline,
)
