"""Returned indicators: seed figures whose register does not exist yet, and the generic relations.

A register that takes one of these over registers the same code as `computed` in its own
`indicators.py` and deletes the line here in the same commit (docs/indicators.md).
"""

from fazhi.indicators.registry import Kind, Reporters, rate, ratio, relation, returned

OFFICE = Reporters.RULE_OF_LAW_OFFICE
JUSTICE = Reporters.JUSTICE_BUREAU
GOVERNMENT = Reporters.GOVERNMENT
NAMED = Reporters.NAMED
SERVICE_CENTRE = "政务服务中心"
HR_BUREAU = "人力资源和社会保障局"

# code, name, domain, measure, kind, formula, reporters, reporter_name, approximate
RETURNED = [
    # 一(一) 学法述法
    ("study.exec_meeting_study_sessions", "区政府常务会议专题学习法律法规", "学法用法", "次", Kind.COUNT,
     "年度内区政府常务会议安排专题学法的次数", GOVERNMENT, "", 0),
    ("study.public_duty_reports", "公开述法的单位主要负责人", "学法用法", "个单位", Kind.COUNT,
     "年度内主要负责人公开述法的单位数", OFFICE, "", 0),
    ("study.committee_meetings", "依法治区委员会会议", "学法用法", "次", Kind.COUNT,
     "年度内召开区委全面依法治区委员会会议的次数", OFFICE, "", 0),
    # 学法考法: counts, the four rates are computed from them below
    ("study.law_exam_staff", "学法考法应参学人数", "学法用法", "人", Kind.STOCK,
     "年末应参加学法考法的国家工作人员数", OFFICE, "", 0),
    ("study.law_exam_participants", "学法考法参学人数", "学法用法", "人", Kind.COUNT,
     "年度内实际参加学法的人数", OFFICE, "", 0),
    ("study.law_exam_registered", "学法考法报考人数", "学法用法", "人", Kind.COUNT,
     "年度内报名参加考法的人数", OFFICE, "", 0),
    ("study.law_exam_sat", "学法考法参考人数", "学法用法", "人", Kind.COUNT,
     "年度内实际参加考试的人数", OFFICE, "", 0),
    ("study.law_exam_passed", "学法考法通过人数", "学法用法", "人", Kind.COUNT,
     "年度内考试合格的人数", OFFICE, "", 0),
    # 一(二) 政务公开
    ("disclosure.items_published", "门户网站更新信息", "政务公开", "条", Kind.SUM,
     "年度内政府门户网站发布、更新的信息条数", GOVERNMENT, "", 0),
    ("disclosure.interpretations", "政策解读类信息", "政务公开", "篇", Kind.SUM,
     "年度内发布的政策解读类信息篇数", GOVERNMENT, "", 0),
    ("disclosure.letters_answered", "回复处理群众来信", "政务公开", "封", Kind.COUNT,
     "年度内已回复办结的网站来信数", GOVERNMENT, "", 0),
    # 一(二) 政务服务
    ("services.applications", "受理行政审批、公共服务事项", "政务服务", "件", Kind.COUNT,
     "年度内受理的办件数（= 网上办件 + 现场办件）", NAMED, SERVICE_CENTRE, 0),
    ("services.applications_online", "网上办件", "政务服务", "件", Kind.COUNT,
     "年度内通过网上渠道受理的办件数", NAMED, SERVICE_CENTRE, 0),
    ("services.applications_onsite", "现场办件", "政务服务", "件", Kind.COUNT,
     "年度内在窗口现场受理的办件数", NAMED, SERVICE_CENTRE, 0),
    ("services.completed", "办结件数", "政务服务", "件", Kind.COUNT,
     "年度内办结的办件数", NAMED, SERVICE_CENTRE, 0),
    ("services.completed_on_time", "按时办结件数", "政务服务", "件", Kind.COUNT,
     "年度内在承诺时限内办结的办件数", NAMED, SERVICE_CENTRE, 0),
    ("services.consultations_remote", "电话、网上、微信咨询", "政务服务", "人次", Kind.SUM,
     "年度内通过电话、网上、微信解答咨询的人次", NAMED, SERVICE_CENTRE, 0),
    ("services.visitors_onsite", "现场接待", "政务服务", "人次", Kind.SUM,
     "年度内政务服务中心现场接待的人次", NAMED, SERVICE_CENTRE, 0),
    ("services.free_seals", "新设立企业免费刻制印章", "政务服务", "家", Kind.SUM,
     "年度内为新设立企业免费刻制印章的企业数", NAMED, SERVICE_CENTRE, 0),
    ("services.free_mailings", "免费邮寄", "政务服务", "次", Kind.SUM,
     "年度内免费邮寄办件结果的次数", NAMED, SERVICE_CENTRE, 0),
    ("services.free_prints", "免费复印打印", "政务服务", "人次", Kind.SUM,
     "年度内提供免费复印打印的人次", NAMED, SERVICE_CENTRE, 0),
    ("services.windows", "政务中心窗口", "政务服务", "个", Kind.STOCK,
     "年末政务服务中心设置的窗口数（存量，取年末值）", NAMED, SERVICE_CENTRE, 0),
    ("services.stationed_units", "进驻部门及企业", "政务服务", "个", Kind.STOCK,
     "年末进驻政务服务中心的部门及企业数（存量，取年末值）", NAMED, SERVICE_CENTRE, 0),
    ("services.one_thing_items_active", "“一件事”正常受理的事项", "政务服务", "项", Kind.STOCK,
     "年末“高效办成一件事”清单中正常受理的事项数", NAMED, SERVICE_CENTRE, 0),
    ("services.one_thing_applications", "“一件事”受理业务", "政务服务", "件", Kind.COUNT,
     "年度内“一件事”受理的办件数", NAMED, SERVICE_CENTRE, 0),
    ("services.online_platform_units", "一网通办涉及区直单位", "政务服务", "个", Kind.STOCK,
     "年末在一网通办平台认领事项的区直单位数（去重）", NAMED, SERVICE_CENTRE, 0),
    ("services.items_claimed", "一网通办认领事项", "政务服务", "项", Kind.STOCK,
     "年末各单位在一网通办平台认领的事项数", NAMED, SERVICE_CENTRE, 0),
    ("services.online_platform_applications", "一网通办受理业务", "政务服务", "件", Kind.COUNT,
     "年度内一网通办平台受理的办件数", NAMED, SERVICE_CENTRE, 0),
    # 一(二) 就业服务
    ("employment.job_fairs", "招聘会", "就业服务", "场", Kind.COUNT,
     "年度内举办的招聘会场数", NAMED, HR_BUREAU, 0),
    ("employment.job_fair_employers", "招聘会参会企业", "就业服务", "家", Kind.SUM,
     "年度内各场招聘会参会企业数之和", NAMED, HR_BUREAU, 0),
    ("employment.job_fair_positions", "招聘会提供就业岗位", "就业服务", "个", Kind.SUM,
     "年度内各场招聘会提供岗位数之和", NAMED, HR_BUREAU, 0),
    ("employment.job_fair_matches", "招聘会达成就业意向", "就业服务", "人", Kind.SUM,
     "年度内各场招聘会达成就业意向的人数之和", NAMED, HR_BUREAU, 0),
    ("employment.job_fair_leaflets", "招聘会发放宣传资料", "就业服务", "份", Kind.SUM,
     "年度内各场招聘会发放宣传资料份数之和（报告显示为“N余”）", NAMED, HR_BUREAU, 4),
    ("employment.livestream_fairs", "直播带岗", "就业服务", "场", Kind.COUNT,
     "年度内直播带岗场数", NAMED, HR_BUREAU, 0),
    ("employment.livestream_employers", "直播带岗参与企业", "就业服务", "家", Kind.SUM,
     "年度内各场直播带岗参与企业数之和", NAMED, HR_BUREAU, 0),
    ("employment.livestream_positions", "直播带岗提供岗位", "就业服务", "个", Kind.SUM,
     "年度内各场直播带岗提供岗位数之和", NAMED, HR_BUREAU, 0),
    # 一(四) 行政执法
    ("enforcement.exam_passed", "执法资格考试通过", "行政执法", "人", Kind.COUNT,
     "年度内各次行政执法资格考试合格人数之和", JUSTICE, "", 0),
    ("enforcement.officers_removed", "清理不在编不在岗执法人员", "行政执法", "名", Kind.COUNT,
     "年度内因不在编不在岗注销执法证的人数", JUSTICE, "", 0),
    ("enforcement.training_participants", "执法大讲堂参训", "行政执法", "人次", Kind.SUM,
     "年度内执法大讲堂各期参训人次之和", JUSTICE, "", 0),
    ("enforcement.case_file_reviews", "行政执法案卷评查", "行政执法", "次", Kind.COUNT,
     "年度内组织的案卷评查次数", JUSTICE, "", 0),
    # 一(五) 公共法律服务
    ("legal_aid.cases", "法律援助受理", "公共法律服务", "件", Kind.COUNT,
     "年度内受理的法律援助案件数", JUSTICE, "", 0),
    ("legal_aid.cases_criminal", "法律援助刑事案件", "公共法律服务", "件", Kind.COUNT,
     "年度内受理的刑事法律援助案件数", JUSTICE, "", 0),
    ("legal_aid.cases_legal_help", "法律援助法律帮助", "公共法律服务", "件", Kind.COUNT,
     "年度内受理的法律帮助案件数", JUSTICE, "", 0),
    ("legal_aid.cases_civil", "法律援助民事案件", "公共法律服务", "件", Kind.COUNT,
     "年度内受理的民事法律援助案件数", JUSTICE, "", 0),
    ("legal_aid.visits", "法律援助来访咨询", "公共法律服务", "人次", Kind.COUNT,
     "年度内来访咨询人次", JUSTICE, "", 0),
    ("legal_aid.calls", "法律援助来电咨询", "公共法律服务", "人次", Kind.COUNT,
     "年度内来电咨询人次", JUSTICE, "", 0),
    ("mediation.medical_cases", "医疗纠纷调解", "公共法律服务", "起", Kind.COUNT,
     "年度内受理调解的医疗纠纷数", JUSTICE, "", 0),
    ("mediation.medical_success", "医疗纠纷调解成功", "公共法律服务", "起", Kind.COUNT,
     "年度内调解成功的医疗纠纷数", JUSTICE, "", 0),
    ("mediation.medical_amount", "医疗纠纷调解涉及金额", "公共法律服务", "万元", Kind.SUM,
     "年度内调解成功的医疗纠纷协议金额之和（万元，两位小数）", JUSTICE, "", 0),
    ("corrections.training_participants", "社区矫正对象创业培训参加", "公共法律服务", "名", Kind.COUNT,
     "年度内参加创业培训的社区矫正对象人数", JUSTICE, "", 0),
    ("corrections.training_graduates", "社区矫正对象创业培训结业", "公共法律服务", "名", Kind.COUNT,
     "年度内创业培训结业的社区矫正对象人数", JUSTICE, "", 0),
    ("corrections.cases_reviewed", "社区矫正案件交叉评查迎查", "公共法律服务", "件", Kind.COUNT,
     "年度内接受交叉评查的社区矫正案卷数", JUSTICE, "", 0),
    ("corrections.cases_failed", "社区矫正案件交叉评查不合格", "公共法律服务", "件", Kind.COUNT,
     "年度内交叉评查不合格的社区矫正案卷数", JUSTICE, "", 0),
    # 一(六) 普法
    ("publicity.events", "法治宣传活动", "普法宣传", "次", Kind.COUNT,
     "年度内开展的法治宣传活动次数（报告显示为“N余”）", JUSTICE, "", 1),
    ("publicity.materials", "派发普法资料", "普法宣传", "份", Kind.SUM,
     "年度内各次活动派发资料份数之和（报告显示为“N余”）", JUSTICE, "", 1),
    ("publicity.consultations", "普法活动法律咨询", "普法宣传", "次", Kind.SUM,
     "年度内普法活动中解答法律咨询的次数（报告显示为“N余”）", JUSTICE, "", 1),
    ("publicity.livestreams", "直播普法", "普法宣传", "次", Kind.COUNT,
     "年度内直播普法场次", JUSTICE, "", 0),
    ("publicity.livestream_views", "直播普法观看", "普法宣传", "人次", Kind.SUM,
     "年度内各场直播普法观看人次之和（报告显示为“N余”）", JUSTICE, "", 2),
    ("publicity.livestream_likes", "直播普法获赞", "普法宣传", "次", Kind.SUM,
     "年度内各场直播普法获赞数之和（报告显示为“N余”）", JUSTICE, "", 1),
]  # fmt: skip

for code, name, domain, measure, kind, formula, reporters, reporter_name, approx in RETURNED:
    returned(
        code=code,
        name=name,
        domain=domain,
        measure=measure,
        kind=kind,
        formula=formula,
        reporters=reporters,
        reporter_name=reporter_name,
        approximate=approx,
    )

rate(
    code="services.on_time_rate",
    name="按时办结率",
    domain="政务服务",
    numerator="services.completed_on_time",
    denominator="services.completed",
    formula="按时办结件数 ÷ 办结件数 × 100%",
)
rate(
    code="study.law_exam_participation_rate",
    name="学法考法参学率",
    domain="学法用法",
    numerator="study.law_exam_participants",
    denominator="study.law_exam_staff",
    formula="参学人数 ÷ 应参学人数 × 100%",
)
rate(
    code="study.law_exam_registration_rate",
    name="学法考法报考率",
    domain="学法用法",
    numerator="study.law_exam_registered",
    denominator="study.law_exam_staff",
    formula="报考人数 ÷ 应参学人数 × 100%",
)
rate(
    code="study.law_exam_sitting_rate",
    name="学法考法参考率",
    domain="学法用法",
    numerator="study.law_exam_sat",
    denominator="study.law_exam_registered",
    formula="参考人数 ÷ 报考人数 × 100%",
)
rate(
    code="study.law_exam_pass_rate",
    name="学法考法通过率",
    domain="学法用法",
    numerator="study.law_exam_passed",
    denominator="study.law_exam_sat",
    formula="通过人数 ÷ 参考人数 × 100%",
)

relation(
    code="services.channels_sum",
    name="网上办件 + 现场办件 = 受理办件",
    left=["services.applications_online", "services.applications_onsite"],
    op="==",
    right=["services.applications"],
)
relation(
    code="services.on_time_within_completed",
    name="按时办结件数 ≤ 办结件数",
    left=["services.completed_on_time"],
    op="<=",
    right=["services.completed"],
)
relation(
    code="legal_aid.types_within_total",
    name="刑事 + 民事 + 法律帮助 ≤ 法律援助受理",
    left=["legal_aid.cases_criminal", "legal_aid.cases_civil", "legal_aid.cases_legal_help"],
    op="<=",
    right=["legal_aid.cases"],
)
relation(
    code="mediation.success_within_cases",
    name="医疗纠纷调解成功 ≤ 调解",
    left=["mediation.medical_success"],
    op="<=",
    right=["mediation.medical_cases"],
)
relation(
    code="corrections.graduates_within_participants",
    name="创业培训结业 ≤ 参加",
    left=["corrections.training_graduates"],
    op="<=",
    right=["corrections.training_participants"],
)
relation(
    code="corrections.failed_within_reviewed",
    name="评查不合格 ≤ 迎查",
    left=["corrections.cases_failed"],
    op="<=",
    right=["corrections.cases_reviewed"],
)
relation(
    code="study.law_exam_participants_within_staff",
    name="参学人数 ≤ 应参学人数",
    left=["study.law_exam_participants"],
    op="<=",
    right=["study.law_exam_staff"],
)
relation(
    code="study.law_exam_sat_within_registered",
    name="参考人数 ≤ 报考人数",
    left=["study.law_exam_sat"],
    op="<=",
    right=["study.law_exam_registered"],
)
relation(
    code="study.law_exam_passed_within_sat",
    name="通过人数 ≤ 参考人数",
    left=["study.law_exam_passed"],
    op="<=",
    right=["study.law_exam_sat"],
)
# Generic relations over the reconsideration register's codes: checked once those codes exist.
relation(
    code="reconsideration.accepted_within_received",
    name="受理 ≤ 新收",
    left=["reconsideration.accepted"],
    op="<=",
    right=["reconsideration.received"],
)
relation(
    code="reconsideration.closed_within_caseload",
    name="办结 ≤ 上年结转 + 新收",
    left=["reconsideration.closed"],
    op="<=",
    right=["reconsideration.carried_over", "reconsideration.received"],
)

# A ratio across the two dispute registers, as other districts' reports state it
# ("复议与一审诉讼之比 1.04:1"); computed once both registers are installed.
ratio(
    code="disputes.reconsideration_to_litigation",
    name="行政复议与行政诉讼一审案件之比",
    numerator="reconsideration.received",
    denominator="litigation.first_instance",
    domain="复议应诉",
    formula="年度新收行政复议案件 ∶ 年度行政诉讼一审案件（化为 N:1）",
)
