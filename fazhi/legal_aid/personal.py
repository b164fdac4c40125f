"""Personal identifiers of the public legal services (legal aid, mediation, corrections).

These registers hold the most sensitive personal data of the platform (security.md D2, G3):
identity numbers, phones and addresses are `EncryptedTextField`s, searched only through a blind
index and shown masked. This module is the one place that checks an identity number or a phone
and builds the bulk export of personal data (a stated reason, a watermark with user and time,
a rate limit, an access-log entry). Mediation and corrections use it too.
"""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone
from stdnum import numdb
from stdnum.cn import ric
from stdnum.exceptions import InvalidComponent

from fazhi.core.audit import record_access_event
from fazhi.core.crypto import mask
from fazhi.core.models import AccessEvent, AccessEventKind
from fazhi.core.xlsx import escape_cell

ID_LABEL = "居民身份证号码"
# G3: bulk exports of personal data per user per hour before the next one is refused.
PERSONAL_EXPORTS_PER_HOUR = 5


def normalise(number: str | None) -> str:
    return (number or "").strip().replace(" ", "").upper()


def resident_id_problem(number: str) -> str:
    """Why `number` is not a valid resident identity number ("" when it is)."""
    if len(number) != 18:
        return f"{ID_LABEL}应为18位，实为{len(number)}位"
    if not number[:-1].isdigit() or not (number[-1].isdigit() or number[-1] == "X"):
        return f"{ID_LABEL}含有不允许的字符"
    if number[-1] != ric.calc_check_digit(number):
        return f"{ID_LABEL}的校验位错误，请核对"
    try:
        ric.get_birth_date(number)
    except InvalidComponent:
        return f"{ID_LABEL}中的出生日期无效"
    if not any(props for _part, props in numdb.get("cn/loc").info(number[:6])):
        return f"{ID_LABEL}的地区代码 {number[:6]} 不存在"
    return ""


def validate_resident_id(number: str | None, *, field: str, required: bool = True) -> str:
    """The compact number, or a Chinese ValidationError on `field` (the number is not echoed:
    it is personal data and messages end up in logs)."""
    number = normalise(number)
    if not number:
        if required:
            raise ValidationError({field: f"请填写{ID_LABEL}。"})
        return ""
    problem = resident_id_problem(number)
    if problem:
        raise ValidationError({field: problem + "。"})
    return number


def validate_phone(number: str | None, *, field: str) -> str:
    number = normalise(number).replace("-", "")
    if number and (not number.isdigit() or not 7 <= len(number) <= 12):
        raise ValidationError({field: "联系电话应为7至12位数字。"})
    return number


def birth_date_of(number: str):
    return ric.get_birth_date(number) if number else None


def masked_id(value: str | None) -> str:
    return mask(value, "id")


def masked_phone(value: str | None) -> str:
    return mask(value, "phone")


def masked_text(value: str | None) -> str:
    return mask(value, "text")


def masked_name(value: str | None) -> str:
    return mask(value, "name")


# --- bulk export of personal data (security.md G3) -----------------------------------------


def _recent_personal_exports(user) -> int:
    since = timezone.now() - timedelta(hours=1)
    return AccessEvent.objects.filter(
        kind=AccessEventKind.EXPORT, user=user, occurred_at__gte=since, detail__personal=True
    ).count()


def personal_export(*, actor, request, label: str, headers, rows, reason: str) -> bytes:
    """An .xlsx of personal data: refused without a reason or over the hourly limit; the file
    carries a watermark (user, time, reason) on every printed page and above the table; the
    export is one access-log entry naming the ledger, the row count and the reason."""
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ValidationError("导出个人信息须写明用途（至少4个字）。")
    if _recent_personal_exports(actor) >= PERSONAL_EXPORTS_PER_HOUR:
        raise ValidationError(
            f"一小时内导出个人信息已达{PERSONAL_EXPORTS_PER_HOUR}次，请稍后再试或联系安全管理员。"
        )
    from openpyxl import Workbook

    rows = [list(r) for r in rows]
    now = timezone.localtime()
    mark = f"{actor.display_name}（{actor.username}）{now:%Y-%m-%d %H:%M} 导出 · 用途：{reason} · 严禁外传"
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = label[:31]
    sheet.append([mark])
    sheet.append([escape_cell(h) for h in headers])
    for row in rows:
        sheet.append([escape_cell(v) for v in row])
    sheet.oddHeader.center.text = mark
    sheet.oddFooter.center.text = f"{actor.username} {now:%Y-%m-%d %H:%M}"
    workbook.properties.creator = actor.username
    workbook.properties.description = mark
    buffer = io.BytesIO()
    workbook.save(buffer)
    record_access_event(
        request,
        AccessEventKind.EXPORT,
        user=actor,
        detail={"model": label, "rows": len(rows), "personal": True, "reason": reason},
    )
    return buffer.getvalue()
