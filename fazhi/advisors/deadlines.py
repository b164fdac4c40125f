"""Period rules of the legal-advisor register."""

from fazhi.deadlines.rules import PeriodRule, PeriodUnit, register_rules

register_rules(
    [
        PeriodRule(
            code="advisors.contract_expiry_warning",
            name="法律顾问合同到期提醒",
            length=60,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="法律顾问工作管理要求",
            status="U",
            trigger_label="查询",
            note="合同在此期间内到期的，提醒续聘或解聘（窗口可调整）。",
        ),
    ]
)
