"""Excel import of decision catalogs' items and of decisions taken before the platform.

Every row or none. A catalog item with no lead unit (D4) is refused; imported decisions keep
their recorded history as it was, so that the compliance checks can show, for example, a
decision discussed without any legal advisor's opinion."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from fazhi.core.imports import RowCollector, UnitResolver, choice
from fazhi.core.xlsx import Column, parse_count, parse_date
from fazhi.decisions.models import (
    CatalogItem,
    CatalogState,
    DecisionCatalog,
    DecisionCategory,
    DecisionState,
    MajorDecision,
)
from fazhi.decisions.workflow import scope_verdict

CATALOG_ITEM_COLUMNS = [
    Column("决策机关", "unit"),
    Column("年度", "year", parse_count),
    Column("决策事项", "title"),
    Column("决策类别", "category", choice(DecisionCategory)),
    Column("承办单位", "lead_unit"),
    Column("协办单位", "cooperating_units", required=False),
    Column("计划完成时间", "planned_date", parse_date),
]

DECISION_COLUMNS = [
    Column("决策机关", "unit"),
    Column("年度", "year", parse_count),
    Column("决策事项", "title"),
    Column("决策类别", "category", choice(DecisionCategory)),
    Column("承办单位", "lead_unit"),
    Column("状态", "state", choice(DecisionState), required=False),
    Column("集体讨论日期", "discussed_on", parse_date, required=False),
    Column("法律顾问意见", "advisor_opinion_summary", required=False),
]


@transaction.atomic
def catalog_items_import(*, actor, rows: list[dict]) -> int:
    collector = RowCollector(CATALOG_ITEM_COLUMNS)
    units = UnitResolver(actor)
    created = 0
    for row in rows:
        number = row["_row"]
        unit = units.get(row["unit"])
        if unit is None:
            collector.add(number, "决策机关", f"单位“{row['unit']}”不存在或不在本账号管辖范围内")
            continue
        lead = units.any(row["lead_unit"] or "")
        if lead is None:
            collector.add(
                number, "承办单位", f"承办单位“{row['lead_unit']}”不存在（决策条例第十一条，D4）"
            )
            continue
        catalog, _ = DecisionCatalog.objects.get_or_create(
            unit=unit,
            year=row["year"],
            defaults={"title": f"{unit.name}{row['year']}年度重大行政决策事项目录"},
        )
        if catalog.state != CatalogState.DRAFTING:
            collector.add(number, "年度", f"{catalog}已报党委同意或已公布，不能再导入事项")
            continue
        item = CatalogItem(
            unit=unit,
            catalog=catalog,
            order=catalog.items.count() + 1,
            title=row["title"],
            category=row["category"],
            lead_unit=lead,
            cooperating_units=row.get("cooperating_units") or "",
            planned_date=row["planned_date"],
        )
        verdict = scope_verdict(item)
        if not verdict:
            collector.add(number, "决策类别", verdict.reason)
            continue
        try:
            item.full_clean()
        except ValidationError as exc:
            collector.field_errors(number, exc)
            continue
        item.save()
        created += 1
    collector.raise_if_any()
    return created


@transaction.atomic
def decision_import(*, actor, rows: list[dict]) -> int:
    collector = RowCollector(DECISION_COLUMNS)
    units = UnitResolver(actor)
    created = 0
    for row in rows:
        number = row["_row"]
        unit = units.get(row["unit"])
        if unit is None:
            collector.add(number, "决策机关", f"单位“{row['unit']}”不存在或不在本账号管辖范围内")
            continue
        lead = units.any(row["lead_unit"] or "")
        if lead is None:
            collector.add(number, "承办单位", f"承办单位“{row['lead_unit']}”不存在")
            continue
        state = row.get("state") or (
            DecisionState.DECIDED if row.get("discussed_on") else DecisionState.DRAFTING
        )
        decided = state in (
            DecisionState.DECIDED,
            DecisionState.REPORTED,
            DecisionState.PUBLISHED,
            DecisionState.SUSPENDED,
            DecisionState.NOT_ADOPTED,
        )
        if decided and not row.get("discussed_on"):
            collector.add(
                number,
                "集体讨论日期",
                "已作出决定的事项须填写集体讨论日期（《重大行政决策程序暂行条例》第三十条）",
            )
            continue
        decision = MajorDecision(
            unit=unit,
            lead_unit=lead,
            year=row["year"],
            title=row["title"],
            category=row["category"],
            state=state,
            discussed_on=row.get("discussed_on"),
            advisor_opinion_summary=row.get("advisor_opinion_summary") or "",
            imported=True,
        )
        verdict = scope_verdict(decision)
        if not verdict:
            collector.add(number, "决策类别", verdict.reason)
            continue
        try:
            decision.full_clean()
        except ValidationError as exc:
            collector.field_errors(number, exc)
            continue
        decision.save()
        created += 1
    collector.raise_if_any()
    return created
