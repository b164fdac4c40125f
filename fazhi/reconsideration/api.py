"""行政复议: read endpoints (cases, the applicant's name masked, no identity number, phone,
address, facts or reasons) and the write of applications filed online, through the register's
own registration service (`services.case_register`: the same validation, numbering, period
check and clocks as an officer's registration).

Idempotency key: the filing platform's application number (`number`). The case has no field
for it, so the key is kept by the API (`fazhi.api.models.WriteKey`): posting the same number
again returns the case registered the first time; the same number with other content is a 409.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from ninja import Field, Router, Schema, Status

from fazhi.api.auth import TokenAuth
from fazhi.api.endpoints import IsoDate, mask_name, model_schema, read_endpoints
from fazhi.api.errors import ApiError, django_details
from fazhi.api.models import Scope, WriteKey
from fazhi.core.crypto import blind_index
from fazhi.core.models import Unit
from fazhi.reconsideration import selectors
from fazhi.reconsideration.models import (
    ActType,
    AdministrativeField,
    ApplicantKind,
    Channel,
    IdType,
    ReconsiderationCase,
)
from fazhi.reconsideration.services import case_register

router = Router(tags=["行政复议"])

CaseOut = model_schema(
    ReconsiderationCase,
    ["unit", "case_number", "case_year", "status", "applicant_kind", "respondent_unit",
     "act_type", "act_description", "act_document_number", "act_date", "field", "channel",
     "received_on", "known_on", "application_deadline", "application_late",
     "acceptance_due_on", "accepted_on", "deemed_accepted", "not_accepted_on", "procedure",
     "decision_due_on", "closed_on", "outcome", "decided_on_time"],
    name="ReconsiderationCase",
    masked={"applicant_name": mask_name},
)  # fmt: skip

read_endpoints(
    router,
    "cases",
    app="reconsideration",
    title="行政复议案件",
    schema=CaseOut,
    queryset=lambda user: selectors.case_list(user=user),
    date_field="received_on",
    description="按接口令牌所属单位的权限范围返回行政复议案件（本机构受理的案件，以及本单位作为"
    "被申请人的案件），与后台所见一致。申请人姓名已脱敏，不含证件号码、联系方式、住所、事实和理由。",
)


# --- the online application ------------------------------------------------------------------

KIND = "reconsideration.online_application"


def _words(*choices) -> object:
    """A Literal of every code and Chinese label (also the label before its bracket)."""
    words = []
    for c in choices:
        for value, label in c.choices:
            words += [value, str(label), str(label).split("（")[0]]
    return Literal[tuple(dict.fromkeys(words))]


def _code(choices, word: str) -> str:
    for value, label in choices.choices:
        if word in (value, str(label), str(label).split("（")[0]):
            return value
    raise ApiError(422)  # unreachable: the Literal admitted only these words


ApplicantKindWord = _words(ApplicantKind)
IdTypeWord = _words(IdType)
ActTypeWord = _words(ActType)
FieldWord = _words(AdministrativeField)


class ApplicationIn(Schema):
    number: str = Field(
        ...,
        min_length=1,
        max_length=64,
        pattern=r"^[0-9A-Za-z\-_]+$",
        title="网上申请编号",
        description="幂等键：同一编号重复提交只登记一件（字母、数字、短横线或下划线）",
    )
    received_on: IsoDate = Field(..., title="收到申请日期", description="平台收到网上申请之日")
    applicant_kind: ApplicantKindWord = Field(..., title="申请人类型", description="代码或中文名称")  # type: ignore[valid-type]
    applicant_name: str = Field(..., min_length=1, max_length=128, title="申请人")
    applicant_id_type: IdTypeWord = Field(..., title="证件类型", description="代码或中文名称")  # type: ignore[valid-type]
    applicant_id_number: str = Field(..., min_length=1, max_length=32, title="证件号码")
    applicant_phone: str = Field("", max_length=32, title="联系电话")
    applicant_address: str = Field("", max_length=200, title="住所/通讯地址")
    applicant_representative: str = Field("", max_length=64, title="法定代表人/负责人")
    respondent: str = Field(
        ..., min_length=1, max_length=128, title="被申请人", description="本区单位的全称或简称"
    )
    act_type: ActTypeWord = Field(..., title="行政行为类型", description="代码或中文名称")  # type: ignore[valid-type]
    act_description: str = Field(..., min_length=1, max_length=200, title="被申请复议的行政行为")
    act_document_number: str = Field("", max_length=64, title="行政行为文号")
    act_date: IsoDate | None = Field(None, title="行政行为作出日期")
    act_amount: Decimal | None = Field(
        None, ge=0, le=Decimal("9999999999.99"), decimal_places=2, title="涉及款额（元）"
    )
    is_real_estate: bool = Field(False, title="涉及不动产")
    act_on_the_spot: bool = Field(False, title="当场作出")
    field: FieldWord = Field(..., title="行政管理领域", description="代码或中文名称")  # type: ignore[valid-type]
    known_on: IsoDate = Field(..., title="知道或应当知道行政行为之日")
    rights_notified: bool = Field(True, title="已告知复议权利、复议机关和申请期限")
    rights_learned_on: IsoDate | None = Field(
        None, title="知道复议权利之日", description="未告知复议权利的，填写申请人知道之日"
    )
    request: str = Field(..., min_length=1, max_length=5000, title="行政复议请求")
    facts: str = Field("", max_length=20000, title="主要事实")
    reasons: str = Field("", max_length=20000, title="理由")


class ApplicationWritten(Schema):
    created: bool = Field(..., title="本次新建")
    case: CaseOut = Field(..., title="行政复议案件")  # type: ignore[valid-type]


def _respondent(office: Unit, name: str) -> Unit:
    """A unit of the office's district named `name` (full or short name), or a 422."""
    found = list(
        Unit.objects.in_subtree(office.division)
        .filter(Q(name=name) | Q(short_name=name), active=True)
        .values_list("pk", flat=True)[:2]
    )
    if len(found) != 1:
        message = f"本区没有名为“{name}”的单位（或名称不唯一）。"
        raise ApiError(422, message, [{"field": "respondent", "message": message}])
    return Unit.objects.get(pk=found[0])


def _registration(payload: ApplicationIn, respondent: Unit) -> dict:
    """The registration data of `case_register`: an online application (《行政复议法》第二十二条)."""
    return {
        "channel": Channel.ONLINE,
        "received_on": payload.received_on,
        "applicant_kind": _code(ApplicantKind, payload.applicant_kind),
        "applicant_name": payload.applicant_name.strip(),
        "applicant_id_type": _code(IdType, payload.applicant_id_type),
        "applicant_id_number": payload.applicant_id_number.strip(),
        "applicant_phone": payload.applicant_phone.strip(),
        "applicant_address": payload.applicant_address.strip(),
        "applicant_representative": payload.applicant_representative.strip(),
        "respondent_unit": respondent,
        "act_type": _code(ActType, payload.act_type),
        "act_description": payload.act_description.strip(),
        "act_document_number": payload.act_document_number.strip(),
        "act_date": payload.act_date,
        "act_amount": payload.act_amount,
        "is_real_estate": payload.is_real_estate,
        "act_on_the_spot": payload.act_on_the_spot,
        "field": _code(AdministrativeField, payload.field),
        "known_on": payload.known_on,
        "rights_notified": payload.rights_notified,
        "rights_learned_on": payload.rights_learned_on,
        "request": payload.request.strip(),
        "facts": payload.facts.strip(),
        "reasons": payload.reasons.strip(),
    }


def _digest(payload: ApplicationIn) -> str:
    """A keyed digest of what was posted (it holds an identity number: never a plain hash)."""
    text = json.dumps(payload.dict(), ensure_ascii=False, sort_keys=True, default=str)
    return blind_index(text, "api.reconsideration.application")


# Model fields → the API's field names, for the register's validation messages.
API_FIELDS = {"respondent_unit": "respondent"}


def _answer(stored: WriteKey, digest: str, account):
    case = selectors.case_list(user=account).filter(pk=stored.object_id).first()
    if stored.digest != digest:
        raise ApiError(409, f"网上申请编号“{stored.key}”已提交过，内容与本次提交不同。",
                       [{"field": "number", "message": "编号已存在"}])  # fmt: skip
    if case is None:  # the token's unit can no longer read the case it registered
        raise ApiError(409, f"网上申请编号“{stored.key}”已提交过。")
    return Status(200, {"created": False, "case": case})


@router.post(
    "/applications",
    response={200: ApplicationWritten, 201: ApplicationWritten},
    auth=TokenAuth(Scope.WRITE_RECONSIDERATION),
    summary="提交网上行政复议申请",
    description="网上申请平台推送一件行政复议申请，经本平台行政复议登记服务登记（与工作人员登记同一校验："
    "证件号码校验、申请期限审查、案号编排、受理审查期限）。同一网上申请编号重复提交只登记一件"
    "（返回 200 和已登记的案件）；编号相同而内容不同返回 409。仅限行政复议机构（司法局）的接口令牌。",
    operation_id="reconsideration_application_submit",
)
def application_submit(request, payload: ApplicationIn):
    token, account = request.auth, request.auth.account
    key = payload.number.strip()
    digest = _digest(payload)
    stored = WriteKey.objects.filter(owner_id=account.unit_id, kind=KIND, key=key).first()
    if stored is not None:
        return _answer(stored, digest, account)
    data = _registration(payload, _respondent(account.unit, payload.respondent.strip()))
    try:
        with transaction.atomic():
            case = case_register(actor=account, unit=account.unit, **data)
            WriteKey.objects.create(
                owner_id=account.unit_id, kind=KIND, key=key, object_id=case.pk,
                digest=digest, token=token,
            )  # fmt: skip
    except ValidationError as exc:
        details = django_details(exc, API_FIELDS)
        raise ApiError(422, "；".join(d["message"] for d in details[:5]), details) from exc
    except IntegrityError:
        # the same number posted at the same moment: the other call registered it
        stored = WriteKey.objects.filter(owner_id=account.unit_id, kind=KIND, key=key).first()
        if stored is None:
            raise
        return _answer(stored, digest, account)
    return Status(201, {"created": True, "case": case})
