"""行政应诉: read endpoints over the lawsuits the token's unit may read (its own, and the suits
in which it is the defendant), through `litigation.selectors`. The plaintiff's name is masked;
no identity number, third parties or notes."""

from __future__ import annotations

from ninja import Router

from fazhi.api.endpoints import mask_name, model_schema, read_endpoints
from fazhi.litigation import selectors
from fazhi.litigation.models import Lawsuit

router = Router(tags=["行政应诉"])

LawsuitOut = model_schema(
    Lawsuit,
    ["unit", "court", "court_case_number", "instance", "status", "plaintiff_kind",
     "defendant_unit", "act_type", "contested_act", "field", "reconsideration_first",
     "is_major_public_interest", "filed_on", "trial_due_on", "defence_due_on",
     "defence_submitted_on", "hearing_scheduled_on", "judgment_type", "judgment_on",
     "appealed", "closed_on"],
    name="Lawsuit",
    masked={"plaintiff_name": mask_name},
)  # fmt: skip

read_endpoints(
    router,
    "lawsuits",
    app="litigation",
    title="行政应诉案件",
    schema=LawsuitOut,
    queryset=lambda user: selectors.lawsuit_list(user=user),
    date_field="filed_on",
    description="按接口令牌所属单位的权限范围返回行政应诉案件（本单位登记的案件，以及本单位作为被告的"
    "案件），与后台所见一致。原告姓名已脱敏，不含证件号码、第三人和备注。",
)
