"""Read endpoints of 法律援助: cases (applicant's name masked; no ID number, phone or address)
and consultations (counts, no summary)."""

from ninja import Router

from fazhi.api.endpoints import mask_name, model_schema, read_endpoints
from fazhi.legal_aid import selectors
from fazhi.legal_aid.models import AidCase, Consultation

router = Router(tags=["法律援助"])

CaseOut = model_schema(
    AidCase,
    ["unit", "number", "year", "origin", "channel", "category", "criminal_stage", "matter",
     "received_on", "applicant_gender", "applicant_is_minor", "urgent", "state", "decided_on",
     "granted_on", "assigned_on", "provider_kind", "closed_on", "result", "terminated_on"],
    name="LegalAidCase",
    masked={"applicant_name": mask_name},
)  # fmt: skip
ConsultationOut = model_schema(
    Consultation,
    ["unit", "consulted_on", "channel", "topic", "referral", "persons", "tally"],
    name="LegalAidConsultation",
)

read_endpoints(
    router,
    "cases",
    app="legal_aid",
    title="法律援助案件",
    schema=CaseOut,
    queryset=lambda user: selectors.case_list(user=user),
    date_field="received_on",
)
read_endpoints(router, "consultations", app="legal_aid", title="法律咨询", schema=ConsultationOut,
               queryset=lambda user: selectors.consultation_list(user=user),
               date_field="consulted_on")  # fmt: skip
