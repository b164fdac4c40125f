"""Excel import of the normative-document ledger (documents published before the platform).

Every row or none: a registration number that does not match the pattern (N5) or is used twice
(N4), a filing date before publication (N7), an unknown unit — any bad cell refuses the file.
The 30-day entry-into-force rule (N6) is not re-checked for history: the exception may have
been recorded on paper.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.imports import RowCollector, UnitResolver, choice
from fazhi.core.xlsx import Column, parse_date, parse_identifier
from fazhi.deadlines.services import clock_close, clock_start
from fazhi.normdocs import conf
from fazhi.normdocs.models import DocState, IssuerKind, NormativeDocument
from fazhi.normdocs.services import FILING_RULE

NORMDOC_COLUMNS = [
    Column("制定机关", "unit"),
    Column("文件名称", "title"),
    Column("制定机关类型", "issuer_kind", choice(IssuerKind)),
    Column("发文字号", "document_number", parse_identifier, required=False),
    Column("统一登记号", "registration_number", parse_identifier),
    Column("公布日期", "published_on", parse_date),
    Column("施行日期", "effective_on", parse_date),
    Column("有效期至", "valid_until", parse_date),
    Column("报备日期", "filed_on", parse_date, required=False),
    Column("备案机关", "filed_with", required=False),
    Column("正文", "body", required=False),
]


@transaction.atomic
def normdoc_import(*, actor, rows: list[dict]) -> int:
    collector = RowCollector(NORMDOC_COLUMNS)
    units = UnitResolver(actor)
    pattern = conf.registration_pattern()
    seen: dict[str, int] = {}
    created = 0
    for row in rows:
        number = row["_row"]
        unit = units.get(row["unit"])
        if unit is None:
            collector.add(number, "制定机关", f"单位“{row['unit']}”不存在或不在本账号管辖范围内")
            continue
        registration = str(row["registration_number"]).strip()
        if not pattern.match(registration):
            example = conf.format_registration_number(2024, 1)
            collector.add(
                number, "统一登记号", f"“{registration}”不符合规定格式（如 {example}，N5）"
            )
            continue
        if registration in seen:
            collector.add(number, "统一登记号", f"“{registration}”与第{seen[registration]}行重复")
            continue
        seen[registration] = number
        if NormativeDocument.objects.filter(registration_number=registration).exists():
            collector.add(number, "统一登记号", f"“{registration}”已被其他文件使用")
            continue
        if row.get("filed_on") and row["filed_on"] < row["published_on"]:
            collector.add(
                number,
                "报备日期",
                "报备日期不能早于公布日期（《湖南省规范性文件管理办法》第二十二条）",
            )
            continue
        document = NormativeDocument(
            unit=unit,
            title=row["title"],
            body=row.get("body") or "",
            issuer_kind=row["issuer_kind"],
            document_number=row.get("document_number") or "",
            state=DocState.PUBLISHED,
            registration_number=registration,
            registered_on=row["published_on"],
            published_on=row["published_on"],
            effective_on=row["effective_on"],
            valid_until=row["valid_until"],
            filed_on=row.get("filed_on"),
            filed_with=row.get("filed_with") or "",
            consultation_exempt_reason="历史文件导入",
        )
        try:
            document.full_clean()
        except ValidationError as exc:
            collector.field_errors(number, exc)
            continue
        document.save()
        _filing_clock(document)
        created += 1
    collector.raise_if_any()
    return created


def _filing_clock(document: NormativeDocument) -> None:
    """The filing clock of an imported document (《湖南省规范性文件管理办法》第二十二条), as
    publishing starts it; closed on the filing date when the ledger has one, so the due date the
    indicators read is stored for every published document."""
    clock = clock_start(
        rule_code=FILING_RULE,
        trigger_date=document.published_on,
        subject=document,
        unit=document.unit,
        label=f"规范性文件报备：{document.title}",
    )
    if document.filed_on is not None:
        clock_close(clock=clock, on=document.filed_on)
