"""Reads of the major-decision register: scoped lists, the statutory checklist, catalog status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from fazhi.core.models import Unit
from fazhi.decisions import conf
from fazhi.decisions.models import (
    CatalogState,
    DecisionCatalog,
    DecisionState,
    DecisionStep,
    MajorDecision,
    StepKind,
)
from fazhi.decisions.workflow import required_pre_decision_steps
from fazhi.review.selectors import advisor_opinions_for, passed_review_for


def decision_list(*, user, year: int | None = None, state: str | None = None) -> QuerySet:
    qs = MajorDecision.objects.for_user(user).select_related("unit", "lead_unit")
    if year:
        qs = qs.filter(year=year)
    if state:
        qs = qs.filter(state=state)
    return qs


def catalog_list(*, user, year: int | None = None) -> QuerySet:
    qs = DecisionCatalog.objects.for_user(user).select_related("unit")
    return qs.filter(year=year) if year else qs


@dataclass(frozen=True)
class ChecklistRow:
    kind: str
    label: str
    required: bool
    done: bool
    completed_on: date | None
    evidence: str
    citation: str


STEP_ORDER = [
    (StepKind.PUBLIC_PARTICIPATION, "第十四条、第十五条"),
    (StepKind.HEARING, "第十六条、第十七条"),
    (StepKind.EXPERT_REVIEW, "第十九条、第二十条"),
    (StepKind.RISK_ASSESSMENT, "第二十二条至第二十四条"),
    (StepKind.FAIR_COMPETITION, "第二十九条"),
    (StepKind.LEGALITY_REVIEW, "第二十五条至第二十八条"),
    (StepKind.COLLECTIVE_DISCUSSION, "第三十条"),
    (StepKind.PARTY_REPORT, "第三十一条"),
    (StepKind.PUBLICATION, "第三十二条"),
    (StepKind.ARCHIVING, "第三十三条"),
    (StepKind.IMPLEMENTATION_REPORT, "第三十四条、第三十五条"),
    (StepKind.POST_EVALUATION, "第三十六条"),
]
ALWAYS_REQUIRED = (
    StepKind.LEGALITY_REVIEW,
    StepKind.COLLECTIVE_DISCUSSION,
    StepKind.PARTY_REPORT,
    StepKind.PUBLICATION,
    StepKind.ARCHIVING,
)


def decision_checklist(decision: MajorDecision) -> list[ChecklistRow]:
    """Every statutory step in order, whether it applies, whether it is done, and its evidence."""
    required = {kind for kind, _ in required_pre_decision_steps(decision)} | set(ALWAYS_REQUIRED)
    steps: dict[str, list[DecisionStep]] = {}
    for step in decision.steps.order_by("completed_on", "pk"):
        steps.setdefault(step.kind, []).append(step)
    rows = []
    for kind, article in STEP_ORDER:
        done = steps.get(kind, [])
        latest = done[-1] if done else None
        evidence = "；".join(s.evidence for s in done)
        rows.append(
            ChecklistRow(
                kind=kind,
                label=StepKind(kind).label,
                required=kind in required,
                done=bool(done),
                completed_on=latest.completed_on if latest else None,
                evidence=evidence,
                citation=f"《重大行政决策程序暂行条例》{article}",
            )
        )
    return rows


def has_advisor_opinion(decision: MajorDecision) -> bool:
    return bool(decision.advisor_opinion_summary.strip()) or advisor_opinions_for(decision).exists()


def has_passed_review(decision: MajorDecision) -> bool:
    return passed_review_for(decision) is not None


def catalog_required_units(units) -> QuerySet:
    """Units expected to publish a yearly decision catalog (configurable kinds)."""
    return Unit.objects.filter(
        pk__in=units, kind__in=conf.setting("catalog_required_kinds"), active=True
    )


def decisions_awaiting_action(*, user) -> QuerySet:
    return MajorDecision.objects.for_user(user).filter(
        state__in=(DecisionState.REVIEW_PASSED, DecisionState.DECIDED, DecisionState.REPORTED)
    )


def catalogs_of(unit, year: int) -> QuerySet:
    return DecisionCatalog.objects.filter(unit=unit, year=year).order_by("pk")


def catalog_for(unit, year: int) -> DecisionCatalog | None:
    return catalogs_of(unit, year).first()


# --- public reads (the portal: no user, published catalogs only) -----------------------------


def published_catalogs(division) -> QuerySet:
    """The 重大行政决策事项目录 of `division`'s subtree in state 已公布."""
    return (
        DecisionCatalog.objects.filter(
            unit__division__path__startswith=division.path, state=CatalogState.PUBLISHED
        )
        .select_related("unit")
        .order_by("-year", "unit__name")
    )


def published_catalog(division, pk: int) -> DecisionCatalog | None:
    return published_catalogs(division).filter(pk=pk).first()


def published_catalog_items(catalog: DecisionCatalog) -> QuerySet:
    return catalog.items.select_related("lead_unit").order_by("order", "pk")
