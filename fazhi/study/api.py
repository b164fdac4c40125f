"""Read endpoints of 学法述法: study sessions and duty reports (述法)."""

from ninja import Router

from fazhi.api.endpoints import model_schema, read_endpoints
from fazhi.study import selectors
from fazhi.study.models import DutyReport, StudySession

router = Router(tags=["学法述法"])

SessionOut = model_schema(
    StudySession, ["unit", "kind", "held_on", "topic", "lecturer", "other_laws", "decision"],
    name="StudySession",
)  # fmt: skip
DutyReportOut = model_schema(
    DutyReport,
    ["unit", "year", "head_name", "head_position", "mode", "reported_on", "committee_meeting",
     "summary"],
    name="DutyReport",
)  # fmt: skip

read_endpoints(
    router,
    "sessions",
    app="study",
    title="学法活动",
    schema=SessionOut,
    queryset=lambda user: selectors.session_list(user=user),
    date_field="held_on",
)
read_endpoints(router, "duty-reports", app="study", title="述法报告", schema=DutyReportOut,
               queryset=lambda user: selectors.duty_reports(user=user),
               date_field="reported_on")  # fmt: skip
