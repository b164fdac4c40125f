"""Read endpoints of 人民调解: committees and disputes (no parties' personal data)."""

from ninja import Router

from fazhi.api.endpoints import model_schema, read_endpoints
from fazhi.mediation import selectors
from fazhi.mediation.models import Committee, Dispute

router = Router(tags=["人民调解"])

CommitteeOut = model_schema(
    Committee, ["unit", "name", "kind", "field", "established_on", "active"],
    name="MediationCommittee",
)  # fmt: skip
DisputeOut = model_schema(
    Dispute,
    ["unit", "committee", "number", "year", "dispute_type", "source", "amount", "received_on",
     "difficulty", "state", "started_on", "concluded_on", "agreement_kind", "effective_on",
     "performance"],
    name="MediationDispute",
)  # fmt: skip

read_endpoints(
    router,
    "committees",
    app="mediation",
    title="人民调解委员会",
    schema=CommitteeOut,
    queryset=lambda user: selectors.committee_list(user=user),
    date_field="established_on",
)
read_endpoints(router, "disputes", app="mediation", title="矛盾纠纷调解", schema=DisputeOut,
               queryset=lambda user: selectors.dispute_list(user=user), date_field="received_on")  # fmt: skip
