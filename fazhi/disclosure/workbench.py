"""The register's contribution to the 工作台: requests and letters awaiting a reply."""

from django.urls import reverse
from django.utils import timezone

from fazhi.core.workbench import WorkItem, workbench_provider
from fazhi.deadlines.selectors import latest_clocks
from fazhi.deadlines.services import urgency
from fazhi.disclosure.deadlines import REPLY
from fazhi.disclosure.selectors import letters_due, open_requests


@workbench_provider("disclosure")
def disclosure_items(user):
    if user is None or not user.is_authenticated:
        return []
    today = timezone.localdate()
    items = []
    requests, letters = yield (
        open_requests(user=user).select_related("unit")[:30],
        letters_due(user=user, today=today).select_related("unit")[:30],
    )
    clocks = yield latest_clocks(requests, REPLY)
    clocks = {clock.object_id: clock for clock in clocks}
    for request in requests:
        clock = clocks.get(str(request.pk))
        if clock is None or not clock.is_open:
            continue
        items.append(
            WorkItem(
                title=f"依申请公开{request.number}（{request.applicant_name}）须于"
                f"{clock.due_date:%Y-%m-%d}前答复",
                level=urgency(clock.due_date, today=today),
                unit_name=request.unit.name,
                due_date=clock.due_date,
                url=reverse("admin:disclosure_disclosurerequest_change", args=[request.pk]),
                explanation=clock.explanation,
                source="disclosure",
            )
        )
    for letter in letters:
        items.append(
            WorkItem(
                title=f"来信{letter.number}须于{letter.due_date:%Y-%m-%d}前回复",
                level=urgency(letter.due_date, today=today),
                unit_name=letter.unit.name,
                due_date=letter.due_date,
                url=reverse("admin:disclosure_letter_change", args=[letter.pk]),
                source="disclosure",
            )
        )
    return items
