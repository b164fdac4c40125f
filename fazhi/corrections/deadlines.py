"""Period rules of community corrections (docs/rules.md §13)."""

from fazhi.deadlines.rules import PeriodRule, PeriodUnit, register_rules

NOTICE = "corrections.notice"
DOCUMENTS = "corrections.documents"
REPORT_IN = "corrections.report_in"
TAGGING = "corrections.tagging_period"
PROPOSALS = {
    "reduction": "corrections.ruling_reduction",
    "revoke_probation": "corrections.ruling_revocation",
    "revoke_parole": "corrections.ruling_revocation",
    "imprison": "corrections.decision_imprisonment",
    "arrest": "corrections.decision_arrest",
}

register_rules(
    [
        PeriodRule(
            code=NOTICE,
            name="决定机关通知执行地社区矫正机构期限",
            length=5,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《社区矫正法》第二十条",
            trigger_label="判决、裁定或决定生效",
        ),
        PeriodRule(
            code=DOCUMENTS,
            name="决定机关送达法律文书期限",
            length=10,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《社区矫正法》第二十条",
            trigger_label="判决、裁定或决定生效",
        ),
        PeriodRule(
            code=REPORT_IN,
            name="社区矫正对象报到期限",
            length=10,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《社区矫正法》第二十一条",
            trigger_label="判决、裁定或决定生效",
        ),
        PeriodRule(
            code=TAGGING,
            name="电子定位装置单次使用期限",
            length=3,
            unit=PeriodUnit.MONTHS,
            citation="《社区矫正法》第二十九条第二款",
            trigger_label="开始使用",
        ),
        PeriodRule(
            code="corrections.ruling_reduction",
            name="减刑裁定期限",
            length=30,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《社区矫正法》第三十三条",
            trigger_label="提请减刑",
        ),
        PeriodRule(
            code="corrections.ruling_revocation",
            name="撤销缓刑、假释裁定期限",
            length=30,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《社区矫正法》第四十八条",
            trigger_label="提请撤销",
        ),
        PeriodRule(
            code="corrections.decision_imprisonment",
            name="收监执行决定期限",
            length=30,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《社区矫正法》第四十九条",
            trigger_label="提请收监执行",
        ),
        PeriodRule(
            code="corrections.decision_arrest",
            name="是否逮捕决定期限（四十八小时）",
            length=2,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《社区矫正法》第四十七条",
            trigger_label="提请逮捕",
        ),
    ]
)
