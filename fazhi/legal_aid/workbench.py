"""The 工作台 of legal aid: open review, assignment and objection periods of the cases the user
may see, and urgent applications whose limitation is under seven days away (第四十四条)."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from fazhi.core.workbench import WorkItem, workbench_provider
from fazhi.deadlines.models import OPEN_STATES, Clock
from fazhi.deadlines.services import urgency
from fazhi.legal_aid.models import AidCase
from fazhi.legal_aid.selectors import urgent_pending


def _url(case_id) -> str:
    return reverse("admin:legal_aid_aidcase_change", args=[case_id])


@workbench_provider("legal_aid")
def legal_aid_items(user):
    if user is None or not user.is_authenticated:
        return []
    today = timezone.localdate()
    # A case is visible exactly where its unit is (no wider visibility): the clocks' own
    # unit scope is the cases' scope.
    clocks = (
        Clock.objects.for_user(user)
        .filter(content_type=ContentType.objects.get_for_model(AidCase), state__in=OPEN_STATES)
        .exclude(state="paused")
        .select_related("unit")
        .order_by("due_date")[:30]
    )
    clocks, urgent = yield clocks, urgent_pending(user=user, today=today)[:20]
    items = [
        WorkItem(
            title=clock.label,
            level=urgency(clock.due_date, today=today),
            kind="todo",
            unit_name=clock.unit.name,
            due_date=clock.due_date,
            url=_url(clock.object_id),
            explanation=clock.explanation,
            source="legal_aid",
        )
        for clock in clocks
    ]
    for case in urgent:
        items.append(
            WorkItem(
                title=f"{case.number}关联时效将于{case.limitation_due_on:%Y-%m-%d}届满，"
                "可先行提供法律援助（《法律援助法》第四十四条）",
                level=urgency(case.limitation_due_on, today=today),
                kind="todo",
                unit_name=case.unit.name,
                due_date=case.limitation_due_on,
                url=_url(case.pk),
                source="legal_aid",
            )
        )
    return items
