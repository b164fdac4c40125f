"""The register's contribution to the 工作台: next steps of decisions; the unit's catalog."""

from django.urls import reverse
from django.utils import timezone

from fazhi.core.models import Role
from fazhi.core.workbench import WorkItem, workbench_provider
from fazhi.decisions.models import CatalogState, DecisionState
from fazhi.decisions.selectors import catalog_required_units, catalogs_of, decisions_awaiting_action

NEXT_STEP = {
    DecisionState.REVIEW_PASSED: "合法性审查已通过，待提交集体讨论",
    DecisionState.DECIDED: "已集体讨论决定，待向党委请示报告",
    DecisionState.REPORTED: "已向党委请示报告，待公布",
}


@workbench_provider("decisions")
def decision_items(user):
    if user is None or not user.is_authenticated:
        return []
    year = timezone.localdate().year
    required = catalogs = catalog_required_units([]).none()
    if user.has_role(Role.UNIT_HEAD) and user.unit_id:
        required = catalog_required_units([user.unit_id]).only("pk")[:1]
        catalogs = catalogs_of(user.unit, year)[:1]
    awaiting, required, catalogs = yield (
        decisions_awaiting_action(user=user).select_related("unit")[:20],
        required,
        catalogs,
    )
    items = []
    for decision in awaiting:
        items.append(
            WorkItem(
                title=f"重大行政决策“{decision.title}”：{NEXT_STEP[decision.state]}",
                level="info",
                kind="todo",
                unit_name=decision.unit.name,
                url=reverse("admin:decisions_majordecision_change", args=[decision.pk]),
                source="decisions",
            )
        )
    if required:
        catalog = catalogs[0] if catalogs else None
        if catalog is None or catalog.state != CatalogState.PUBLISHED:
            status = "尚未编制" if catalog is None else "尚未公布"
            items.append(
                WorkItem(
                    title=f"本单位{year}年度重大行政决策事项目录{status}（决策条例第三条第三款）",
                    level="warning",
                    kind="todo",
                    unit_name=user.unit.name,
                    url=reverse("admin:decisions_decisioncatalog_changelist"),
                    source="decisions",
                )
            )
    return items
