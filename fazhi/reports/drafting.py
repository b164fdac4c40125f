"""The first draft: a sentence per indicator group from the phrase templates (outline.py).

An empty year still gives a complete and correct skeleton: every section has text, a clause whose
register figures are all zero is left out (and a group with nothing left says so plainly), and
figures from statistical returns stay bound so that they appear when the returns are accepted.
"""

from __future__ import annotations

from fazhi.core.models import UnitKind
from fazhi.reports.assemble import FigureSource, area_name, cn_number
from fazhi.reports.models import SectionKind
from fazhi.reports.outline import (
    DEPARTMENT_OUTLINE,
    GOVERNMENT_OUTLINE,
    PHRASES,
    PLAN_GENERIC,
    PROBLEMS_INTRO,
    PROBLEMS_NONE,
)
from fazhi.reports.placeholders import codes_in, fill_draft_tokens
from fazhi.reports.problems import GROUPS_BY_KEY

NO_FIGURES = "本年度暂无该方面的统计数据。"


def outline_for(unit) -> tuple:
    return GOVERNMENT_OUTLINE if unit.kind == UnitKind.GOVERNMENT else DEPARTMENT_OUTLINE


def section_dicts(template_sections) -> list[dict]:
    """Template rows (or outline specs) as the plain dicts a version stores."""
    return [
        {
            "key": s.key,
            "kind": str(s.kind),
            "level": s.level,
            "title": s.title,
            "required": s.required,
            "indicators": list(s.indicators),
            "body": s.body,
        }
        for s in template_sections
    ]


def _phrase_of(code: str):
    for phrase in PHRASES:
        for clause in phrase.clauses:
            if code in codes_in(clause):
                return phrase
    return None


def _keep_clause(codes: list[str], source: FigureSource) -> bool:
    values = source.values(codes)
    for value in values.values():
        if source.is_live_return(value):
            return True
        if value.value is not None and value.value != 0:
            return True
    return False


def _phrase_sentence(phrase, chosen: set[str], source: FigureSource) -> str:
    """The group's sentence; its `empty` form only when every figure is known and zero.

    A clause naming an indicator the catalog lacks (a register not installed) is left out, and
    a group with no known indicator at all says nothing rather than claim that nothing happened.
    """
    clauses, known = [], False
    for clause in phrase.clauses:
        codes = codes_in(clause)
        if not set(codes) <= chosen or not all(source.known(c) for c in codes):
            continue
        known = True
        if _keep_clause(codes, source):
            clauses.append(clause)
    if not clauses:
        return phrase.empty if known else ""
    return phrase.lead + "，".join(clauses) + phrase.tail


def _generic_sentence(codes: list[str], source: FigureSource) -> str:
    parts = []
    for code in codes:
        value = source.values([code]).get(code)
        if value is None:
            continue
        if not source.is_live_return(value) and (value.value is None or value.value == 0):
            continue
        parts.append(f"{value.name}{{{{{code}}}}}")
    return ("全年" + "，".join(parts) + "。") if parts else ""


def sentences_for(indicators: list[str], source: FigureSource) -> list[str]:
    """A sentence per indicator group, in the order the section lists its indicators."""
    chosen = set(indicators)
    done: set[str] = set()
    sentences: list[str] = []
    generic: list[str] = []
    for code in indicators:
        if code in done:
            continue
        phrase = _phrase_of(code)
        if phrase is None:
            generic.append(code)
            done.add(code)
            continue
        if generic:
            sentences.append(_generic_sentence(generic, source))
            generic = []
        sentence = _phrase_sentence(phrase, chosen, source)
        if sentence:
            sentences.append(sentence)
        for clause in phrase.clauses:
            done.update(codes_in(clause))
    if generic:
        sentences.append(_generic_sentence(generic, source))
    return [s for s in sentences if s]


def _plan_body(groups: list[str], year: int, area: str) -> str:
    paragraphs = [fill_draft_tokens(PLAN_GENERIC, year=year, area=area)]
    for number, key in enumerate(groups, start=1):
        group = GROUPS_BY_KEY[key]
        paragraphs.append(f"（{cn_number(number)}）{group.plan_title}。{group.plan_text}")
    return "\n".join(paragraphs)


def draft_sections(
    sections: list[dict], source: FigureSource, *, problem_groups: list[str]
) -> list[dict]:
    """Fill each section's body: the template's text if it has one, else the phrase templates."""
    year, area = source.year, area_name(source.unit)
    drafted = []
    for section in sections:
        section = dict(section)
        section["title"] = fill_draft_tokens(section.get("title") or "", year=year, area=area)
        body = fill_draft_tokens(section.get("body") or "", year=year, area=area)
        kind = section.get("kind")
        if kind == SectionKind.PROBLEMS:
            if not problem_groups and body.strip() == fill_draft_tokens(
                PROBLEMS_INTRO, year=year, area=area
            ):
                body = PROBLEMS_NONE
        elif kind == SectionKind.PLAN and not body.strip():
            body = _plan_body(problem_groups, year, area)
        elif not body.strip() and section.get("indicators"):
            sentences = sentences_for(list(section["indicators"]), source)
            body = fill_draft_tokens("".join(sentences), year=year, area=area) or NO_FIGURES
        section["body"] = body
        drafted.append(section)
    return drafted
