"""The register's contribution to the 工作台: advisor contracts about to expire."""

from django.urls import reverse

from fazhi.advisors.access import is_advisor_only
from fazhi.advisors.selectors import contracts_expiring
from fazhi.core.models import Role
from fazhi.core.workbench import WorkItem, workbench_provider


@workbench_provider("advisors")
def advisor_items(user):
    if user is None or not user.is_authenticated or is_advisor_only(user):
        return []
    if not (user.is_superuser or user.has_role(Role.CLERK, Role.UNIT_HEAD, Role.OFFICE_STAFF)):
        return []
    contracts = yield contracts_expiring(user=user)[:30]
    return [
        WorkItem(
            title=f"法律顾问合同{contract.contract_number}（{contract.advisor.name}）将于"
            f"{contract.end_date:%Y-%m-%d}到期，请及时续聘或另行聘请",
            level="warning",
            kind="warning",
            unit_name=contract.unit.name,
            due_date=contract.end_date,
            url=reverse("admin:advisors_advisorcontract_change", args=[contract.pk]),
            source="advisors",
        )
        for contract in contracts
    ]
