"""The default outline (the seed report's, docs/rules.md R3) and the phrase templates of a first draft.

A phrase is one sentence for one group of indicators: a lead-in, clauses that each carry
placeholders, and a sentence used instead when every clause drops out. At drafting time a clause
drops out when all its figures come from registers and are zero (nothing happened) or are rates
with nothing to divide; figures from statistical returns always stay, so that a return accepted
later shows up in the text (and a missing one is listed before export). `{year}`, `{next_year}`
and `{area}` are replaced when the draft is generated; `{{code}}` placeholders stay live.
"""

from __future__ import annotations

from dataclasses import dataclass

from fazhi.reports.models import SectionKind


@dataclass(frozen=True)
class Phrase:
    key: str
    clauses: tuple[str, ...]
    lead: str = ""
    tail: str = "。"
    empty: str = ""


@dataclass(frozen=True)
class SectionSpec:
    key: str
    kind: str
    level: int
    title: str
    indicators: tuple[str, ...] = ()
    required: bool = True
    body: str = ""


PHRASES: tuple[Phrase, ...] = (
    # 一(一)
    Phrase(
        "study.meetings",
        lead="严格落实“第一议题”制度，",
        clauses=(
            "区政府常务会议专题学习习近平法治思想和法律法规{{study.exec_meeting_study_sessions}}",
            "召开区委全面依法治区委员会会议{{study.committee_meetings}}",
            "组织{{study.public_duty_reports}}主要负责人就履行推进法治建设第一责任人职责情况进行公开述法",
        ),
        empty="严格落实“第一议题”制度，坚持领导干部学法用法。",
    ),
    # 一(二)
    Phrase(
        "disclosure",
        lead="深化政府信息公开，",
        clauses=(
            "门户网站全年更新信息{{disclosure.items_published}}",
            "发布解读类信息{{disclosure.interpretations}}",
            "回复处理各类信件{{disclosure.letters_answered}}",
        ),
    ),
    Phrase(
        "services.applications",
        lead="{year}年",
        clauses=(
            "共受理行政审批、公共服务项目{{services.applications}}",
            "其中网上办件{{services.applications_online}}",
            "现场办件{{services.applications_onsite}}",
            "接受群众电话、网上、微信咨询{{services.consultations_remote}}",
            "现场接待{{services.visitors_onsite}}",
            "按时办结率{{services.on_time_rate}}",
        ),
    ),
    Phrase(
        "services.free",
        lead="",
        clauses=(
            "为新设立企业免费刻制印章{{services.free_seals}}",
            "免费邮寄{{services.free_mailings}}",
            "免费复印打印{{services.free_prints}}",
        ),
    ),
    Phrase(
        "services.centre",
        lead="政务服务中心",
        clauses=(
            "设置窗口{{services.windows}}",
            "进驻部门及企业{{services.stationed_units}}",
        ),
    ),
    Phrase(
        "services.one_thing",
        lead="高质量推进“高效办成一件事”，",
        clauses=(
            "正常受理的事项{{services.one_thing_items_active}}",
            "受理业务{{services.one_thing_applications}}",
        ),
    ),
    Phrase(
        "services.online_platform",
        lead="区级“一网通办”系统",
        clauses=(
            "涉及区直单位{{services.online_platform_units}}",
            "认领事项{{services.items_claimed}}",
            "受理业务{{services.online_platform_applications}}",
        ),
    ),
    Phrase(
        "employment.job_fairs",
        lead="针对企业用工需求，",
        clauses=(
            "举办线上线下招聘会{{employment.job_fairs}}",
            "累计参会企业{{employment.job_fair_employers}}",
            "提供就业岗位{{employment.job_fair_positions}}",
            "达成就业意向{{employment.job_fair_matches}}",
            "发放各类宣传资料{{employment.job_fair_leaflets}}",
        ),
    ),
    Phrase(
        "employment.livestream",
        lead="",
        clauses=(
            "举办“直播带岗”{{employment.livestream_fairs}}",
            "参与企业{{employment.livestream_employers}}",
            "提供就业岗位{{employment.livestream_positions}}",
        ),
    ),
    # 一(三)
    Phrase(
        "decisions.meetings",
        lead="坚持重大决策必上区政府常务会议研究，",
        clauses=(
            "全年召开区政府常务会议{{decisions.executive_meetings}}",
            "集体研究讨论重大事项、重点项目{{decisions.items_discussed}}",
        ),
        empty="坚持重大行政决策集体讨论决定，本年度未召开区政府常务会议。",
    ),
    Phrase(
        "review",
        lead="法制审核部门全程参与，",
        clauses=(
            "全年审查区政府、区政府办公室等发文{{review.documents}}",
            "会议纪要{{review.minutes}}",
            "审查政府合同{{review.contracts}}",
            "审查部门法律文件{{review.department_documents}}",
            "审查备案规范性文件{{normdocs.filed}}",
        ),
        empty="本年度未收到合法性审查申请。",
    ),
    Phrase(
        "reconsideration",
        lead="积极履行复议应诉职能，",
        clauses=(
            "{year}年全区新收行政复议案件{{reconsideration.received}}",
            "受理{{reconsideration.accepted}}",
            "办结{{reconsideration.closed}}",
            "其中纠错{{reconsideration.corrected}}",
            "调解和解{{reconsideration.mediated_or_settled}}",
            "维持率{{reconsideration.upheld_rate}}",
        ),
        empty="{year}年全区未收到行政复议申请。",
    ),
    Phrase(
        "litigation",
        lead="",
        clauses=(
            "共办理行政诉讼一审案件{{litigation.first_instance}}",
            "二审案件{{litigation.appeal}}",
            "行政机关负责人出庭应诉率{{litigation.head_appearance_rate}}",
        ),
        empty="本年度无以区政府为被告的行政诉讼案件。",
    ),
    Phrase(
        "normdocs.cleanup",
        lead="加强行政规范性文件管理，",
        clauses=(
            "开展不平等对待企业的法律法规及政策清理{{normdocs.cleanup_fair_competition}}",
            "开展国务院宣布失效文件的清理{{normdocs.cleanup_invalidated_upstream}}",
            "经清理宣布失效规范性文件{{normdocs.declared_invalid}}",
            "继续有效的规范性文件{{normdocs.remains_valid}}",
            "宣布废止的规范性文件{{normdocs.repealed}}",
        ),
        empty="加强行政规范性文件管理，本年度未开展规范性文件清理。",
    ),
    # 一(四)
    Phrase(
        "enforcement",
        lead="规范执法人员管理，",
        clauses=(
            "全年行政执法资格考试通过{{enforcement.exam_passed}}",
            "清理不在编不在岗行政执法人员{{enforcement.officers_removed}}",
            "组织行政执法人员培训{{enforcement.training_participants}}",
            "开展行政执法案卷评查{{enforcement.case_file_reviews}}",
        ),
    ),
    # 一(五)
    Phrase(
        "advisors",
        lead="深入推进村（社区）法律顾问工作，",
        clauses=("完成全区{{advisors.village_contracts}}村（社区）法律顾问合同续签",),
        empty="深入推进村（社区）法律顾问工作。",
    ),
    Phrase(
        "legal_aid",
        lead="区法律援助中心{year}年",
        clauses=(
            "共受理法律援助案件{{legal_aid.cases}}",
            "其中刑事案件{{legal_aid.cases_criminal}}",
            "法律帮助案件{{legal_aid.cases_legal_help}}",
            "民事案件{{legal_aid.cases_civil}}",
            "接待来访咨询{{legal_aid.visits}}",
            "来电咨询{{legal_aid.calls}}",
        ),
        tail="，做到应援尽援。",
    ),
    Phrase(
        "mediation.medical",
        lead="区医疗纠纷调解中心",
        clauses=(
            "参与调解医疗纠纷{{mediation.medical_cases}}",
            "调解成功{{mediation.medical_success}}",
            "涉及金额{{mediation.medical_amount}}",
        ),
    ),
    Phrase(
        "corrections",
        lead="强化社区矫正对象管理，",
        clauses=(
            "参加创业技能培训的社区矫正对象{{corrections.training_participants}}",
            "已结业{{corrections.training_graduates}}",
            "社区矫正案件交叉评查迎查案件{{corrections.cases_reviewed}}",
            "不合格案件{{corrections.cases_failed}}",
        ),
    ),
    # 一(六)
    Phrase(
        "study.law_exam",
        lead="{year}年全区国家工作人员学法考法，",
        clauses=(
            "参学率{{study.law_exam_participation_rate}}",
            "报考率{{study.law_exam_registration_rate}}",
            "参考率{{study.law_exam_sitting_rate}}",
            "通过率{{study.law_exam_pass_rate}}",
        ),
        empty="严格落实国家工作人员学法考法制度。",
    ),
    Phrase(
        "publicity",
        lead="深入开展“法律九进”活动，{year}年",
        clauses=(
            "开展各类法治宣传活动{{publicity.events}}",
            "派发资料{{publicity.materials}}",
            "提供法律咨询{{publicity.consultations}}",
        ),
    ),
    Phrase(
        "publicity.livestream",
        lead="",
        clauses=(
            "开展直播普法{{publicity.livestreams}}",
            "线上直播观看{{publicity.livestream_views}}",
            "获赞{{publicity.livestream_likes}}",
        ),
    ),
)

PHRASES_BY_KEY = {p.key: p for p in PHRASES}

WORK_INTRO = {
    "work.study": "",
    "work.services": "",
    "work.lawful": "",
    "work.enforcement": "",
    "work.stability": "",
    "work.publicity": "",
}

PREAMBLE = (
    "{year}年，{area}坚持以习近平新时代中国特色社会主义思想为指导，深入学习贯彻习近平法治思想，"
    "全面落实《法治政府建设实施纲要（2021—2025年）》，注重统筹谋划，强化制度设计，推动高效落实，"
    "深入推进依法行政，为经济社会高质量发展提供坚强有力法治保障。现将{year}年法治政府建设情况报告如下。"
)

PROBLEMS_INTRO = "一年来，{area}法治政府建设虽然取得了一定的成绩，但也存在一些不足和薄弱环节。"
PROBLEMS_NONE = (
    "经对照法治政府建设与责任落实督察要求逐项核查，本年度平台未发现需要列明的问题；"
    "依法治区办将结合督察、考核情况继续查找不足。"
)

PLAN_GENERIC = (
    "{next_year}年，{area}将继续深入学习贯彻习近平法治思想，围绕中心工作全面谋划部署法治建设，"
    "健全依法决策机制，严格规范公正文明执法，加强法治队伍建设，不断提高依法行政水平。"
)

LEADERS = (
    "{area}党政主要负责人认真履行推进法治建设第一责任人职责，把法治建设纳入年度工作计划，"
    "与经济社会发展同部署、同推进、同督促、同考核、同奖惩，"
    "组织{{study.public_duty_reports}}主要负责人就履行推进法治建设第一责任人职责情况进行公开述法，"
    "其他部门党政主要负责人书面述法。"
)

CLOSING = "特此报告。"

GOVERNMENT_OUTLINE: tuple[SectionSpec, ...] = (
    SectionSpec("preamble", SectionKind.PREAMBLE, 0, "", body=PREAMBLE),
    SectionSpec("work", SectionKind.WORK, 1, "{year}年法治政府建设情况"),
    SectionSpec(
        "work-study",
        SectionKind.WORK,
        2,
        "深入学习贯彻习近平法治思想，完善法治政府建设推进机制",
        (
            "study.exec_meeting_study_sessions",
            "study.committee_meetings",
            "study.public_duty_reports",
        ),
    ),
    SectionSpec(
        "work-services",
        SectionKind.WORK,
        2,
        "优化职能职责，切实提高服务效能",
        (
            "disclosure.items_published",
            "disclosure.interpretations",
            "disclosure.letters_answered",
            "services.applications",
            "services.applications_online",
            "services.applications_onsite",
            "services.consultations_remote",
            "services.visitors_onsite",
            "services.on_time_rate",
            "services.free_seals",
            "services.free_mailings",
            "services.free_prints",
            "services.windows",
            "services.stationed_units",
            "services.one_thing_items_active",
            "services.one_thing_applications",
            "services.online_platform_units",
            "services.items_claimed",
            "services.online_platform_applications",
            "employment.job_fairs",
            "employment.job_fair_employers",
            "employment.job_fair_positions",
            "employment.job_fair_matches",
            "employment.job_fair_leaflets",
            "employment.livestream_fairs",
            "employment.livestream_employers",
            "employment.livestream_positions",
        ),
    ),
    SectionSpec(
        "work-lawful",
        SectionKind.WORK,
        2,
        "严格依法行政，加快建设法治政府",
        (
            "decisions.executive_meetings",
            "decisions.items_discussed",
            "review.documents",
            "review.minutes",
            "review.contracts",
            "review.department_documents",
            "normdocs.filed",
            "reconsideration.received",
            "reconsideration.accepted",
            "reconsideration.closed",
            "reconsideration.corrected",
            "reconsideration.mediated_or_settled",
            "reconsideration.upheld_rate",
            "litigation.first_instance",
            "litigation.appeal",
            "litigation.head_appearance_rate",
            "normdocs.cleanup_fair_competition",
            "normdocs.cleanup_invalidated_upstream",
            "normdocs.declared_invalid",
            "normdocs.remains_valid",
            "normdocs.repealed",
        ),
    ),
    SectionSpec(
        "work-enforcement",
        SectionKind.WORK,
        2,
        "持续精准发力，推动执法规范有序",
        (
            "enforcement.exam_passed",
            "enforcement.officers_removed",
            "enforcement.training_participants",
            "enforcement.case_file_reviews",
        ),
    ),
    SectionSpec(
        "work-stability",
        SectionKind.WORK,
        2,
        "聚焦关键领域，维护社会和谐稳定",
        (
            "advisors.village_contracts",
            "legal_aid.cases",
            "legal_aid.cases_criminal",
            "legal_aid.cases_legal_help",
            "legal_aid.cases_civil",
            "legal_aid.visits",
            "legal_aid.calls",
            "mediation.medical_cases",
            "mediation.medical_success",
            "mediation.medical_amount",
            "corrections.training_participants",
            "corrections.training_graduates",
            "corrections.cases_reviewed",
            "corrections.cases_failed",
        ),
    ),
    SectionSpec(
        "work-publicity",
        SectionKind.WORK,
        2,
        "营造浓厚法治氛围，提升普法实效",
        (
            "study.law_exam_participation_rate",
            "study.law_exam_registration_rate",
            "study.law_exam_sitting_rate",
            "study.law_exam_pass_rate",
            "publicity.events",
            "publicity.materials",
            "publicity.consultations",
            "publicity.livestreams",
            "publicity.livestream_views",
            "publicity.livestream_likes",
        ),
    ),
    SectionSpec("problems", SectionKind.PROBLEMS, 1, "存在的问题", body=PROBLEMS_INTRO),
    SectionSpec("plan", SectionKind.PLAN, 1, "{next_year}年推进法治政府建设主要思路"),
    SectionSpec(
        "leaders",
        SectionKind.LEADERS,
        1,
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        ("study.public_duty_reports",),
        body=LEADERS,
    ),
    SectionSpec("other", SectionKind.OTHER, 1, "其他需要报告的事项", required=False),
    SectionSpec("closing", SectionKind.CLOSING, 0, "", body=CLOSING),
)

DEPARTMENT_OUTLINE: tuple[SectionSpec, ...] = (
    SectionSpec(
        "preamble",
        SectionKind.PREAMBLE,
        0,
        "",
        body="{year}年，{area}在区委、区政府的坚强领导下，深入学习贯彻习近平法治思想，"
        "认真履行法治政府建设职责。现将有关情况报告如下。",
    ),
    SectionSpec("work", SectionKind.WORK, 1, "{year}年推进法治政府建设的主要举措和成效"),
    SectionSpec("problems", SectionKind.PROBLEMS, 1, "存在的不足和原因", body=PROBLEMS_INTRO),
    SectionSpec(
        "leaders",
        SectionKind.LEADERS,
        1,
        "党政主要负责人履行推进法治建设第一责任人职责情况",
        body="{area}党政主要负责人认真履行推进法治建设第一责任人职责，"
        "亲自部署、亲自协调、亲自督办法治建设重要工作。",
    ),
    SectionSpec("plan", SectionKind.PLAN, 1, "{next_year}年推进法治政府建设的主要安排"),
    SectionSpec("other", SectionKind.OTHER, 1, "其他需要报告的事项", required=False),
    SectionSpec("closing", SectionKind.CLOSING, 0, "", body=CLOSING),
)

# Plan paragraphs proposed for each problem group found this year (the seed's 三(一)-(四)).
PLAN_BY_GROUP = {
    "study": "（一）全面推进依法治区，增强领导干部的法治意识。定期组织领导干部参加习近平法治思想专题培训，"
    "督促各单位对照应知应会法律法规清单制定学法计划，在作出重大行政决策前开展专题学法。",
    "duty": "（二）增强党政负责人履行法治建设第一责任人职责主动性。明确责任清单，"
    "要求各部门按时向本级党委和政府、上一级政府有关部门报告上一年度法治政府建设情况，"
    "并通过政府网站或者部门网站向社会公开，接受社会监督。",
    "lawful": "（三）提升依法行政能力，促进政府行政运行和职权行使更加公开透明。"
    "各单位按时制定并公开重大行政决策事项目录，政府各部门普遍设立法律顾问，"
    "重大行政决策前必须听取法律顾问意见并形成书面记录。",
    "enforcement": "（四）完善执法人员队伍梯队建设，提升行政执法水平。"
    "充实执法力量，重视执法资格考试的组织和宣传，提高考试通过率，加强执法协作。",
    "other": "（五）针对其他问题逐项整改，建立台账，明确责任单位和完成时限。",
}
