"""Read endpoints of 普法宣传: events and the 谁执法谁普法 duties."""

from ninja import Router

from fazhi.api.endpoints import model_schema, read_endpoints
from fazhi.publicity import selectors
from fazhi.publicity.models import PublicityDuty, PublicityEvent

router = Router(tags=["普法宣传"])

EventOut = model_schema(
    PublicityEvent,
    ["unit", "kind", "title", "held_on", "place", "organiser", "audience", "participants",
     "materials", "consultations", "duty"],
    name="PublicityEvent",
)  # fmt: skip
DutyOut = model_schema(
    PublicityDuty,
    ["unit", "year", "title", "laws", "audience", "planned_events", "state", "completed_on"],
    name="PublicityDuty",
)  # fmt: skip

read_endpoints(
    router,
    "events",
    app="publicity",
    title="普法活动",
    schema=EventOut,
    queryset=lambda user: selectors.event_list(user=user),
    date_field="held_on",
)
read_endpoints(router, "duties", app="publicity", title="普法责任清单", schema=DutyOut,
               queryset=lambda user: selectors.duty_list(user=user))  # fmt: skip
