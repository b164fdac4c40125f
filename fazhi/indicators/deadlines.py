"""Period rule of the statistical return: the due date the office's return request carries.

No statute sets it; the default (15 working days from the day the return is opened) is a local
convention the office overrides at runtime (status U, docs/rules.md A7).
"""

from fazhi.deadlines.rules import PeriodRule, PeriodUnit, register_rules

STATISTICAL_RETURN = "indicators.statistical_return"

register_rules(
    [
        PeriodRule(
            code=STATISTICAL_RETURN,
            name="统计填报报送期限",
            length=15,
            unit=PeriodUnit.WORKING_DAYS,
            citation="依法治区办统计填报通知（本地规定，可由依法治区办调整）",
            status="U",
            trigger_label="发起填报之日",
        ),
    ]
)
