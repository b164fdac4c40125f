"""Reporting and publication duties of the annual report (docs/rules.md §14 R1-R2, A11).

The dates are fixed days of the following year (report by 03-01, publish by 04-01), expressed as
periods counted from 1 January of that year (T1: the trigger day is not counted, so 2 months end
on 1 March); a deadline falling on a rest day rolls to the next working day (T3). Hunan's internal
deadlines are often earlier: the office overrides any of these rules at runtime (RuleOverride).
"""

from fazhi.deadlines.rules import PeriodRule, PeriodUnit, register_rules

GOVERNMENT_SUBMISSION = "reports.government_submission"
DEPARTMENT_SUBMISSION = "reports.department_submission"
PUBLICATION = "reports.publication"

register_rules(
    [
        PeriodRule(
            code=GOVERNMENT_SUBMISSION,
            name="法治政府建设年度报告报送期限（人民政府）",
            length=2,
            unit=PeriodUnit.MONTHS,
            citation="《法治政府建设与责任落实督察工作规定》第二十五条（每年3月1日前，据省级工作指引）",
            status="V2",
            trigger_label="报告年度次年1月1日",
        ),
        PeriodRule(
            code=DEPARTMENT_SUBMISSION,
            name="法治政府建设年度报告报送期限（政府部门）",
            length=2,
            unit=PeriodUnit.MONTHS,
            citation="《法治政府建设与责任落实督察工作规定》第二十五条（每年3月1日前，据省级工作指引）",
            status="V2",
            trigger_label="报告年度次年1月1日",
        ),
        PeriodRule(
            code=PUBLICATION,
            name="法治政府建设年度报告向社会公开期限",
            length=3,
            unit=PeriodUnit.MONTHS,
            citation="《法治政府建设与责任落实督察工作规定》第二十四条（每年4月1日前）",
            status="V2",
            trigger_label="报告年度次年1月1日",
        ),
    ]
)
