"""The clock effect of a workflow step (fazhi.core.workflow.STEP_EFFECTS).

A transition names the period rules whose clocks it starts, stops, pauses or resumes; this
effect runs them on the step's date (`facts["on"]`) inside the step's transaction, so no
register starts or closes a clock by hand.
"""

from __future__ import annotations

from fazhi.core.workflow import StepContext
from fazhi.deadlines.exceptions import DeadlineRuleError
from fazhi.deadlines.rules import effective_rule
from fazhi.deadlines.selectors import clock_for
from fazhi.deadlines.services import clock_close, clock_pause, clock_resume, clock_start


def _open(obj, code: str):
    clock = clock_for(obj, code)
    return clock if clock is not None and clock.is_open else None


def clock_effect(ctx: StepContext) -> None:
    transition = ctx.transition
    if not (transition.starts or transition.stops or transition.pauses or transition.resumes):
        return
    if ctx.on is None:
        raise DeadlineRuleError(f"“{transition.label}”须填写办理日期，才能计算法定期限。")
    obj, on = ctx.obj, ctx.on
    for code in transition.stops:
        if clock := _open(obj, code):
            clock_close(clock=clock, on=on, actor=ctx.actor)
    for code in transition.pauses:
        if clock := _open(obj, code):
            clock_pause(clock=clock, on=on, reason=transition.label, actor=ctx.actor)
    for code in transition.resumes:
        if clock := _open(obj, code):
            clock_resume(clock=clock, on=on, actor=ctx.actor)
    for code in transition.starts:
        clock_start(
            rule_code=code,
            trigger_date=on,
            subject=obj,
            unit=obj.unit,
            owner=ctx.actor,
            label=f"{obj} {effective_rule(code).name}",
            actor=ctx.actor,
        )
