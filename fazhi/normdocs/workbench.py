"""The register's contribution to the 工作台: filing clocks (N7) and expiry warnings (N8)."""

from django.urls import reverse
from django.utils import timezone

from fazhi.core.workbench import WorkItem, workbench_provider
from fazhi.deadlines.services import urgency
from fazhi.normdocs.models import NormativeDocument
from fazhi.normdocs.selectors import expiring_documents, open_filing_clocks


@workbench_provider("normdocs")
def normdoc_items(user):
    if user is None or not user.is_authenticated:
        return []
    today = timezone.localdate()
    items = []
    clocks, expiring = yield (
        open_filing_clocks(user=user),
        expiring_documents(user=user, today=today).select_related("unit")[:20],
    )
    titles = yield NormativeDocument.objects.filter(
        pk__in=[int(c.object_id) for c in clocks]
    ).values_list("pk", "title")
    titles = dict(titles)
    for clock in clocks:
        items.append(
            WorkItem(
                title=f"规范性文件待报备：《{titles.get(int(clock.object_id), '')}》",
                level=urgency(clock.due_date, today=today),
                kind="todo",
                unit_name=clock.unit.name,
                due_date=clock.due_date,
                url=reverse("admin:normdocs_normativedocument_change", args=[clock.object_id]),
                explanation=clock.explanation,
                source="normdocs",
            )
        )
    for document in expiring:
        items.append(
            WorkItem(
                title=f"规范性文件有效期将于{document.valid_until:%Y-%m-%d}届满，请评估是否继续有效：《{document.title}》",
                level="warning",
                kind="warning",
                unit_name=document.unit.name,
                due_date=document.valid_until,
                url=reverse("admin:normdocs_normativedocument_change", args=[document.pk]),
                source="normdocs",
            )
        )
    return items
