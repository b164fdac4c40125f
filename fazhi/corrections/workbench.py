"""The 工作台 of community corrections (only subjects the user is cleared for): report-in due or
overdue (第二十一条), loss of contact (第三十条), terms ended awaiting release (第四十四条)."""

from django.urls import reverse
from django.utils import timezone

from fazhi.core.workbench import WorkItem, workbench_provider
from fazhi.corrections import deadlines as rules
from fazhi.corrections.selectors import awaiting_report, due_for_release, lost_contacts
from fazhi.deadlines.selectors import latest_clocks
from fazhi.deadlines.services import urgency


def _url(pk) -> str:
    return reverse("admin:corrections_subject_change", args=[pk])


@workbench_provider("corrections")
def corrections_items(user):
    if user is None or not user.is_authenticated:
        return []
    today = timezone.localdate()
    items = []
    awaiting, losses, releases = yield (
        awaiting_report(user=user).select_related("unit")[:50],
        lost_contacts(user=user)[:50],
        due_for_release(user=user, today=today).select_related("unit")[:50],
    )
    clocks = yield latest_clocks(awaiting, rules.REPORT_IN)
    clocks = {clock.object_id: clock for clock in clocks}
    for subject in awaiting:
        clock = clocks.get(str(subject.pk))
        if clock is None:
            continue
        level = urgency(clock.due_date, today=today)
        overdue = (
            "已逾期未报到，请核查并按规定处置（可能失去联系）" if level == "overdue" else "应报到"
        )
        items.append(
            WorkItem(
                title=f"{subject.number}：{overdue}（《社区矫正法》第二十一条）",
                level=level,
                kind="todo",
                unit_name=subject.unit.name,
                due_date=clock.due_date,
                url=_url(subject.pk),
                explanation=clock.explanation,
                source="corrections",
            )
        )
    for loss in losses:
        items.append(
            WorkItem(
                title=f"{loss.subject.number}自{loss.lost_on:%Y-%m-%d}失去联系，须立即组织查找（《社区矫正法》第三十条）",
                level="overdue",
                kind="todo",
                unit_name=loss.subject.unit.name,
                due_date=loss.lost_on,
                url=_url(loss.subject_id),
                source="corrections",
            )
        )
    for subject in releases:
        items.append(
            WorkItem(
                title=f"{subject.number}矫正期已满，请宣告解除矫正（《社区矫正法》第四十四条）",
                level="due_today",
                kind="todo",
                unit_name=subject.unit.name,
                due_date=subject.term_end,
                url=_url(subject.pk),
                source="corrections",
            )
        )
    return items
