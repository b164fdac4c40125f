"""The statutory checks of a closed case's file (C3) and the certificate's dates (E4).

`case_flags(case)` returns what the platform finds from the ledger facts, each with the article
it applies; the case-file review pre-fills its deductions from them and the ledger shows them
beside the case. Periods come from the deadline engine (`deadlines.py`): 90 calendar days from
立案 (处罚法第六十条), 7 working days from the decision (处罚法第六十一条, 第八十五条), so a
decision made just before the Spring Festival is served in time after the holiday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from fazhi.deadlines.engine import add_months
from fazhi.deadlines.rules import PeriodUnit, effective_rule
from fazhi.deadlines.services import compute_due
from fazhi.enforcement.models import (
    AutoCheck,
    CaseType,
    Certificate,
    EnforcementCase,
    PersonType,
    Procedure,
    StatementKind,
)

VALIDITY_RULE = "enforcement.certificate_validity"
DECISION_RULE = "enforcement.penalty_decision"
SERVICE_RULE = "enforcement.penalty_service"

ARTICLES = {
    AutoCheck.OFFICERS: "《中华人民共和国行政处罚法》第四十二条",
    AutoCheck.DECISION_PERIOD: "《中华人民共和国行政处罚法》第六十条",
    AutoCheck.NOTICE: "《中华人民共和国行政处罚法》第四十四条、第六十二条",
    AutoCheck.SERVICE: "《中华人民共和国行政处罚法》第六十一条",
    AutoCheck.LEGAL_REVIEW: "《中华人民共和国行政处罚法》第五十八条",
    AutoCheck.DISCUSSION: "《中华人民共和国行政处罚法》第五十七条",
}


@dataclass(frozen=True)
class Flag:
    check: str  # an AutoCheck value
    citation: str
    message: str

    @property
    def text(self) -> str:
        return f"{self.message}（{self.citation}）"


def certificate_valid_until(issued_on: date) -> date:
    """Last valid day: the day before the anniversary of issue (E4, 5 years by default; the
    office may change the period rule). Month arithmetic is the engine's (民法典第二百零二条)."""
    rule = effective_rule(VALIDITY_RULE)
    if rule.unit in (PeriodUnit.YEARS, PeriodUnit.MONTHS):
        months = rule.length * 12 if rule.unit == PeriodUnit.YEARS else rule.length
        anniversary, _clamped = add_months(issued_on, months)
        return anniversary - timedelta(days=1)
    return issued_on + timedelta(days=rule.length - 1)


def certified_officers(case: EnforcementCase, on: date) -> list:
    """The case's 执法人员 (not auxiliary staff, E3) holding a certificate valid on `on`."""
    valid = Certificate.objects.valid_on(on).values("officer_id")
    return list(case.officers.filter(person_type=PersonType.OFFICER, pk__in=valid))


def officers_flag(case: EnforcementCase) -> Flag | None:
    """E1: at least two officers with a certificate valid on the act date."""
    on = case.decided_on
    everyone = list(case.officers.all())
    certified = certified_officers(case, on)
    if len(certified) >= 2:
        return None
    others = [o.name for o in everyone if o not in certified]
    detail = (
        f"；{'、'.join(others)}在{on:%Y年%m月%d日}未持有效执法证或为执法辅助人员" if others else ""
    )
    return Flag(
        AutoCheck.OFFICERS,
        ARTICLES[AutoCheck.OFFICERS],
        f"承办人员中持有效执法证的行政执法人员仅{len(certified)}名，少于两名{detail}",
    )


def notice_flag(case: EnforcementCase) -> Flag | None:
    """P4: notice of the facts, reasons and rights before the decision; statement heard."""
    if case.notice_served_on is None or case.notice_served_on > case.decided_on:
        return Flag(
            AutoCheck.NOTICE,
            ARTICLES[AutoCheck.NOTICE],
            "作出处罚决定前未告知拟作出的处罚内容及事实、理由、依据和陈述申辩、听证权利",
        )
    if case.statement == StatementKind.NONE:
        return Flag(
            AutoCheck.NOTICE,
            ARTICLES[AutoCheck.NOTICE],
            "案卷中没有当事人陈述申辩（听证）或放弃的记录",
        )
    return None


def decision_period_flag(case: EnforcementCase) -> Flag | None:
    """P8: decision within 90 days of 立案."""
    due = compute_due(DECISION_RULE, case.filed_on)
    if case.decided_on <= due.due_date:
        return None
    late = (case.decided_on - due.due_date).days
    return Flag(
        AutoCheck.DECISION_PERIOD,
        ARTICLES[AutoCheck.DECISION_PERIOD],
        f"{case.decided_on:%Y年%m月%d日}作出决定，超过期限{late}日（{due.explanation}）",
    )


def service_flag(case: EnforcementCase) -> Flag | None:
    """P10: the decision served within 7 working days when the party was not present."""
    due = compute_due(SERVICE_RULE, case.decided_on)
    if case.served_on is not None and case.served_on <= due.due_date:
        return None
    when = f"{case.served_on:%Y年%m月%d日}送达" if case.served_on else "没有送达记录"
    return Flag(
        AutoCheck.SERVICE, ARTICLES[AutoCheck.SERVICE], f"决定书{when}（{due.explanation}）"
    )


def legal_review_flag(case: EnforcementCase) -> Flag | None:
    """P7 / L6: 法制审核 before a decision that needs it."""
    if not case.legal_review_required:
        return None
    if case.legal_review_on is not None and case.legal_review_on <= case.decided_on:
        return None
    return Flag(
        AutoCheck.LEGAL_REVIEW,
        ARTICLES[AutoCheck.LEGAL_REVIEW],
        "应当进行法制审核的案件，作出决定前未经法制审核",
    )


def discussion_flag(case: EnforcementCase) -> Flag | None:
    """P6: 集体讨论 of a complex or serious case before the decision."""
    if not case.discussion_required:
        return None
    if case.discussion_on is not None and case.discussion_on <= case.decided_on:
        return None
    return Flag(
        AutoCheck.DISCUSSION,
        ARTICLES[AutoCheck.DISCUSSION],
        "情节复杂或者重大违法行为给予行政处罚的案件，作出决定前未经负责人集体讨论",
    )


ORDINARY_PENALTY_CHECKS = (
    officers_flag,
    notice_flag,
    decision_period_flag,
    legal_review_flag,
    discussion_flag,
    service_flag,
)


def case_flags(case: EnforcementCase) -> list[Flag]:
    """C3: every automatic finding on a closed case. Penalty cases in the ordinary procedure
    get every check; summary-procedure penalties the officers' check. Licence cases are
    checked only for what the licence law shares (none of the penalty periods apply)."""
    if case.case_type != CaseType.PENALTY:
        return []
    checks = ORDINARY_PENALTY_CHECKS if case.procedure == Procedure.ORDINARY else (officers_flag,)
    return [flag for check in checks if (flag := check(case)) is not None]
