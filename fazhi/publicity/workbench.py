"""The publicity register's contribution to the 工作台: in the last quarter of a year, a unit's
普法责任 duties not yet completed (a reminder, not a statutory deadline)."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from fazhi.core.models import Role
from fazhi.core.workbench import WorkItem, workbench_provider
from fazhi.publicity.selectors import open_duties


@workbench_provider("publicity")
def publicity_items(user):
    if user is None or not user.is_authenticated or not user.has_role(Role.CLERK, Role.UNIT_HEAD):
        return []
    today = timezone.localdate()
    if today.month < 10:
        return []
    year_end = date(today.year, 12, 31)
    duties = yield open_duties(user=user, year=today.year).filter(unit_id=user.unit_id)[:30]
    return [
        WorkItem(
            title=f"普法责任清单事项“{duty.title}”尚未登记完成",
            level="info",
            kind="todo",
            unit_name=duty.unit.name,
            due_date=year_end,
            url=reverse("admin:publicity_publicityduty_change", args=[duty.pk]),
            source="publicity",
        )
        for duty in duties
    ]
