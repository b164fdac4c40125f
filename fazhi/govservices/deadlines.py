"""Period rules of government services.

Each item of the 事项清单 promises its own limit in working days (承诺时限); the rule below
names the period and its citation, the length comes from the item. The bulk import computes
the due date of tens of thousands of applications set-based with the same calendar predicate
as the deadline engine (`fazhi.govservices.bulk`); one application is explained by the engine
itself (`selectors.application_deadline`).
"""

from fazhi.deadlines.rules import PeriodRule, PeriodUnit, register_rules

PROMISED_LIMIT = "govservices.promised_limit"

register_rules(
    [
        PeriodRule(
            code=PROMISED_LIMIT,
            name="承诺办结时限",
            length=20,
            unit=PeriodUnit.WORKING_DAYS,
            citation="政务服务事项清单承诺时限（《优化营商环境条例》第三十五条）",
            status="V2",
            trigger_label="受理",
            note="长度以各事项清单载明的承诺时限为准；此处长度仅为缺省值。",
        ),
    ]
)
