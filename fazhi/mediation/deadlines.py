"""Period rules of people's mediation (docs/rules.md §12)."""

from fazhi.deadlines.rules import PeriodRule, PeriodUnit, register_rules

CONCLUSION = "mediation.conclusion"
CONFIRMATION = "mediation.judicial_confirmation"

register_rules(
    [
        PeriodRule(
            code=CONCLUSION,
            name="调解一般期限",
            length=1,
            unit=PeriodUnit.MONTHS,
            citation="《人民调解工作若干规定》第三十三条",
            status="V2",
            trigger_label="受理纠纷",
            note="一般在一个月内调结：逾期只提示，不阻止调解。",
        ),
        PeriodRule(
            code=CONFIRMATION,
            name="申请司法确认期限",
            length=30,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《人民调解法》第三十三条",
            trigger_label="调解协议生效",
        ),
    ]
)
