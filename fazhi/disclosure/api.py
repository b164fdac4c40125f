"""政务公开: read endpoints (letters, requests with the applicant masked, published items) and
the mailbox's write of letters. Idempotency key: the letter number within the unit."""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from ninja import Field, Router, Schema, Status

from fazhi.api.auth import TokenAuth
from fazhi.api.endpoints import IsoDate, mask_name, model_schema, read_endpoints
from fazhi.api.errors import ApiError, django_details
from fazhi.api.models import Scope
from fazhi.disclosure import selectors
from fazhi.disclosure.models import DisclosureRequest, Letter, LetterChannel, ProactiveItem
from fazhi.disclosure.services import letter_receive

router = Router(tags=["政务公开"])

LetterOut = model_schema(
    Letter,
    ["unit", "number", "channel", "received_on", "subject", "content", "due_date", "replied_on",
     "reply", "state"],
    name="Letter",
)  # fmt: skip
RequestOut = model_schema(
    DisclosureRequest,
    ["unit", "number", "applicant_type", "channel", "submitted_on", "received_on", "state",
     "reply_type", "replied_on", "fee"],
    name="DisclosureRequest",
    masked={"applicant_name": mask_name},
)  # fmt: skip
ItemOut = model_schema(
    ProactiveItem,
    ["unit", "source_ref", "title", "column", "category", "formed_on", "published_on",
     "due_date", "on_time"],
    name="ProactiveItem",
)  # fmt: skip

read_endpoints(
    router,
    "letters",
    app="disclosure",
    title="群众来信",
    schema=LetterOut,
    queryset=lambda user: selectors.letter_list(user=user),
    date_field="received_on",
)
read_endpoints(
    router,
    "requests",
    app="disclosure",
    title="依申请公开",
    schema=RequestOut,
    queryset=lambda user: selectors.request_list(user=user),
    date_field="received_on",
)
read_endpoints(router, "items", app="disclosure", title="主动公开信息", schema=ItemOut,
               queryset=lambda user: ProactiveItem.objects.for_user(user),
               date_field="published_on")  # fmt: skip


ChannelWord = Literal[tuple(w for v, label in LetterChannel.choices for w in (v, str(label)))]


class LetterIn(Schema):
    number: str = Field(
        ...,
        min_length=1,
        max_length=64,
        title="信件编号",
        description="幂等键：本单位内同一编号只保留一条",
    )
    channel: ChannelWord = Field(..., title="来信渠道", description="代码或中文名称")  # type: ignore[valid-type]
    received_on: IsoDate = Field(..., title="收信日期")
    subject: str = Field(..., min_length=1, max_length=300, title="主题")
    content: str = Field("", max_length=20000, title="来信内容")


class LetterWritten(Schema):
    created: bool = Field(..., title="本次新建")
    letter: LetterOut = Field(..., title="来信")  # type: ignore[valid-type]


CHANNELS = {
    **{str(label): value for value, label in LetterChannel.choices},
    **{v: v for v in LetterChannel.values},
}


def _same(letter: Letter, payload: LetterIn, channel: str) -> bool:
    return (letter.channel, letter.received_on, letter.subject, letter.content) == (
        channel, payload.received_on, payload.subject.strip(), payload.content.strip(),
    )  # fmt: skip


@router.post(
    "/letters",
    response={200: LetterWritten, 201: LetterWritten},
    auth=TokenAuth(Scope.WRITE_LETTERS),
    summary="提交群众来信",
    description="信箱系统推送来信，经登记服务（回复期限按渠道规则计算）。同一编号重复提交返回 200 和已有来信；"
    "编号相同而内容不同返回 409。",
    operation_id="disclosure_letter_submit",
)
def letter_submit(request, payload: LetterIn):
    account = request.auth.account
    number = payload.number.strip()
    channel = CHANNELS.get(payload.channel.strip())
    if channel is None:
        allowed = "、".join(str(label) for _v, label in LetterChannel.choices)
        raise ApiError(422, f"来信渠道无效（可填：{allowed}）。",
                       [{"field": "channel", "message": f"可填：{allowed}"}])  # fmt: skip
    existing = selectors.letter_list(user=account).filter(unit=account.unit, number=number).first()
    if existing is None:
        try:
            with transaction.atomic():
                letter = letter_receive(
                    actor=account, number=number, channel=channel,
                    received_on=payload.received_on, subject=payload.subject.strip(),
                    content=payload.content.strip(),
                )  # fmt: skip
            return Status(201, {"created": True, "letter": letter})
        except ValidationError as exc:
            existing = (
                selectors.letter_list(user=account).filter(unit=account.unit, number=number).first()
            )
            if existing is None:
                details = django_details(exc)
                raise ApiError(422, "；".join(d["message"] for d in details[:5]), details) from exc
        except IntegrityError:
            existing = (
                selectors.letter_list(user=account).filter(unit=account.unit, number=number).first()
            )
            if existing is None:
                raise
    if not _same(existing, payload, channel):
        raise ApiError(409, f"信件编号“{number}”已登记，内容与本次提交不同。",
                       [{"field": "number", "message": "编号已存在"}])  # fmt: skip
    return Status(200, {"created": False, "letter": existing})
