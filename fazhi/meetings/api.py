"""Read endpoints of 会议: executive and other meetings, and their minutes."""

from ninja import Router

from fazhi.api.endpoints import model_schema, read_endpoints
from fazhi.meetings import selectors
from fazhi.meetings.models import Meeting, Minutes

router = Router(tags=["会议"])

MeetingOut = model_schema(
    Meeting, ["unit", "kind", "number", "held_on", "title", "chair", "location"], name="Meeting"
)
MinutesOut = model_schema(
    Minutes, ["unit", "meeting", "meeting_name", "number", "title", "issued_on"], name="Minutes"
)

read_endpoints(
    router,
    "meetings",
    app="meetings",
    title="会议",
    schema=MeetingOut,
    queryset=lambda user: selectors.meeting_list(user=user),
    date_field="held_on",
)
read_endpoints(router, "minutes", app="meetings", title="会议纪要", schema=MinutesOut,
               queryset=lambda user: selectors.minutes_list(user=user), date_field="issued_on")  # fmt: skip
