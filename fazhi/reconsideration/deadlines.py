"""Period rules of the reconsideration register (复议法 2023; docs/rules.md F1-F27, T6).

复议法 88(2): periods of 3, 5, 7 and 10 days are working days; 15, 30 and 60 days are calendar
days (with the T3 roll-forward), as are the month/year periods.
"""

from fazhi.deadlines.rules import PeriodKind, PeriodRule, PeriodUnit, register_rules

APPLICATION_PERIOD = "reconsideration.application_period"
APPLICATION_PERIOD_UNTOLD_MAX = "reconsideration.application_period_untold_max"
ABSOLUTE_BAR = "reconsideration.absolute_bar"
ABSOLUTE_BAR_REAL_ESTATE = "reconsideration.absolute_bar_real_estate"
ACCEPTANCE_REVIEW = "reconsideration.acceptance_review"
CORRECTION_NOTICE = "reconsideration.correction_notice"
CORRECTION_SUBMISSION = "reconsideration.correction_submission"
FORWARDING = "reconsideration.forwarding"
COPY_TO_RESPONDENT = "reconsideration.copy_to_respondent"
RESPONDENT_REPLY = "reconsideration.respondent_reply"
COPY_TO_RESPONDENT_SIMPLE = "reconsideration.copy_to_respondent_simple"
RESPONDENT_REPLY_SIMPLE = "reconsideration.respondent_reply_simple"
HEARING_NOTICE = "reconsideration.hearing_notice"
DECISION_NORMAL = "reconsideration.decision_normal"
DECISION_SIMPLE = "reconsideration.decision_simple"
SUSPENSION_TERMINATION = "reconsideration.suspension_termination"
OPINION_LETTER_REPLY = "reconsideration.opinion_letter_reply"
LITIGATION_WINDOW = "reconsideration.litigation_window"

register_rules(
    [
        PeriodRule(
            code=APPLICATION_PERIOD,
            name="行政复议申请期限",
            length=60,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《行政复议法》第二十条第一款",
            trigger_label="知道或者应当知道行政行为之日",
        ),
        PeriodRule(
            code=APPLICATION_PERIOD_UNTOLD_MAX,
            name="未告知复议权利时的最长申请期限",
            length=1,
            unit=PeriodUnit.YEARS,
            citation="《行政复议法》第二十条第三款",
            trigger_label="知道或者应当知道行政行为内容之日",
        ),
        PeriodRule(
            code=ABSOLUTE_BAR,
            name="行政复议最长申请期限",
            length=5,
            unit=PeriodUnit.YEARS,
            citation="《行政复议法》第二十一条",
            trigger_label="行政行为作出之日",
        ),
        PeriodRule(
            code=ABSOLUTE_BAR_REAL_ESTATE,
            name="涉及不动产的最长申请期限",
            length=20,
            unit=PeriodUnit.YEARS,
            citation="《行政复议法》第二十一条",
            trigger_label="行政行为作出之日",
        ),
        PeriodRule(
            code=ACCEPTANCE_REVIEW,
            name="受理审查期限",
            length=5,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《行政复议法》第三十条",
            trigger_label="收到行政复议申请（或补正材料）之日",
        ),
        PeriodRule(
            code=CORRECTION_NOTICE,
            name="书面通知补正期限",
            length=5,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《行政复议法》第三十一条第一款",
            trigger_label="收到行政复议申请之日",
        ),
        PeriodRule(
            code=CORRECTION_SUBMISSION,
            name="申请人补正期限",
            length=10,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《行政复议法》第三十一条第二款",
            status="V",
            # “有正当理由不能按期补正的，可以延长合理的补正期限”: the law sets no figure.
            max_extension_days=10,
            max_extensions=1,
            trigger_label="申请人收到补正通知之日",
            note="延长的“合理期限”法律未规定具体天数，默认最多延长一次、10个工作日，可在期限规则设置中调整。",
        ),
        PeriodRule(
            code=FORWARDING,
            name="处罚机关转送复议申请期限",
            length=5,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《行政复议法》第三十二条第二款",
            trigger_label="处罚机关收到行政复议申请之日",
        ),
        PeriodRule(
            code=COPY_TO_RESPONDENT,
            name="发送申请书副本期限（普通程序）",
            length=7,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《行政复议法》第四十八条",
            trigger_label="受理之日",
        ),
        PeriodRule(
            code=RESPONDENT_REPLY,
            name="被申请人答复期限（普通程序）",
            length=10,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《行政复议法》第四十八条",
            trigger_label="被申请人收到申请书副本之日",
        ),
        PeriodRule(
            code=COPY_TO_RESPONDENT_SIMPLE,
            name="发送申请书副本期限（简易程序）",
            length=3,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《行政复议法》第五十四条第一款",
            trigger_label="受理之日",
        ),
        PeriodRule(
            code=RESPONDENT_REPLY_SIMPLE,
            name="被申请人答复期限（简易程序）",
            length=5,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《行政复议法》第五十四条第一款",
            trigger_label="被申请人收到申请书副本之日",
        ),
        PeriodRule(
            code=HEARING_NOTICE,
            name="听证通知提前期",
            length=5,
            unit=PeriodUnit.WORKING_DAYS,
            citation="《行政复议法》第五十一条第一款",
            trigger_label="书面通知听证之日",
            kind=PeriodKind.MINIMUM_INTERVAL,
        ),
        PeriodRule(
            code=DECISION_NORMAL,
            name="行政复议决定期限（普通程序）",
            length=60,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《行政复议法》第六十二条第一款",
            max_extension_days=30,
            max_extensions=1,
            trigger_label="受理之日",
        ),
        PeriodRule(
            code=DECISION_SIMPLE,
            name="行政复议决定期限（简易程序）",
            length=30,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《行政复议法》第六十二条第二款",
            trigger_label="受理之日",
        ),
        PeriodRule(
            code=SUSPENSION_TERMINATION,
            name="中止满六十日终止",
            length=60,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《行政复议法》第四十一条第一款第五项",
            trigger_label="中止之日",
        ),
        PeriodRule(
            code=OPINION_LETTER_REPLY,
            name="意见书纠正情况报送期限",
            length=60,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《行政复议法》第七十六条",
            trigger_label="收到行政复议意见书之日",
        ),
        PeriodRule(
            code=LITIGATION_WINDOW,
            name="复议前置案件起诉期限",
            length=15,
            unit=PeriodUnit.CALENDAR_DAYS,
            citation="《行政复议法》第三十四条；《行政诉讼法》第四十五条",
            trigger_label="收到决定书之日或行政复议期限届满之日",
            note="复议前置案件（第二十三条）申请人起诉的期限，属于应在期间内为一定行为的期间，末日遇法定休假日顺延（《民法典》第二百零三条）。",
        ),
    ]
)
