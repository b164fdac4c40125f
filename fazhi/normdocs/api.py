"""Read endpoints of 行政规范性文件: the unit's documents at every stage."""

from ninja import Router

from fazhi.api.endpoints import model_schema, read_endpoints
from fazhi.normdocs import selectors
from fazhi.normdocs.models import NormativeDocument

router = Router(tags=["行政规范性文件"])

DocumentOut = model_schema(
    NormativeDocument,
    ["unit", "title", "issuer_kind", "document_number", "state", "is_provisional",
     "registration_number", "registered_on", "published_on", "publication_channel",
     "publication_url", "effective_on", "valid_until", "filed_on", "filed_with",
     "filing_reference", "pending_amendment", "suspended", "supersedes", "ended_on"],
    name="NormativeDocument",
)  # fmt: skip

read_endpoints(router, "documents", app="normdocs", title="行政规范性文件", schema=DocumentOut,
               queryset=lambda user: selectors.document_list(user=user),
               date_field="published_on")  # fmt: skip
