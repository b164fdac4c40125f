"""Writes of government information disclosure: proactive items, interpretations, letters,
requests (through the step table in workflow.py), 文书 templates and the annual report."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.models import Role
from fazhi.deadlines.calendar import load_calendar
from fazhi.deadlines.engine import compute
from fazhi.deadlines.rules import effective_rule
from fazhi.deadlines.selectors import clock_for
from fazhi.deadlines.services import clock_extend, clock_start, compute_due
from fazhi.disclosure import fees
from fazhi.disclosure.deadlines import CORRECTION_NOTICE, LETTER_RULES, PROACTIVE, REPLY
from fazhi.disclosure.models import (
    DisclosureRequest,
    DocumentTemplate,
    Interpretation,
    Letter,
    LetterState,
    ProactiveItem,
    ReplyType,
    RequestChannel,
    RequestEvent,
)
from fazhi.disclosure.workflow import WORKFLOW


def _require_business_user(actor) -> None:
    if actor is not None and not (
        actor.is_superuser or actor.has_role(Role.CLERK, Role.UNIT_HEAD, Role.OFFICE_STAFF)
    ):
        raise ValidationError("当前账号无权办理政务公开事项。")


def _unit(actor, unit):
    unit = unit or getattr(actor, "unit", None)
    if unit is None:
        raise ValidationError("须指定所属单位。")
    return unit


# --- proactive disclosure ------------------------------------------------------------------


@transaction.atomic
def proactive_items_store(*, actor, rows: list[dict], unit=None) -> int:
    """Store published items (from the CMS export or entered); each one's 20-working-day
    deadline (第二十六条) is computed with the calendar loaded once."""
    _require_business_user(actor)
    unit = _unit(actor, unit)
    rule = effective_rule(PROACTIVE)
    cal = load_calendar()
    items = []
    for row in rows:
        due = compute(cal, trigger=row["formed_on"], length=rule.length, unit=rule.unit).due_date
        item = ProactiveItem(
            unit=unit,
            source_ref=str(row["source_ref"]).strip(),
            title=row["title"],
            column=row["column"],
            category=row["category"],
            formed_on=row["formed_on"],
            published_on=row["published_on"],
            due_date=due,
            on_time=row["published_on"] <= due,
        )
        item.full_clean(validate_unique=False)
        items.append(item)
    ProactiveItem.objects.bulk_create(items)
    return len(items)


@transaction.atomic
def interpretation_publish(
    *, actor, title: str, form: str, published_on: date, subject: str = "", document=None,
    unit=None,
) -> Interpretation:  # fmt: skip
    _require_business_user(actor)
    record = Interpretation(
        unit=_unit(actor, unit), title=title, form=form, published_on=published_on,
        subject=subject, document=document,
    )  # fmt: skip
    record.full_clean()
    record.save()
    return record


# --- letters -------------------------------------------------------------------------------


@transaction.atomic
def letter_receive(
    *, actor, number: str, channel: str, received_on: date, subject: str, content: str = "",
    unit=None,
) -> Letter:  # fmt: skip
    """Register a letter; its reply deadline follows the channel's rule (configurable)."""
    _require_business_user(actor)
    if channel not in LETTER_RULES:
        raise ValidationError({"channel": "来信渠道无效。"})
    letter = Letter(
        unit=_unit(actor, unit), number=number, channel=channel, received_on=received_on,
        subject=subject, content=content,
        due_date=compute_due(LETTER_RULES[channel], received_on).due_date,
    )  # fmt: skip
    letter.full_clean()
    letter.save()
    return letter


@transaction.atomic
def letter_reply(*, actor, letter: Letter, on: date, reply: str) -> Letter:
    _require_business_user(actor)
    letter = Letter.objects.select_for_update().get(pk=letter.pk)
    if letter.state == LetterState.REPLIED:
        raise ValidationError("该来信已回复。")
    if not reply.strip():
        raise ValidationError({"reply": "须填写回复内容。"})
    letter.replied_on, letter.reply, letter.state = on, reply, LetterState.REPLIED
    letter.version += 1
    letter.updated_by = actor if getattr(actor, "pk", None) else None
    letter.full_clean()
    letter.save()
    return letter


# --- requests (依申请公开) -------------------------------------------------------------------


def receipt_date(channel: str, *, submitted_on: date, signed_on=None, confirmed_on=None) -> date:
    """O2 (《政府信息公开条例》第三十一条): the day the request counts as received."""
    if channel == RequestChannel.IN_PERSON:
        return submitted_on
    if channel == RequestChannel.SIGNED_MAIL:
        if signed_on is None:
            raise ValidationError(
                {
                    "signed_on": "邮寄申请以签收之日为收到申请之日，请填写签收日期（《政府信息公开条例》第三十一条第（二）项）。"
                }
            )
        return signed_on
    if confirmed_on is None:
        raise ValidationError(
            {
                "confirmed_on": "平常信函、互联网或传真申请以双方确认之日为收到申请之日，请填写确认日期（《政府信息公开条例》第三十一条）。"
            }
        )
    return confirmed_on


@transaction.atomic
def request_receive(
    *, actor, number: str, applicant_name: str, applicant_type: str, channel: str,
    submitted_on: date, description: str, signed_on=None, confirmed_on=None, contact: str = "",
    form_requested: str = "", unit=None,
) -> DisclosureRequest:  # fmt: skip
    """Register a request (O1) with its receipt date by channel (O2); start the 7-working-day
    補正 clock (O3) and the 20-working-day reply clock (O5)."""
    _require_business_user(actor)
    if not description.strip():
        raise ValidationError(
            {
                "description": "申请须写明所需政府信息的名称、文号或者便于查询的其他特征性描述（《政府信息公开条例》第二十九条）。"
            }
        )
    received_on = receipt_date(
        channel, submitted_on=submitted_on, signed_on=signed_on, confirmed_on=confirmed_on
    )
    request = DisclosureRequest(
        unit=_unit(actor, unit), number=number, applicant_name=applicant_name,
        applicant_type=applicant_type, channel=channel, submitted_on=submitted_on,
        signed_on=signed_on, confirmed_on=confirmed_on, received_on=received_on,
        description=description, contact=contact, form_requested=form_requested,
    )  # fmt: skip
    request.full_clean()
    request.save()
    owner = actor if getattr(actor, "pk", None) else None
    for code in (CORRECTION_NOTICE, REPLY):
        clock_start(rule_code=code, trigger_date=received_on, subject=request, unit=request.unit,
                    owner=owner, label=f"依申请公开{number} {effective_rule(code).name}")  # fmt: skip
    RequestEvent.objects.create(
        request=request, verb="receive", on=received_on, actor=owner,
        text=f"{received_on:%Y年%m月%d日}收到申请（{RequestChannel(channel).label}）",
        citation="《政府信息公开条例》第三十一条",
    )  # fmt: skip
    return request


def request_correction(*, actor, request, on: date, expected_version=None):
    """One-time 补正 notice (O3)."""
    return WORKFLOW.step("request_correction", request, actor=actor, on=on,
                         expected_version=expected_version)  # fmt: skip


def request_correct(*, actor, request, on: date, expected_version=None):
    """The corrected request arrived: the reply period runs again from `on` (O3)."""
    return WORKFLOW.step("correct", request, actor=actor, on=on, expected_version=expected_version)


def request_abandon(*, actor, request, on: date, expected_version=None):
    return WORKFLOW.step("abandon", request, actor=actor, on=on, expected_version=expected_version,
                         changes={"reply_type": ReplyType.OTHER_NO_CORRECTION})  # fmt: skip


def request_consult(*, actor, request, on: date, expected_version=None):
    """Consult the third party in writing (O4): the reply clock stops until it answers."""
    return WORKFLOW.step("consult_third_party", request, actor=actor, on=on,
                         expected_version=expected_version)  # fmt: skip


def request_consulted(*, actor, request, on: date, expected_version=None):
    return WORKFLOW.step("third_party_answered", request, actor=actor, on=on,
                         expected_version=expected_version)  # fmt: skip


def request_extend(*, actor, request, approver, reason: str, on: date | None = None,
                   expected_version=None):  # fmt: skip
    """Extend the reply period once by 20 working days, approved by the head (O5)."""

    def extend(ctx):
        clock = clock_for(ctx.obj, REPLY)
        if clock is None or not clock.is_open:
            raise ValidationError("答复期限已结束，不能延长。")
        clock_extend(clock=clock, days=effective_rule(REPLY).max_extension_days or 20,
                     approver=approver, reason=reason)  # fmt: skip

    return WORKFLOW.step("extend", request, actor=actor, approver=approver, on=on,
                         expected_version=expected_version, effect=extend)  # fmt: skip


def request_fee(request: DisclosureRequest, *, method: str = "count"):
    """The 信息处理费 of this request (O9): by the applicant's count in the calendar month or
    by pages, progressive."""
    month_start = request.received_on.replace(day=1)
    nth = DisclosureRequest.objects.filter(
        unit__division=request.unit.division, applicant_name=request.applicant_name,
        received_on__gte=month_start, received_on__lte=request.received_on,
    ).filter(pk__lte=request.pk).count()  # fmt: skip
    return fees.fee_for(nth_in_month=nth, pages=request.pages, method=method)


def request_reply(*, actor, request, on: date, reply_type: str, basis: str = "", pages: int = 0,
                  charge: bool = False, fee_method: str = "count", expected_version=None):  # fmt: skip
    """Answer the request (O5, O8); `charge` applies the progressive fee (O9), by the
    applicant's count of requests in the month or by pages (`fee_method`), never both."""
    changes = {"pages": pages}
    if charge:
        request.pages = pages
        changes["fee"] = request_fee(request, method=fee_method)
    return WORKFLOW.step("reply", request, actor=actor, on=on, reply_type=reply_type,
                         basis=basis, changes=changes, expected_version=expected_version)  # fmt: skip


# --- templates -----------------------------------------------------------------------------


@transaction.atomic
def template_save(*, actor, kind: str, title: str, body: str, unit=None) -> DocumentTemplate:
    _require_business_user(actor)
    unit = _unit(actor, unit)
    template, _ = DocumentTemplate.objects.update_or_create(
        unit=unit, kind=kind, defaults={"title": title, "body": body}
    )
    template.full_clean()
    return template
