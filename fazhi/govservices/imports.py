"""Imports of government services.

- Applications: the set-based bulk import (`fazhi.govservices.bulk`), tens of thousands of rows.
- Daily tallies of the hall and the item catalog: the register machinery's one import path
  (`fazhi.core.imports.ImportSpec`).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from fazhi.core.imports import ImportSpec, RowCollector, UnitResolver, choice
from fazhi.core.xlsx import Column, parse_bool, parse_count, parse_date
from fazhi.govservices.models import HallTally, ItemType, ServiceItem, TallyKind
from fazhi.govservices.services import item_register, tallies_record

TALLY_COLUMNS = [
    Column("日期", "on", parse_date),
    Column("类别", "kind", choice(TallyKind)),
    Column("数量", "count", parse_count),
]


def _tally_keys(actor, keys):
    unit_id = getattr(actor, "unit_id", None)
    days = {k[0] for k in keys}
    stored = HallTally.objects.filter(unit_id=unit_id, on__in=days).values_list("on", "kind")
    return {(on, kind) for on, kind in stored}


TALLY_IMPORT = ImportSpec(
    name="govservices.HallTally",
    columns=TALLY_COLUMNS,
    store=lambda actor, rows: tallies_record(actor=actor, rows=rows),
    natural_key=("on", "kind"),
    existing_keys=_tally_keys,
)


ITEM_COLUMNS = [
    Column("事项编码", "code"),
    Column("事项名称", "name"),
    Column("实施单位", "department"),
    Column("事项类型", "item_type", choice(ItemType)),
    Column("承诺时限（工作日）", "promised_days", parse_count),
    Column("法定时限（工作日）", "statutory_days", parse_count, required=False),
    Column("可网上办理", "online", parse_bool, required=False),
    Column("可现场办理", "onsite", parse_bool, required=False),
    Column("一网通办认领日期", "platform_claimed_on", parse_date, required=False),
    Column("人员、流程配置完成日期", "platform_configured_on", parse_date, required=False),
]


def item_import(*, actor, rows: list[dict]) -> int:
    collector = RowCollector(ITEM_COLUMNS)
    resolver = UnitResolver(actor)
    created = 0
    for row in rows:
        department = resolver.any(row["department"])
        if department is None:
            collector.add(row["_row"], "实施单位", f"单位“{row['department']}”不存在")
            continue
        try:
            item_register(
                actor=actor,
                code=row["code"],
                name=row["name"],
                department=department,
                item_type=row["item_type"],
                promised_days=row["promised_days"],
                statutory_days=row.get("statutory_days"),
                online=row.get("online") is not False,
                onsite=row.get("onsite") is not False,
                platform_claimed_on=row.get("platform_claimed_on"),
                platform_configured_on=row.get("platform_configured_on"),
            )
            created += 1
        except ValidationError as exc:
            collector.field_errors(row["_row"], exc)
    collector.raise_if_any()
    return created


ITEM_IMPORT = ImportSpec(
    name="govservices.ServiceItem",
    columns=ITEM_COLUMNS,
    store=lambda actor, rows: item_import(actor=actor, rows=rows),
    natural_key=("code",),
    existing_keys=lambda actor, keys: {
        (c,)
        for c in ServiceItem.objects.filter(code__in=[k[0] for k in keys]).values_list(
            "code", flat=True
        )
    },
)
