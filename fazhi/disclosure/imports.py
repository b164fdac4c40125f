"""The portal CMS's export of published items (one import path: fazhi.core.imports)."""

from __future__ import annotations

from fazhi.core.imports import ImportSpec, RowCollector, choice
from fazhi.core.xlsx import Column, parse_date
from fazhi.disclosure.models import Category, ProactiveItem
from fazhi.disclosure.services import proactive_items_store

ITEM_COLUMNS = [
    Column("发布编号", "source_ref"),
    Column("标题", "title"),
    Column("栏目", "column"),
    Column("类别", "category", choice(Category)),
    Column("形成日期", "formed_on", parse_date),
    Column("发布日期", "published_on", parse_date),
]


def _store(actor, rows):
    collector = RowCollector(ITEM_COLUMNS)
    for row in rows:
        if row["published_on"] < row["formed_on"]:
            collector.add(row["_row"], "发布日期", "发布日期早于信息形成日期")
    collector.raise_if_any()
    return proactive_items_store(actor=actor, rows=rows)


ITEM_IMPORT = ImportSpec(
    name="disclosure.ProactiveItem",
    columns=ITEM_COLUMNS,
    store=_store,
    natural_key=("source_ref",),
    existing_keys=lambda actor, keys: {
        (ref,)
        for ref in ProactiveItem.objects.filter(
            unit_id=getattr(actor, "unit_id", None), source_ref__in=[str(k[0]) for k in keys]
        ).values_list("source_ref", flat=True)
    },
)
