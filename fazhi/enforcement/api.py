"""Read endpoints of 行政执法: officers (no ID numbers), certificates, cases."""

from ninja import Router

from fazhi.api.endpoints import model_schema, read_endpoints
from fazhi.enforcement import selectors
from fazhi.enforcement.models import Certificate, EnforcementCase, Officer

router = Router(tags=["行政执法"])

OfficerOut = model_schema(
    Officer,
    ["unit", "name", "person_type", "on_roll", "position", "legal_qualification", "domains",
     "status", "joined_on"],
    name="EnforcementOfficer",
)  # fmt: skip
CertificateOut = model_schema(
    Certificate,
    ["unit", "officer", "number", "state", "applied_on", "issued_on", "valid_until",
     "suspended_on", "revoked_on"],
    name="EnforcementCertificate",
)  # fmt: skip
CaseOut = model_schema(
    EnforcementCase,
    ["unit", "case_number", "case_type", "procedure", "party_kind", "filed_on",
     "notice_served_on", "legal_review_required", "legal_review_on", "discussion_required",
     "discussion_on", "decided_on", "served_on", "publication_required", "published_on",
     "closed_on"],
    name="EnforcementCase",
)  # fmt: skip

read_endpoints(
    router,
    "officers",
    app="enforcement",
    title="执法人员",
    schema=OfficerOut,
    queryset=lambda user: selectors.officer_list(user=user),
    date_field="joined_on",
)
read_endpoints(
    router,
    "certificates",
    app="enforcement",
    title="执法证件",
    schema=CertificateOut,
    queryset=lambda user: selectors.certificate_list(user=user),
    date_field="issued_on",
)
read_endpoints(router, "cases", app="enforcement", title="行政执法案件", schema=CaseOut,
               queryset=lambda user: selectors.case_list(user=user), date_field="filed_on")  # fmt: skip
