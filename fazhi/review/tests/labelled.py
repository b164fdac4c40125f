"""The labelled set of the assisted review (tests/data/README.md) and its scoring: precision and
recall per kind, used by the quality test and by bench/bench_review.py."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from fazhi.review.drafts import parse_text
from fazhi.review.flagging import flag_draft

DATA = Path(__file__).resolve().parent / "data"
# The part of a document each document-level rule looks for (labels name the part, in Chinese).
PART_OF_RULE = {
    "missing-validity": "有效期",
    "missing-effective-date": "施行日期",
    "missing-basis": "制定依据",
    "missing-number": "文号",
    "missing-issuer": "制发机关",
    "effective-too-early": "施行过早",
}


def load(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@dataclass
class Score:
    tp: Counter = field(default_factory=Counter)
    fp: Counter = field(default_factory=Counter)
    fn: Counter = field(default_factory=Counter)
    misses: list = field(default_factory=list)
    false_alarms: list = field(default_factory=list)

    def add(self, item_id: str, text: str, expected: set, found: set) -> None:
        for key in expected & found:
            self.tp[key[0]] += 1
        for key in found - expected:
            self.fp[key[0]] += 1
            self.false_alarms.append((item_id, key, text))
        for key in expected - found:
            self.fn[key[0]] += 1
            self.misses.append((item_id, key, text))

    def kinds(self) -> list[str]:
        return sorted(set(self.tp) | set(self.fp) | set(self.fn))

    def precision(self, kind: str | None = None) -> float:
        tp = self.tp[kind] if kind else sum(self.tp.values())
        fp = self.fp[kind] if kind else sum(self.fp.values())
        return tp / (tp + fp) if tp + fp else 1.0

    def recall(self, kind: str | None = None) -> float:
        tp = self.tp[kind] if kind else sum(self.tp.values())
        fn = self.fn[kind] if kind else sum(self.fn.values())
        return tp / (tp + fn) if tp + fn else 1.0


def evaluate(rules, repealed, clause_file: str = "clauses.jsonl", documents: bool = True) -> Score:
    """Run the engine on every labelled clause (clause rules only) and every labelled document
    (document rules only) and compare with the labels."""
    score = Score()
    for item in load(clause_file):
        clauses = parse_text(item["text"])
        found = {(f.kind,) for f in flag_draft(clauses, rules, repealed, document_checks=False)}
        expected = {(label["kind"],) for label in item["labels"]}
        score.add(item["id"], item["text"], expected, found)
    document_rules = [r for r in rules if r.code in PART_OF_RULE]
    for item in load("documents.jsonl") if documents else []:
        clauses = parse_text(item["text"])
        findings = flag_draft(clauses, document_rules, [], document_checks=True)
        found = {(f.kind, PART_OF_RULE[f.rule.code]) for f in findings}
        expected = {(label["kind"], label["part"]) for label in item["labels"]}
        score.add(item["id"], item["text"][:40], expected, found)
    return score


def report(score: Score) -> str:
    lines = [f"{'kind':<12} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>10} {'recall':>8}"]
    for kind in score.kinds():
        lines.append(
            f"{kind:<12} {score.tp[kind]:>4} {score.fp[kind]:>4} {score.fn[kind]:>4} "
            f"{score.precision(kind):>10.3f} {score.recall(kind):>8.3f}"
        )
    lines.append(
        f"{'all':<12} {sum(score.tp.values()):>4} {sum(score.fp.values()):>4} "
        f"{sum(score.fn.values()):>4} {score.precision():>10.3f} {score.recall():>8.3f}"
    )
    return "\n".join(lines)
