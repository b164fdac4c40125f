"""Period rules of major decisions (docs/rules.md D5-D7, A8)."""

from fazhi.deadlines.rules import PeriodKind, PeriodRule, PeriodUnit, register_rules

register_rules(
    [
        PeriodRule(
            code="decisions.public_comment",
            name="重大行政决策公开征求意见期",
            length=30,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《重大行政决策程序暂行条例》第十五条",
            status="V",
            trigger_label="开始征求意见",
            note="一般不少于30日；缩短的须说明理由。最短间隔，不因节假日顺延。",
            kind=PeriodKind.MINIMUM_INTERVAL,
        ),
        PeriodRule(
            code="decisions.public_comment_local",
            name="重大行政决策公开征求意见期（本省规定）",
            length=20,
            unit=PeriodUnit.WORKING_DAYS,
            citation="湖南省县级重大行政决策程序规定",
            status="V2",
            trigger_label="开始征求意见",
            note="本地规定不少于20个工作日；与30日取较晚者。",
            kind=PeriodKind.MINIMUM_INTERVAL,
        ),
        PeriodRule(
            code="decisions.hearing_notice",
            name="听证材料提前送达期",
            length=7,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《重大行政决策程序暂行条例》第十六条第三款",
            status="V",
            trigger_label="送达听证材料",
            note="听证会材料应当于召开听证会7日前送达听证参加人。最短间隔，不因节假日顺延。",
            kind=PeriodKind.MINIMUM_INTERVAL,
        ),
    ]
)
