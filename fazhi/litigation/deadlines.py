"""Period rules of the litigation register (行政诉讼法; docs/rules.md Y2, Y5, A1).

行诉法 periods are silent on working days: calendar days with the T3 roll-forward (A1).
"""

from fazhi.deadlines.rules import PeriodRule, PeriodUnit, register_rules

DEFENCE = "litigation.defence"
APPEAL_JUDGMENT = "litigation.appeal_judgment"
APPEAL_RULING = "litigation.appeal_ruling"
FIRST_INSTANCE_TRIAL = "litigation.first_instance_trial"
APPEAL_TRIAL = "litigation.appeal_trial"

register_rules(
    [
        PeriodRule(
            code=DEFENCE,
            name="答辩举证期限",
            length=15,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《行政诉讼法》第六十七条第一款",
            trigger_label="收到起诉状副本之日",
        ),
        PeriodRule(
            code=APPEAL_JUDGMENT,
            name="不服判决的上诉期限",
            length=15,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《行政诉讼法》第八十五条",
            trigger_label="判决书送达之日",
        ),
        PeriodRule(
            code=APPEAL_RULING,
            name="不服裁定的上诉期限",
            length=10,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《行政诉讼法》第八十五条",
            trigger_label="裁定书送达之日",
        ),
        PeriodRule(
            code=FIRST_INSTANCE_TRIAL,
            name="第一审审理期限",
            length=6,
            unit=PeriodUnit.MONTHS,
            citation="《行政诉讼法》第八十一条",
            trigger_label="立案之日",
        ),
        PeriodRule(
            code=APPEAL_TRIAL,
            name="第二审审理期限",
            length=3,
            unit=PeriodUnit.MONTHS,
            citation="《行政诉讼法》第八十八条",
            trigger_label="收到上诉状之日",
        ),
    ]
)
