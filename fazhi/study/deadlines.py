"""Period rules of the study register: the deadlines the 全面依法治区委员会 gives the tasks it
assigns (local practice, configurable: status U; the office may override each length)."""

from fazhi.deadlines.rules import PeriodRule, PeriodUnit, register_rules

CITATION = "依法治区委员会工作规则（交办事项办理期限）"

register_rules(
    [
        PeriodRule(
            code="study.task_short",
            name="委员会交办任务办理期限（短期）",
            length=15,
            unit=PeriodUnit.WORKING_DAYS,
            citation=CITATION,
            status="U",
            trigger_label="交办",
        ),
        PeriodRule(
            code="study.task_standard",
            name="委员会交办任务办理期限",
            length=30,
            unit=PeriodUnit.WORKING_DAYS,
            citation=CITATION,
            status="U",
            trigger_label="交办",
        ),
        PeriodRule(
            code="study.task_quarter",
            name="委员会交办任务办理期限（季度）",
            length=3,
            unit=PeriodUnit.MONTHS,
            citation=CITATION,
            status="U",
            trigger_label="交办",
        ),
        PeriodRule(
            code="study.task_half_year",
            name="委员会交办任务办理期限（半年）",
            length=6,
            unit=PeriodUnit.MONTHS,
            citation=CITATION,
            status="U",
            trigger_label="交办",
        ),
    ]
)
