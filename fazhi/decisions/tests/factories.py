"""Factories of the major-decision register and its isolation factories."""

import itertools
from datetime import date

from fazhi.core.testing.isolation import isolation_factory
from fazhi.decisions.models import (
    CatalogItem,
    DecisionCatalog,
    DecisionCategory,
    DecisionStep,
    MajorDecision,
    StepKind,
)

_seq = itertools.count(1)


@isolation_factory("decisions.DecisionCatalog")
def make_catalog(unit, **fields) -> DecisionCatalog:
    values = {"year": 2000 + next(_seq) % 90, "title": "年度重大行政决策事项目录"}
    values.update(fields)
    return DecisionCatalog.objects.create(unit=unit, **values)


@isolation_factory("decisions.CatalogItem")
def make_catalog_item(unit, catalog=None, **fields) -> CatalogItem:
    catalog = catalog or make_catalog(unit)
    values = {
        "order": catalog.items.count() + 1,
        "title": "编制某专项规划",
        "category": DecisionCategory.PLAN,
        "lead_unit": unit,
        "planned_date": date(2024, 9, 30),
    }
    values.update(fields)
    return CatalogItem.objects.create(unit=catalog.unit, catalog=catalog, **values)


@isolation_factory("decisions.MajorDecision")
def make_decision(unit, **fields) -> MajorDecision:
    values = {
        "title": f"某重大公共政策{next(_seq)}",
        "year": 2024,
        "category": DecisionCategory.PUBLIC_POLICY,
        "lead_unit": unit,
    }
    values.update(fields)
    return MajorDecision.objects.create(unit=unit, **values)


@isolation_factory("decisions.DecisionStep")
def make_step(unit, decision=None, **fields) -> DecisionStep:
    decision = decision or make_decision(unit)
    values = {
        "kind": StepKind.EXPERT_REVIEW,
        "completed_on": date(2024, 4, 1),
        "evidence": "专家论证会纪要",
    }
    values.update(fields)
    return DecisionStep.objects.create(unit=decision.unit, decision=decision, **values)
