"""Read endpoints of 合法性审查: review requests and their conclusions."""

from ninja import Router

from fazhi.api.endpoints import model_schema, read_endpoints
from fazhi.review import selectors
from fazhi.review.models import ReviewRequest

router = Router(tags=["合法性审查"])

ReviewOut = model_schema(
    ReviewRequest,
    ["unit", "reviewer_unit", "year", "serial", "subject_type", "title", "counterparty",
     "amount", "submitted_on", "state", "outcome", "conclusion", "opinion_issued_on"],
    name="ReviewRequest",
)  # fmt: skip

read_endpoints(
    router,
    "reviews",
    app="review",
    title="合法性审查",
    schema=ReviewOut,
    queryset=lambda user: selectors.review_list(user=user),
    date_field="submitted_on",
)
