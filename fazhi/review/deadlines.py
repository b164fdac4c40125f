"""Period rules of the legality review (legal-rules.md L3, N14, L7)."""

from fazhi.deadlines.rules import PeriodRule, PeriodUnit, register_rules

register_rules(
    [
        PeriodRule(
            code="review.major_decision",
            name="重大行政决策合法性审查时间",
            length=7,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《重大行政决策程序暂行条例》第二十六条第二款",
            status="V",
            trigger_label="送审",
            note="审查时间一般不少于7个工作日：集体讨论早于该日期时提示（L3）。",
        ),
        PeriodRule(
            code="review.normative_document",
            name="规范性文件合法性审核期限",
            length=15,
            unit=PeriodUnit.WORKING_DAYS,
            citation="国办发〔2018〕115号",
            status="U",
            trigger_label="送审",
            note="审核时间一般不少于5个工作日、最长不超过15个工作日（N14，未核实，可调整）。",
        ),
        PeriodRule(
            code="review.normative_document_minimum",
            name="规范性文件合法性审核最短时间",
            length=5,
            unit=PeriodUnit.WORKING_DAYS,
            citation="国办发〔2018〕115号",
            status="U",
            trigger_label="送审",
        ),
        PeriodRule(
            code="review.other",
            name="发文、会议纪要、合同等合法性审查期限",
            length=7,
            unit=PeriodUnit.WORKING_DAYS,
            citation="本级合法性审查工作规定（期限未核实）",
            status="U",
            trigger_label="送审",
            note="国家层面无统一规定，按本地办法调整。",
        ),
    ]
)
