"""The study register's contribution to the 工作台: the committee's tasks.

The responsible unit sees its open tasks as to-dos (urgency by the deadline engine's scale);
the office sees overdue tasks of the units it oversees as warnings.
"""

from django.urls import reverse
from django.utils import timezone

from fazhi.core.models import Role
from fazhi.core.workbench import WorkItem, workbench_provider
from fazhi.deadlines.services import urgency
from fazhi.study.selectors import open_tasks


def _item(task, *, kind: str, level: str) -> WorkItem:
    return WorkItem(
        title=f"依法治区委员会交办任务：{task.title}（{task.due_date:%Y-%m-%d}前办结）",
        level=level,
        kind=kind,
        unit_name=task.unit.name,
        due_date=task.due_date,
        url=reverse("admin:study_committeetask_change", args=[task.pk]),
        source="study",
    )


@workbench_provider("study")
def study_items(user):
    if user is None or not user.is_authenticated or user.unit_id is None:
        return []
    today = timezone.localdate()
    tasks = open_tasks(user=user).exclude(due_date=None)
    own = overdue = tasks.none()
    if user.has_role(Role.CLERK, Role.UNIT_HEAD):
        own = tasks.filter(unit_id=user.unit_id)[:30]
    if user.has_role(Role.OFFICE_STAFF):
        overdue = tasks.filter(due_date__lt=today)[:30]
    own, overdue = yield own, overdue
    return [
        *(_item(task, kind="todo", level=urgency(task.due_date, today=today)) for task in own),
        *(_item(task, kind="warning", level="overdue") for task in overdue),
    ]
