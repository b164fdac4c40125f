"""Period rules of legal aid (docs/rules.md §11)."""

from django.conf import settings

from fazhi.deadlines.rules import PeriodRule, PeriodUnit, register_rules

REVIEW = "legal_aid.review"


def review_period_unit() -> str:
    """A6: working days (default) or calendar days, by `LEGAL_AID_REVIEW_PERIOD_UNIT`."""
    unit = getattr(settings, "LEGAL_AID_REVIEW_PERIOD_UNIT", PeriodUnit.WORKING_DAYS)
    allowed = (PeriodUnit.WORKING_DAYS, PeriodUnit.CALENDAR_DAYS)
    return unit if unit in allowed else PeriodUnit.WORKING_DAYS


ASSIGNMENT = "legal_aid.assignment"
NOTIFICATION_ASSIGNMENT = "legal_aid.notification_assignment"
OBJECTION = "legal_aid.objection"

register_rules(
    [
        PeriodRule(
            code=REVIEW,
            name="法律援助申请审查期限",
            length=7,
            unit=review_period_unit(),
            citation="《法律援助法》第四十三条第一款",
            status="U",
            trigger_label="收到申请",
            note="工作日或自然日由设置 LEGAL_AID_REVIEW_PERIOD_UNIT 决定，默认工作日"
            "（2012年《办理法律援助案件程序规定》第十三条）；补正期间不计入。",
        ),
        PeriodRule(
            code=ASSIGNMENT,
            name="给予法律援助后指派期限",
            length=3,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《法律援助法》第四十三条第一款",
            trigger_label="作出给予法律援助决定",
        ),
        PeriodRule(
            code=NOTIFICATION_ASSIGNMENT,
            name="收到通知后指派期限",
            length=3,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《法律援助法》第三十六条",
            trigger_label="收到办案机关通知",
        ),
        PeriodRule(
            code=OBJECTION,
            name="异议审查期限",
            length=5,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《法律援助法》第四十九条",
            trigger_label="收到异议",
        ),
    ]
)
