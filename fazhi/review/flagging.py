"""The flagging engine of the assisted review (issue 20 item 2): rules are data (`FlagRule`,
`RepealedLaw`), this module only applies them. Pure functions, no database access, so that the
benchmark and the tests run the very code the review screen runs.

A clause is split into sentences (。；！？); a clause rule fires on a sentence that matches one of
its patterns, one of its conditions (when it has any) and none of its exceptions. Document rules
look at the whole text: ABSENT fires when no pattern is found anywhere; EFFECTIVE_DATE compares
the date of entry into force with the date of issue (国办发〔2018〕37号: 30 days, unless the
document states why it applies at once).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from fazhi.core.dates import cn_date
from fazhi.review.models import FlagKind, RuleScope

SENTENCE = re.compile(r"[^。；！？!?;]+[。；！？!?;]?")
TITLE = re.compile(r"《([^《》]{2,60})》")
PRC = "中华人民共和国"
CN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
EFFECTIVE = re.compile(
    r"自\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起[^。；]{0,6}(施行|实施|执行|生效)"
)
DATE_LINE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
MINIMUM_DAYS_BEFORE_EFFECT = 30  # 国办发〔2018〕37号: 自公布之日起30日后施行
HISTORICAL = re.compile(r"(原《|已(被)?废止|废止的《|同时废止)")
MAX_MATCHED = 120


class RuleError(ValueError):
    """A pattern the office typed does not compile; the message is Chinese."""


def compile_lines(text: str, label: str = "匹配模式") -> list[re.Pattern]:
    patterns = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        try:
            patterns.append(re.compile(line))
        except re.error as exc:
            raise RuleError(
                f"{label}第{number}行不是有效的正则表达式（{exc.msg}）：{line}"
            ) from exc
    return patterns


@dataclass(frozen=True)
class Rule:
    """A compiled `FlagRule`."""

    id: int | None
    code: str
    kind: str
    name: str
    article: str
    explanation: str
    scope: str
    patterns: tuple[re.Pattern, ...]
    conditions: tuple[re.Pattern, ...] = ()
    exceptions: tuple[re.Pattern, ...] = ()
    fair_competition_item: str = ""
    version: int = 1


@dataclass(frozen=True)
class Repealed:
    id: int | None
    title: str
    repealed_on: date | None = None
    replaced_by: str = ""
    source: str = ""


@dataclass
class Finding:
    kind: str
    article: str
    explanation: str
    clause_index: int | None = None
    clause_ref: str = ""
    clause_text: str = ""
    matched: str = ""
    rule: Rule | None = None
    repealed: Repealed | None = None
    extra: dict = field(default_factory=dict)

    @property
    def rule_code(self) -> str:
        if self.rule is not None:
            return self.rule.code
        return "repealed" if self.repealed is not None else ""


def compile_rule(row) -> Rule:
    """A `FlagRule` row (or anything with its attributes) → Rule; bad patterns raise RuleError."""
    return Rule(
        id=getattr(row, "pk", None),
        code=row.code,
        kind=row.kind,
        name=row.name,
        article=row.article,
        explanation=row.explanation,
        scope=row.scope,
        patterns=tuple(compile_lines(row.patterns, "匹配模式")),
        conditions=tuple(compile_lines(row.conditions, "上下文条件")),
        exceptions=tuple(compile_lines(row.exceptions, "例外情形")),
        fair_competition_item=row.fair_competition_item,
        version=row.version,
    )


def normalise_title(title: str) -> str:
    title = re.sub(r"\s+", "", title)
    return title[len(PRC) :] if title.startswith(PRC) else title


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE.findall(text) if s.strip()]


def _first_hit(rule: Rule, text: str) -> str | None:
    for sentence in sentences(text):
        for pattern in rule.patterns:
            match = pattern.search(sentence)
            if match is None:
                continue
            if rule.conditions and not any(c.search(sentence) for c in rule.conditions):
                continue
            if any(e.search(sentence) for e in rule.exceptions):
                continue
            return match.group(0)[:MAX_MATCHED]
    return None


def flag_clause(clause, rules: Iterable[Rule], repealed: dict[str, Repealed]) -> list[Finding]:
    """The findings of one clause (`clause` has index, ref, text)."""
    findings = []
    for rule in rules:
        if rule.scope != RuleScope.CLAUSE:
            continue
        hit = _first_hit(rule, clause.text)
        if hit is not None:
            findings.append(
                Finding(
                    kind=rule.kind,
                    article=rule.article,
                    explanation=rule.explanation,
                    clause_index=clause.index,
                    clause_ref=clause.ref,
                    clause_text=clause.text,
                    matched=hit,
                    rule=rule,
                )
            )
    if repealed:
        findings.extend(_repealed_in(clause, repealed))
    return findings


def _repealed_in(clause, repealed: dict[str, Repealed]) -> list[Finding]:
    findings, seen = [], set()
    for sentence in sentences(clause.text):
        if HISTORICAL.search(sentence):
            continue
        for match in TITLE.finditer(sentence):
            law = repealed.get(normalise_title(match.group(1)))
            if law is None or law.title in seen:
                continue
            seen.add(law.title)
            when = f"已于{cn_date(law.repealed_on)}废止" if law.repealed_on else "已废止"
            instead = f"，现行规定为{law.replaced_by}" if law.replaced_by else ""
            findings.append(
                Finding(
                    kind=FlagKind.REPEALED,
                    article=law.source or "《中华人民共和国立法法》",
                    explanation=f"《{law.title}》{when}{instead}。请改为引用现行有效的规定。",
                    clause_index=clause.index,
                    clause_ref=clause.ref,
                    clause_text=clause.text,
                    matched=match.group(0),
                    repealed=law,
                )
            )
    return findings


def _date(groups) -> date | None:
    try:
        return date(int(groups[0]), int(groups[1]), int(groups[2]))
    except ValueError:
        return None


def issue_date(lines: list[str]) -> date | None:
    """The date of issue: the last line that is only a date (the 成文日期 under the body's name)."""
    for line in reversed(lines):
        match = DATE_LINE.match(line)
        if match:
            return _date(match.groups())
    return None


def _effective_date_finding(rule: Rule, text: str, lines: list[str]) -> Finding | None:
    if any(e.search(text) for e in rule.exceptions):
        return None
    for pattern in rule.patterns:  # immediate effect without a reason
        match = pattern.search(text)
        if match:
            return Finding(
                kind=rule.kind,
                article=rule.article,
                explanation=rule.explanation,
                matched=match.group(0)[:MAX_MATCHED],
                rule=rule,
            )
    issued = issue_date(lines)
    match = EFFECTIVE.search(text)
    if issued is None or match is None:
        return None
    effective = _date(match.groups()[:3])
    if effective is None or effective >= issued + timedelta(days=MINIMUM_DAYS_BEFORE_EFFECT):
        return None
    return Finding(
        kind=rule.kind,
        article=rule.article,
        explanation=(
            f"{rule.explanation}（成文日期{issued:%Y年%m月%d日}，施行日期{effective:%Y年%m月%d日}，"
            f"相隔{(effective - issued).days}日）"
        ),
        matched=match.group(0)[:MAX_MATCHED],
        rule=rule,
        extra={"issued": issued.isoformat(), "effective": effective.isoformat()},
    )


def flag_document(clauses, rules: Iterable[Rule]) -> list[Finding]:
    """Document-level findings: missing parts (ABSENT) and early entry into force."""
    lines = [c.text for c in clauses]
    text = "\n".join(lines)
    findings = []
    for rule in rules:
        if rule.scope == RuleScope.ABSENT:
            if not any(p.search(text) for p in rule.patterns) and not any(
                e.search(text) for e in rule.exceptions
            ):
                findings.append(
                    Finding(
                        kind=rule.kind,
                        article=rule.article,
                        explanation=rule.explanation,
                        clause_ref="全文",
                        rule=rule,
                    )
                )
        elif rule.scope == RuleScope.EFFECTIVE_DATE:
            finding = _effective_date_finding(rule, text, lines)
            if finding is not None:
                finding.clause_ref = "全文"
                findings.append(finding)
    return findings


def flag_draft(
    clauses, rules: list[Rule], repealed: Iterable[Repealed], *, document_checks: bool = True
) -> list[Finding]:
    """Every finding of a draft: each clause, then the document as a whole."""
    by_title = {normalise_title(law.title): law for law in repealed}
    clause_rules = [r for r in rules if r.scope == RuleScope.CLAUSE]
    findings = []
    for clause in clauses:
        findings.extend(flag_clause(clause, clause_rules, by_title))
    if document_checks:
        findings.extend(flag_document(clauses, rules))
    return findings
