"""The office's file of the 指标体系, read into a tree (used by services and imports).

One row per third-level indicator; a row names its first- and second-level indicators with
their scores; the rows of one first-level (second-level) indicator must agree on its score, and
the scores must add up (三级之和 = 二级分值, 二级之和 = 一级分值). 平台佐证 names the platform's
evidence in Chinese (指标：…, 核查：…, 台账：…, 材料：…); an unknown name is an error naming row
and column.
"""

from __future__ import annotations

import re
from decimal import Decimal

from fazhi.assessment.models import EvidenceKind
from fazhi.core.imports import RowCollector
from fazhi.core.plugins import ensure_discovered, menu_entries
from fazhi.core.xlsx import Column, parse_decimal
from fazhi.indicators import registry

HEADERS = [
    "一级指标",
    "一级分值",
    "二级指标",
    "二级分值",
    "序号",
    "三级指标",
    "分值",
    "评分标准",
    "平台佐证",
]
COLUMNS = [
    Column("一级指标", "first", str),
    Column("一级分值", "first_score", parse_decimal),
    Column("二级指标", "second", str),
    Column("二级分值", "second_score", parse_decimal),
    Column("序号", "number", lambda v: str(v).strip()),
    Column("三级指标", "name", str),
    Column("分值", "score", parse_decimal),
    Column("评分标准", "guidance", str, required=False),
    Column("平台佐证", "evidence", str, required=False),
]
KIND_WORDS = {label: value for value, label in EvidenceKind.choices}
SEPARATORS = re.compile(r"[；;\n]+")


class EvidenceNames:
    """Chinese names of what a leaf may cite: indicators, compliance checks, menu titles."""

    def __init__(self):
        registry.autodiscover()
        self.indicators = {s.name: code for code, s in registry.indicators().items()}
        self.checks = {s.name: code for code, s in registry.checks().items()}
        ensure_discovered("menu")
        self.menus = {entry.title for entry in menu_entries()}

    def parse(self, text: str) -> tuple[list[dict], list[str]]:
        """The evidence entries of a cell, and the reasons of the parts not understood."""
        entries, errors = [], []
        for part in filter(None, (p.strip() for p in SEPARATORS.split(text or ""))):
            word, _sep, name = part.replace(":", "：").partition("：")
            kind, name = KIND_WORDS.get(word.strip()), name.strip()
            if kind is None or not name:
                errors.append(f"“{part}”应写成“指标：名称”“核查：名称”“台账：名称”或“材料：名称”")
            elif kind == EvidenceKind.INDICATOR and name not in self.indicators:
                errors.append(f"平台没有名为“{name}”的指标（见统计与报告 › 指标目录）")
            elif kind == EvidenceKind.CHECK and name not in self.checks:
                errors.append(f"平台没有名为“{name}”的核查项目")
            elif kind == EvidenceKind.REGISTER and name not in self.menus:
                errors.append(f"平台没有名为“{name}”的台账或页面（应为左侧菜单中的名称）")
            else:
                target = {
                    EvidenceKind.INDICATOR: self.indicators.get(name),
                    EvidenceKind.CHECK: self.checks.get(name),
                }.get(kind, name)
                entries.append({"kind": kind, "target": target, "label": name})
        return entries, errors


def check_tree(rows: list[dict]) -> tuple[list[dict], RowCollector]:
    """Group the rows into the tree, checking names, scores and evidence; returns the first-level
    nodes (with their second-level nodes and leaves) and the collected row errors."""
    collector = RowCollector(COLUMNS)
    names = EvidenceNames()
    firsts: dict[str, dict] = {}
    for row in rows:
        number = row["_row"]
        first = firsts.setdefault(
            row["first"],
            {"name": row["first"], "score": row["first_score"], "row": number, "children": {}},
        )
        if first["score"] != row["first_score"]:
            collector.add(number, "一级分值", f"与第{first['row']}行的“{row['first']}”分值不一致")
        second = first["children"].setdefault(
            row["second"],
            {"name": row["second"], "score": row["second_score"], "row": number, "leaves": []},
        )
        if second["score"] != row["second_score"]:
            collector.add(number, "二级分值", f"与第{second['row']}行的“{row['second']}”分值不一致")
        evidence, errors = names.parse(row.get("evidence") or "")
        for reason in errors:
            collector.add(number, "平台佐证", reason)
        second["leaves"].append({**row, "evidence": evidence})
    for first in firsts.values():
        seconds = first["children"].values()
        total = sum((s["score"] for s in seconds), Decimal(0))
        if total != first["score"]:
            collector.add(
                first["row"],
                "一级分值",
                f"二级指标分值之和为{total}，与一级分值{first['score']}不符",
            )
        for second in seconds:
            total = sum((leaf["score"] for leaf in second["leaves"]), Decimal(0))
            if total != second["score"]:
                collector.add(
                    second["row"],
                    "二级分值",
                    f"三级指标分值之和为{total}，与二级分值{second['score']}不符",
                )
    return list(firsts.values()), collector
