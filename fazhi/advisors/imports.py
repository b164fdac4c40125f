"""Excel import of advisor contracts (e.g. the 54 village contracts renewed each year).

Every row or none. An advisor not yet in the register is added to it (under the importing
user's unit); a client unit must be one the importing user may see."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from fazhi.advisors.models import AdvisorContract, AdvisorKind, LegalAdvisor
from fazhi.core.access import visible_unit_ids
from fazhi.core.models import Unit
from fazhi.core.xlsx import (
    Column,
    ImportProblems,
    RowError,
    parse_bool,
    parse_date,
    parse_decimal,
    parse_identifier,
)


def _kind(raw) -> str:
    labels = {str(label): value for value, label in AdvisorKind.choices}
    text = str(raw).strip()
    if text in labels:
        return labels[text]
    if text in AdvisorKind.values:
        return text
    raise ValueError(f"“{text}”不是有效的顾问类别（可填：{'、'.join(labels)}）")


CONTRACT_COLUMNS = [
    Column("合同编号", "contract_number", parse_identifier),
    Column("聘请单位", "unit"),
    Column("法律顾问", "advisor"),
    Column("执业证号", "licence_number", parse_identifier, required=False),
    Column("顾问类别", "kind", _kind, required=False),
    Column("执业机构", "organisation", required=False),
    Column("签订日期", "signed_on", parse_date),
    Column("服务起始日", "start_date", parse_date),
    Column("服务截止日", "end_date", parse_date),
    Column("服务费用（元）", "fee", parse_decimal),
    Column("服务范围", "scope"),
    Column("续签", "renewal", parse_bool, required=False),
]
HEADERS = {c.key: c.header for c in CONTRACT_COLUMNS}


def _advisor(actor, row) -> LegalAdvisor:
    """The advisor named by the row, looked up only among advisors the importing user may see:
    another unit's advisor is "not found", with no detail (no name, no unit)."""
    licence = (row.get("licence_number") or "").strip()
    name = row["advisor"].strip()
    visible = LegalAdvisor.objects.for_user(actor)
    if licence:
        found = visible.filter(licence_number=licence).first()
    else:
        found = visible.filter(name=name).first()
    if found is not None:
        if found.name != name:
            raise ValidationError({"advisor": f"执业证号{licence}登记的顾问是“{found.name}”"})
        return found
    if licence and LegalAdvisor.objects.filter(licence_number=licence).exists():
        raise ValidationError(
            {"licence_number": f"执业证号{licence}不在本账号可见的法律顾问名册中"}
        )
    advisor = LegalAdvisor(
        unit=actor.unit,
        name=name,
        kind=row.get("kind") or AdvisorKind.LAWYER,
        organisation=row.get("organisation") or "",
        licence_number=licence,
    )
    advisor.full_clean()
    advisor.save()
    return advisor


@transaction.atomic
def contract_import(*, actor, rows: list[dict]) -> int:
    problems = ImportProblems()
    visible = visible_unit_ids(actor)
    units = Unit.objects.all() if visible is None else Unit.objects.filter(pk__in=visible)
    seen: dict[str, int] = {}
    created = 0
    for row in rows:
        number = row["_row"]
        name = row["unit"].strip()
        matches = list(units.filter(Q(name=name) | Q(short_name=name))[:2])
        if len(matches) != 1:
            problems.errors.append(
                RowError(number, "聘请单位", f"单位“{name}”不存在或不在本账号管辖范围内")
            )
            continue
        key = row["contract_number"].strip()
        if key in seen:
            problems.errors.append(RowError(number, "合同编号", f"与第{seen[key]}行重复"))
            continue
        seen[key] = number
        try:
            advisor = _advisor(actor, row)
            contract = AdvisorContract(
                unit=matches[0],
                advisor=advisor,
                contract_number=key,
                signed_on=row["signed_on"],
                start_date=row["start_date"],
                end_date=row["end_date"],
                fee=row["fee"],
                scope=row["scope"],
                renewal=bool(row.get("renewal")),
            )
            contract.full_clean()
            contract.save()
            created += 1
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        problems.errors.append(RowError(number, HEADERS.get(field, "-"), message))
            else:
                problems.errors.extend(RowError(number, "-", m) for m in exc.messages)
    if problems.errors:
        raise problems
    return created
