"""Period rules of government information disclosure (政府信息公开条例; legal-rules.md §10, §14)."""

from fazhi.deadlines.rules import PeriodRule, PeriodUnit, register_rules

CORRECTION_NOTICE = "disclosure.correction_notice"
REPLY = "disclosure.reply"
THIRD_PARTY = "disclosure.third_party"
PROACTIVE = "disclosure.proactive_publication"
LETTER_PORTAL = "disclosure.letter_reply_portal"
LETTER_12345 = "disclosure.letter_reply_12345"
REPORT_DEPARTMENT = "disclosure.annual_report_department"
REPORT_GOVERNMENT = "disclosure.annual_report_government"

LETTER_RULES = {"portal": LETTER_PORTAL, "hotline_12345": LETTER_12345}

register_rules(
    [
        PeriodRule(
            code=CORRECTION_NOTICE,
            name="一次性补正告知期限",
            length=7,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《政府信息公开条例》第三十条",
            trigger_label="收到申请",
        ),
        PeriodRule(
            code=REPLY,
            name="依申请公开答复期限",
            length=20,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《政府信息公开条例》第三十三条",
            max_extension_days=20,
            max_extensions=1,
            trigger_label="收到申请",
            note="征求第三方或其他机关意见所需时间不计算在内；补正的，自收到补正之日起计算。",
        ),
        PeriodRule(
            code=THIRD_PARTY,
            name="第三方提出意见期限",
            length=15,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《政府信息公开条例》第三十二条",
            trigger_label="书面征求意见",
        ),
        PeriodRule(
            code=PROACTIVE,
            name="主动公开期限",
            length=20,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《政府信息公开条例》第二十六条",
            trigger_label="信息形成或者变更",
        ),
        PeriodRule(
            code=LETTER_PORTAL,
            name="门户网站来信回复期限",
            length=10,
            unit=PeriodUnit.WORKING_DAYS,
            citation="本区门户网站信箱管理办法（可调整）",
            status="U",
            trigger_label="收到来信",
        ),
        PeriodRule(
            code=LETTER_12345,
            name="12345转办件回复期限",
            length=5,
            unit=PeriodUnit.WORKING_DAYS,
            citation="12345政务服务便民热线工作规范（可调整）",
            status="U",
            trigger_label="收到转办",
        ),
        PeriodRule(
            code=REPORT_DEPARTMENT,
            name="部门政府信息公开工作年度报告报送期限",
            length=1,
            unit=PeriodUnit.MONTHS,
            citation="《政府信息公开条例》第四十九条（每年1月31日前）",
            trigger_label="报告年度12月31日",
        ),
        PeriodRule(
            code=REPORT_GOVERNMENT,
            name="政府信息公开工作年度报告公布期限",
            length=3,
            unit=PeriodUnit.MONTHS,
            citation="《政府信息公开条例》第四十九条（每年3月31日前）",
            trigger_label="报告年度12月31日",
        ),
    ]
)
