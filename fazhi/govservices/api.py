"""政务服务: read endpoints (items, applications, hall tallies) and the service platform's
writes: applications (through the bulk import of the platform's export) and the hall's daily
tallies and consultations (through the tally import). Idempotency key = the import's natural
key: the application number; (day, kind) for a tally."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from fazhi.api.auth import TokenAuth
from fazhi.api.endpoints import IsoDate, IsoDateTime, model_schema, read_endpoints
from fazhi.api.errors import ApiError, django_details
from fazhi.api.models import Scope
from fazhi.api.writes import import_records, problems_to_error
from fazhi.core.xlsx import ImportProblems
from fazhi.govservices import selectors
from fazhi.govservices.bulk import DEFAULT_HEADERS, import_applications, write_csv
from fazhi.govservices.imports import TALLY_IMPORT
from fazhi.govservices.models import (
    ApplicationResult,
    Channel,
    HallTally,
    ServiceApplication,
    ServiceItem,
    TallyKind,
)

router = Router(tags=["政务服务"])

ItemOut = model_schema(
    ServiceItem,
    ["unit", "code", "name", "department", "item_type", "promised_days", "statutory_days",
     "online", "onsite", "platform_claimed_on", "platform_configured_on", "active"],
    name="ServiceItem",
)  # fmt: skip
ApplicationOut = model_schema(
    ServiceApplication,
    ["unit", "number", "item", "channel", "received_at", "received_on", "completed_at",
     "completed_on", "result", "promised_days", "due_date", "on_time", "package",
     "via_platform"],
    name="ServiceApplication",
)  # fmt: skip
TallyOut = model_schema(HallTally, ["unit", "on", "kind", "count"], name="HallTally")


def _tallies(user):
    return HallTally.objects.for_user(user)


read_endpoints(
    router,
    "items",
    app="govservices",
    title="政务服务事项",
    schema=ItemOut,
    queryset=lambda user: selectors.item_list(user=user),
)
read_endpoints(
    router,
    "applications",
    app="govservices",
    title="政务服务办件",
    schema=ApplicationOut,
    queryset=lambda user: selectors.application_list(user=user),
    date_field="received_on",
)
read_endpoints(router, "tallies", app="govservices", title="政务大厅日统计（含咨询量）",
               schema=TallyOut, queryset=_tallies, date_field="on")  # fmt: skip


# --- writes ------------------------------------------------------------------------------


def _words(*choices) -> object:
    """A Literal of every code and Chinese label of these TextChoices (either may be sent)."""
    words = [w for c in choices for value, label in c.choices for w in (value, str(label))]
    return Literal[tuple(dict.fromkeys(words))]


ChannelWord = _words(Channel)
ResultWord = _words(ApplicationResult)
TallyKindWord = _words(TallyKind)


class ApplicationIn(Schema):
    number: str = Field(
        ...,
        min_length=1,
        max_length=64,
        title="申请编号",
        description="幂等键：同一编号重复提交只保留一条",
    )
    item_code: str = Field(..., min_length=1, max_length=64, title="事项编码")
    channel: ChannelWord = Field(..., title="办理渠道", description="代码或中文名称")  # type: ignore[valid-type]
    received: IsoDateTime = Field(..., title="受理时间")
    completed: IsoDateTime | None = Field(None, title="办结时间")
    result: ResultWord = Field(..., title="办理结果", description="代码或中文名称")  # type: ignore[valid-type]
    package: str = Field("", max_length=100, title="“一件事”名称")
    platform: bool = Field(False, title="经一网通办受理")


class ApplicationWritten(Schema):
    created: bool = Field(..., title="本次新建")
    application: ApplicationOut = Field(..., title="办件")  # type: ignore[valid-type]


APPLICATION_FIELDS = {header: field for field, header in DEFAULT_HEADERS.items()}


def _stamp(value: datetime | None) -> str:
    """The platform's local timestamp; an aware time is converted to Beijing time first."""
    if value is None:
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d %H:%M:%S")


@router.post(
    "/applications",
    response={200: ApplicationWritten, 201: ApplicationWritten},
    auth=TokenAuth(Scope.WRITE_SERVICES),
    summary="提交政务服务办件",
    description="服务平台推送一件办件：与导入平台导出文件同一校验（fazhi.govservices.bulk）。"
    "同一申请编号重复提交不会新建（返回 200 和已有办件）；补充办结时间会补录办结。",
    operation_id="govservices_application_submit",
)
def application_submit(request, payload: ApplicationIn):
    account = request.auth.account
    row = [
        payload.number.strip(), payload.item_code.strip(), payload.channel,
        _stamp(payload.received), _stamp(payload.completed), payload.result,
        payload.package.strip(), "是" if payload.platform else "否",
    ]  # fmt: skip
    data = write_csv([row], [DEFAULT_HEADERS[k] for k in DEFAULT_HEADERS])
    created = True
    try:
        result = import_applications(data, actor=account, request=request, file_name="数据接口")
        created = result.created > 0
    except ImportProblems as exc:
        raise problems_to_error(exc, APPLICATION_FIELDS) from exc
    except ValidationError as exc:
        created = False
        existing = selectors.application_list(user=account).filter(number=row[0]).first()
        if existing is None:
            details = django_details(exc)
            raise ApiError(422, "；".join(d["message"] for d in details[:5]), details) from exc
    application = selectors.application_list(user=account).filter(number=row[0]).first()
    if application is None:
        raise ApiError(409, f"申请编号“{row[0]}”已被其他单位使用。")
    return Status(201 if created else 200, {"created": created, "application": application})


class TallyIn(Schema):
    on: IsoDate = Field(..., title="日期")
    kind: TallyKindWord = Field(
        ..., title="类别", description="代码（如 consult_phone）或中文名称（如“电话咨询”）"
    )  # type: ignore[valid-type]
    count: int = Field(..., ge=0, le=10_000_000, strict=True, title="数量")


class TallyBatchIn(Schema):
    items: list[TallyIn] = Field(..., min_length=1, max_length=500, title="日统计")


class TallyWritten(Schema):
    created: int = Field(..., title="新建条数")
    skipped: int = Field(..., title="此前已提交（未重复写入）")


@router.post(
    "/tallies",
    response={200: TallyWritten, 201: TallyWritten},
    auth=TokenAuth(Scope.WRITE_SERVICES),
    summary="提交政务大厅日统计与咨询量",
    description="与“政务大厅日统计”Excel 导入同一路径（同一校验、同一幂等键：日期+类别）；"
    "已提交过的日期和类别不会重复写入。",
    operation_id="govservices_tallies_submit",
)
def tallies_submit(request, payload: TallyBatchIn):
    records = [item.dict() for item in payload.items]
    result = import_records(TALLY_IMPORT, records, actor=request.auth.account, request=request)
    return Status(201 if result["created"] else 200, result)
