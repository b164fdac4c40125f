"""Every figure of the seed report (蒸湘区 2024 法治政府建设年度报告), as indicator codes.

`SEED_FIGURES` rows: (section, figure as the seed words it, indicator code, provider).
`provider` is "returned" for figures the backbone ships as returned indicators, or the app label
of the register expected to provide the code as a computed indicator (docs/contracts.md).
The demo district's values live in fazhi/demo/indicators.py, not here.
"""

RETURNED = "returned"

SEED_FIGURES: list[tuple[str, str, str, str]] = [
    ("一(一)", "常务会议专题学习", "study.exec_meeting_study_sessions", "study"),
    ("一(一)", "公开述法的单位主要负责人", "study.public_duty_reports", "study"),
    ("一(一)", "依法治区委员会会议", "study.committee_meetings", "study"),
    ("一(二)", "门户网站更新信息", "disclosure.items_published", "disclosure"),
    ("一(二)", "解读类信息", "disclosure.interpretations", "disclosure"),
    ("一(二)", "回复处理信件", "disclosure.letters_answered", "disclosure"),
    ("一(二)", "受理行政审批、公共服务项目", "services.applications", "govservices"),
    ("一(二)", "其中网上办件", "services.applications_online", "govservices"),
    ("一(二)", "现场办件", "services.applications_onsite", "govservices"),
    ("一(二)", "电话、网上、微信咨询", "services.consultations_remote", "govservices"),
    ("一(二)", "现场接待", "services.visitors_onsite", "govservices"),
    ("一(二)", "按时办结率", "services.on_time_rate", "govservices"),
    ("一(二)", "新设立企业免费刻制印章", "services.free_seals", "govservices"),
    ("一(二)", "免费邮寄", "services.free_mailings", "govservices"),
    ("一(二)", "免费复印打印", "services.free_prints", "govservices"),
    ("一(二)", "政务中心窗口", "services.windows", "govservices"),
    ("一(二)", "进驻部门及企业", "services.stationed_units", "govservices"),
    ("一(二)", "“一件事”正常受理的事项", "services.one_thing_items_active", "govservices"),
    ("一(二)", "“一件事”受理业务", "services.one_thing_applications", "govservices"),
    ("一(二)", "一网通办涉及区直单位", "services.online_platform_units", "govservices"),
    ("一(二)", "认领事项", "services.items_claimed", "govservices"),
    ("一(二)", "一网通办受理业务", "services.online_platform_applications", "govservices"),
    ("一(二)", "招聘会", "employment.job_fairs", "employment"),
    ("一(二)", "参会企业", "employment.job_fair_employers", "employment"),
    ("一(二)", "就业岗位", "employment.job_fair_positions", "employment"),
    ("一(二)", "达成意向", "employment.job_fair_matches", "employment"),
    ("一(二)", "宣传资料", "employment.job_fair_leaflets", "employment"),
    ("一(二)", "直播带岗（场）", "employment.livestream_fairs", "employment"),
    ("一(二)", "直播带岗（企业）", "employment.livestream_employers", "employment"),
    ("一(二)", "直播带岗（岗位）", "employment.livestream_positions", "employment"),
    ("一(三)", "区政府常务会议", "decisions.executive_meetings", "meetings"),
    ("一(三)", "研究重大事项、重点项目", "decisions.items_discussed", "meetings"),
    ("一(三)", "审查区政府、办公室发文", "review.documents", "review"),
    ("一(三)", "会议纪要", "review.minutes", "review"),
    ("一(三)", "政府合同", "review.contracts", "review"),
    ("一(三)", "部门法律文件", "review.department_documents", "review"),
    ("一(三)", "审查备案规范性文件", "normdocs.filed", "normdocs"),
    ("一(三)", "行政复议新收", "reconsideration.received", "reconsideration"),
    ("一(三)", "受理", "reconsideration.accepted", "reconsideration"),
    ("一(三)", "办结", "reconsideration.closed", "reconsideration"),
    ("一(三)", "纠错", "reconsideration.corrected", "reconsideration"),
    ("一(三)", "调解和解", "reconsideration.mediated_or_settled", "reconsideration"),
    ("一(三)", "维持率", "reconsideration.upheld_rate", "reconsideration"),
    ("一(三)", "行政诉讼一审", "litigation.first_instance", "litigation"),
    ("一(三)", "行政诉讼二审", "litigation.appeal", "litigation"),
    ("一(三)", "负责人出庭率", "litigation.head_appearance_rate", "litigation"),
    ("一(三)", "不平等对待企业的政策清理", "normdocs.cleanup_fair_competition", "normdocs"),
    ("一(三)", "国务院宣布失效文件的清理", "normdocs.cleanup_invalidated_upstream", "normdocs"),
    ("一(三)", "偶数年清理：宣布失效", "normdocs.declared_invalid", "normdocs"),
    ("一(三)", "偶数年清理：继续有效", "normdocs.remains_valid", "normdocs"),
    ("一(三)", "偶数年清理：废止", "normdocs.repealed", "normdocs"),
    ("一(四)", "两次执法资格考试通过", "enforcement.exam_passed", "enforcement"),
    ("一(四)", "清理不在编不在岗执法人员", "enforcement.officers_removed", "enforcement"),
    ("一(四)", "执法大讲堂第一期", "enforcement.training_participants", "enforcement"),
    ("一(四)", "案卷评查", "enforcement.case_file_reviews", "enforcement"),
    ("一(五)", "续签村（社区）法律顾问合同", "advisors.village_contracts", "advisors"),
    ("一(五)", "法律援助受理", "legal_aid.cases", "legal_aid"),
    ("一(五)", "其中刑事", "legal_aid.cases_criminal", "legal_aid"),
    ("一(五)", "法律帮助", "legal_aid.cases_legal_help", "legal_aid"),
    ("一(五)", "民事", "legal_aid.cases_civil", "legal_aid"),
    ("一(五)", "来访咨询", "legal_aid.visits", "legal_aid"),
    ("一(五)", "来电咨询", "legal_aid.calls", "legal_aid"),
    ("一(五)", "医疗纠纷调解", "mediation.medical_cases", "mediation"),
    ("一(五)", "医疗纠纷调解成功", "mediation.medical_success", "mediation"),
    ("一(五)", "医疗纠纷调解金额", "mediation.medical_amount", "mediation"),
    ("一(五)", "社区矫正创业培训参加", "corrections.training_participants", "corrections"),
    ("一(五)", "社区矫正创业培训结业", "corrections.training_graduates", "corrections"),
    ("一(五)", "社区矫正案件交叉评查迎查", "corrections.cases_reviewed", "corrections"),
    ("一(五)", "社区矫正案件交叉评查不合格", "corrections.cases_failed", "corrections"),
    ("一(六)", "学法考法参学率", "study.law_exam_participation_rate", "study"),
    ("一(六)", "学法考法报考率", "study.law_exam_registration_rate", "study"),
    ("一(六)", "学法考法参考率", "study.law_exam_sitting_rate", "study"),
    ("一(六)", "学法考法通过率", "study.law_exam_pass_rate", "study"),
    ("一(六)", "法治宣传活动", "publicity.events", "publicity"),
    ("一(六)", "派发资料", "publicity.materials", "publicity"),
    ("一(六)", "法律咨询", "publicity.consultations", "publicity"),
    ("一(六)", "直播普法", "publicity.livestreams", "publicity"),
    ("一(六)", "直播普法观看", "publicity.livestream_views", "publicity"),
    ("一(六)", "直播普法获赞", "publicity.livestream_likes", "publicity"),
]


def seed_codes(provider: str | None = None) -> list[str]:
    return [code for _s, _l, code, p in SEED_FIGURES if provider is None or p == provider]


def expected_from_registers() -> dict[str, list[str]]:
    """App label → codes that app is expected to provide as computed indicators."""
    found: dict[str, list[str]] = {}
    for _s, _l, code, provider in SEED_FIGURES:
        if provider != RETURNED:
            found.setdefault(provider, []).append(code)
    return found
