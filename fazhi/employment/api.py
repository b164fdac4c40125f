"""Read endpoints of 就业服务: job fairs and their positions."""

from ninja import Router

from fazhi.api.endpoints import model_schema, read_endpoints
from fazhi.employment import selectors
from fazhi.employment.models import FairPosition, JobFair

router = Router(tags=["就业服务"])

FairOut = model_schema(
    JobFair,
    ["unit", "name", "kind", "held_on", "organiser", "venue", "applicants", "matches", "leaflets",
     "views"],
    name="JobFair",
)  # fmt: skip
PositionOut = model_schema(
    FairPosition, ["unit", "employer", "title", "openings"], name="FairPosition"
)

read_endpoints(
    router,
    "fairs",
    app="employment",
    title="招聘会",
    schema=FairOut,
    queryset=lambda user: selectors.fair_list(user=user),
    date_field="held_on",
)
read_endpoints(router, "positions", app="employment", title="招聘岗位", schema=PositionOut,
               queryset=lambda user: selectors.position_list(user=user))  # fmt: skip
