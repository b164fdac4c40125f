"""Read endpoints of 社区矫正 (sensitive): subjects without any personal data (no name, ID
number, phone, address, crime or plan), and training classes. Rows whose security label the
token's account is not cleared for are hidden by `for_user`."""

from ninja import Router

from fazhi.api.endpoints import model_schema, read_endpoints
from fazhi.corrections import selectors
from fazhi.corrections.models import Subject, TrainingClass

router = Router(tags=["社区矫正"])

SubjectOut = model_schema(
    Subject,
    ["unit", "number", "year", "is_minor", "sentence_kind", "effective_on", "term_start",
     "term_end", "state", "received_on", "released_on", "terminated_on"],
    name="CorrectionsSubject",
)  # fmt: skip
TrainingOut = model_schema(
    TrainingClass, ["unit", "name", "kind", "started_on", "ended_on"], name="CorrectionsTraining"
)

read_endpoints(
    router,
    "subjects",
    app="corrections",
    title="社区矫正对象（已去除个人信息）",
    schema=SubjectOut,
    queryset=lambda user: selectors.subject_list(user=user),
    date_field="received_on",
)
read_endpoints(router, "trainings", app="corrections", title="教育培训班", schema=TrainingOut,
               queryset=lambda user: selectors.training_list(user=user), date_field="started_on")  # fmt: skip
