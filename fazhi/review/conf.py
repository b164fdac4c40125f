"""Configuration of the legality review (Hunan-specific or unverified values live here, not in code).

Override any key with the `FAZHI_REVIEW` dict in settings. Periods are not here: they are
period rules in `review/deadlines.py`, adjustable at runtime by the office (RuleOverride).
"""

from django.conf import settings

from fazhi.review.models import MaterialKind, SubjectType

DEFAULTS = {
    # L2 (决策条例第二十六条第一款): the draft, its legal basis, and a statement of the
    # procedures followed. For normative documents the drafting note (起草说明) too (U).
    "required_materials": {
        SubjectType.MAJOR_DECISION: [
            MaterialKind.DRAFT,
            MaterialKind.LEGAL_BASIS,
            MaterialKind.PROCEDURE_STATEMENT,
        ],
        SubjectType.NORMATIVE_DOCUMENT: [
            MaterialKind.DRAFT,
            MaterialKind.DRAFTING_NOTE,
            MaterialKind.LEGAL_BASIS,
        ],
        SubjectType.ENFORCEMENT_DECISION: [MaterialKind.DRAFT, MaterialKind.LEGAL_BASIS],
    },
    "default_required_materials": [MaterialKind.DRAFT],
    # L5 / G1 (决策条例第二十八条): the reviewer organises the legal advisors' opinions.
    "advisor_opinion_required_for": [SubjectType.MAJOR_DECISION],
    # Period rule of the reviewer's time limit per subject type (review/deadlines.py); None: no
    # time limit. 决策条例第二十八条 asks for the opinion 及时 and sets no period; its 7 working
    # days (第二十六条第二款) are a floor for the time given to the reviewer, not a due date, so a
    # major decision's review runs no clock unless a local rule is configured here.
    "clock_rules": {
        SubjectType.MAJOR_DECISION: None,
        SubjectType.NORMATIVE_DOCUMENT: "review.normative_document",
    },
    "default_clock_rule": "review.other",
    # Earliest collective discussion after submission (L3 warning; N14 minimum for documents).
    # Assisted review (issue 20): subject types whose drafts get the document-level checks
    # (validity, 施行日期, basis, number, issuer: 国办发〔2018〕37号), and the words that make a
    # draft "touch market activity" so that the 公平竞争审查 checklist is generated for it.
    "assist_document_checks_for": [
        SubjectType.NORMATIVE_DOCUMENT,
        SubjectType.GOVERNMENT_DOCUMENT,
        SubjectType.DEPARTMENT_DOCUMENT,
    ],
    "assist_market_terms": (
        r"(企业|经营者|经营主体|市场主体|市场|招标|投标|政府采购|补贴|奖励|扶持|准入|投资|价格|"
        r"收费|经营|供应商|商品|服务商)"
    ),
    "minimum_period_rules": {
        SubjectType.MAJOR_DECISION: "review.major_decision",
        SubjectType.NORMATIVE_DOCUMENT: "review.normative_document_minimum",
    },
}


def setting(key: str):
    return getattr(settings, "FAZHI_REVIEW", {}).get(key, DEFAULTS[key])


def required_materials(subject_type: str) -> list[str]:
    return list(
        setting("required_materials").get(subject_type, setting("default_required_materials"))
    )


def advisor_opinion_required(subject_type: str) -> bool:
    return subject_type in setting("advisor_opinion_required_for")


def clock_rule(subject_type: str) -> str | None:
    rules = setting("clock_rules")
    if subject_type in rules:
        return rules[subject_type]
    return setting("default_clock_rule")


def minimum_period_rule(subject_type: str) -> str | None:
    return setting("minimum_period_rules").get(subject_type)


def assist_document_checks(subject_type: str) -> bool:
    return subject_type in setting("assist_document_checks_for")


def assist_market_terms() -> str:
    return setting("assist_market_terms")
