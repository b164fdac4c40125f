"""Reads of the 示范创建 assessment: the tree of one assessment with every third-level
indicator's scores, files and the platform's evidence resolved for the division and year
(indicator values, compliance findings, registers), the totals per level and the gap list."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.urls import reverse
from django.utils.module_loading import import_string

from fazhi.assessment.models import Assessment, EvidenceFile, EvidenceKind, Framework, Item, Score
from fazhi.core.access import get_for_user_or_404
from fazhi.core.plugins import ensure_discovered, menu_entries
from fazhi.indicators.selectors import findings_for, indicator_values


def framework_list(*, user):
    return Framework.objects.for_user(user).select_related("imported_by")


def assessment_list(*, user):
    return Assessment.objects.for_user(user).select_related("framework")


def assessment_get(*, user, pk: int) -> Assessment:
    return get_for_user_or_404(
        Assessment.objects.select_related("framework", "unit__division"), user, pk=pk
    )


@dataclass
class Evidence:
    kind: str
    label: str
    url: str = ""  # empty: the user may not open it
    value: str = ""  # an indicator's figure, a check's number of findings, files uploaded
    attention: bool = False  # a finding or a missing upload: part of the gap list

    @property
    def kind_label(self) -> str:
        return EvidenceKind(self.kind).label


@dataclass
class Node:
    item: Item
    children: list = field(default_factory=list)
    score: Score | None = None
    evidence: list = field(default_factory=list)
    files: list = field(default_factory=list)
    self_total: Decimal = Decimal(0)
    review_total: Decimal = Decimal(0)
    final_total: Decimal = Decimal(0)

    @property
    def gap(self) -> bool:
        """A third-level indicator needing attention: points lost, not yet scored, a finding,
        or material still to upload."""
        if self.score is None:
            return False
        final = self.score.final_score
        return final is None or final < self.item.score or any(e.attention for e in self.evidence)


@dataclass
class Tree:
    assessment: Assessment
    roots: list[Node]
    leaves: list[Node]
    self_total: Decimal
    review_total: Decimal
    final_total: Decimal

    @property
    def gaps(self) -> list[Node]:
        return [leaf for leaf in self.leaves if leaf.gap]


def assessment_tree(*, assessment: Assessment, user) -> Tree:
    """Every node of the framework with its scores and evidence; a constant number of queries."""
    items = list(assessment.framework.items.order_by("order"))
    scores = {s.item_id: s for s in assessment.scores.select_related("self_by", "reviewed_by")}
    files = defaultdict(list)
    for upload in assessment.files.select_related("uploaded_by"):
        files[upload.item_id].append(upload)
    resolver = _EvidenceResolver(assessment, user, items)
    nodes = {item.pk: Node(item) for item in items}
    roots, leaves = [], []
    for item in items:
        node = nodes[item.pk]
        (nodes[item.parent_id].children if item.parent_id else roots).append(node)
        if item.level == 3:
            node.score = scores.get(item.pk)
            node.files = files[item.pk]
            node.evidence = resolver.resolve(item, node.files)
            leaves.append(node)
    for root in roots:
        _add_up(root)
    return Tree(
        assessment,
        roots,
        leaves,
        sum((r.self_total for r in roots), Decimal(0)),
        sum((r.review_total for r in roots), Decimal(0)),
        sum((r.final_total for r in roots), Decimal(0)),
    )


def _add_up(node: Node) -> None:
    if node.item.level == 3:
        score = node.score
        node.self_total = (score.self_score if score else None) or Decimal(0)
        node.review_total = (score.review_score if score else None) or Decimal(0)
        node.final_total = (score.final_score if score else None) or Decimal(0)
        return
    for child in node.children:
        _add_up(child)
    node.self_total = sum((c.self_total for c in node.children), Decimal(0))
    node.review_total = sum((c.review_total for c in node.children), Decimal(0))
    node.final_total = sum((c.final_total for c in node.children), Decimal(0))


class _EvidenceResolver:
    """Resolves the evidence a framework cites, once for all its leaves: indicator values of
    the division and year (one computation), the compliance findings (one pass), menu pages."""

    def __init__(self, assessment: Assessment, user, items: list[Item]):
        self.assessment, self.user = assessment, user
        self.division = assessment.unit.division
        cited = [e for item in items for e in item.evidence]
        codes = {e["target"] for e in cited if e["kind"] == EvidenceKind.INDICATOR}
        self.values = (
            indicator_values(codes, division_or_unit=self.division, year=assessment.year, user=user)
            if codes
            else {}
        )
        checks = {e["target"] for e in cited if e["kind"] == EvidenceKind.CHECK}
        self.findings = Counter(
            f.check
            for f in (
                findings_for(division_or_unit=self.division, year=assessment.year, user=user)
                if checks
                else []
            )
        )
        ensure_discovered("menu")
        self.menus = {entry.title: entry for entry in menu_entries()}
        self.viewer = SimpleNamespace(user=user)

    def resolve(self, item: Item, files: list[EvidenceFile]) -> list[Evidence]:
        return [self._one(entry, item, files) for entry in item.evidence]

    def _one(self, entry: dict, item: Item, files) -> Evidence:
        kind, target, label = entry["kind"], entry["target"], entry["label"]
        year = self.assessment.year
        if kind == EvidenceKind.INDICATOR:
            value = self.values.get(target)
            return Evidence(
                kind,
                label,
                reverse("indicators:provenance")
                + f"?division={self.division.pk}&year={year}&code={target}",
                value.display if value is not None else "",
            )
        if kind == EvidenceKind.CHECK:
            found = self.findings[target]
            return Evidence(
                kind,
                label,
                reverse("cockpit:findings") + f"?check={target}&year={year}",
                f"发现 {found} 项" if found else "未发现问题",
                attention=found > 0,
            )
        if kind == EvidenceKind.REGISTER:
            entry = self.menus.get(target)
            url = str(entry.link) if entry is not None and self._may_open(entry) else ""
            return Evidence(kind, label, url)
        url = reverse("assessment:detail", args=[self.assessment.pk]) + f"#item-{item.pk}"
        return Evidence(
            kind,
            label,
            url,
            f"已上传 {len(files)} 份" if files else "尚未上传",
            attention=not files,
        )

    def _may_open(self, entry) -> bool:
        permission = entry.permission
        if permission is None:
            return True
        check = import_string(permission) if isinstance(permission, str) else permission
        return bool(check(self.viewer))
