"""Read endpoints of 法律顾问: advisors (phone masked) and their contracts."""

from ninja import Router

from fazhi.advisors import selectors
from fazhi.advisors.models import AdvisorContract, LegalAdvisor
from fazhi.api.endpoints import mask_phone, model_schema, read_endpoints

router = Router(tags=["法律顾问"])

AdvisorOut = model_schema(
    LegalAdvisor,
    ["unit", "name", "kind", "organisation", "specialties", "active"],
    name="LegalAdvisor",
    masked={"phone": mask_phone},
)
ContractOut = model_schema(
    AdvisorContract,
    ["unit", "advisor", "contract_number", "signed_on", "start_date", "end_date", "fee", "scope",
     "terminated_on"],
    name="AdvisorContract",
)  # fmt: skip

read_endpoints(
    router,
    "advisors",
    app="advisors",
    title="法律顾问",
    schema=AdvisorOut,
    queryset=lambda user: selectors.advisor_list(user=user),
)
read_endpoints(router, "contracts", app="advisors", title="法律顾问合同", schema=ContractOut,
               queryset=lambda user: selectors.contract_list(user=user), date_field="signed_on")  # fmt: skip
