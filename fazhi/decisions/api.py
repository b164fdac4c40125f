"""Read endpoints of 重大行政决策: decisions and the yearly catalogs."""

from ninja import Router

from fazhi.api.endpoints import model_schema, read_endpoints
from fazhi.decisions import selectors
from fazhi.decisions.models import DecisionCatalog, MajorDecision

router = Router(tags=["重大行政决策"])

DecisionOut = model_schema(
    MajorDecision,
    ["unit", "title", "year", "category", "lead_unit", "catalog_item",
     "public_participation_required", "hearing_required", "state", "discussed_on"],
    name="MajorDecision",
)  # fmt: skip
CatalogOut = model_schema(
    DecisionCatalog,
    ["unit", "year", "title", "state", "published_on", "publication_url", "on_portal"],
    name="DecisionCatalog",
)  # fmt: skip

read_endpoints(
    router,
    "decisions",
    app="decisions",
    title="重大行政决策",
    schema=DecisionOut,
    queryset=lambda user: selectors.decision_list(user=user),
)
read_endpoints(router, "catalogs", app="decisions", title="决策事项目录", schema=CatalogOut,
               queryset=lambda user: selectors.catalog_list(user=user),
               date_field="published_on")  # fmt: skip
