from fazhi.core.tests.recipe_app.models import Permit, PermitEvent, PermitState
from fazhi.core.workflow import ALLOW, Transition, Workflow, refuse


def may_approve(user, permit, *, on, **facts):
    if on < permit.received_on:
        return refuse("批准日期不能早于收件日期（《行政许可法》第四十二条）。")
    return ALLOW


WORKFLOW = Workflow(
    [
        Transition(
            "approve",
            "批准",
            (PermitState.RECEIVED,),
            PermitState.APPROVED,
            guard=may_approve,
            rule="《行政许可法》第三十八条",
            sets={"approved_on": "on"},
            starts=("recipe_app.publication",),
            timeline="{on:%Y年%m月%d日}批准",
        )
    ],
    model=Permit,
    timeline=lambda permit, *, actor, **event: PermitEvent.objects.create(permit=permit, **event),
)
