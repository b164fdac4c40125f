"""Returned indicators: seed figures whose register does not exist yet, and the generic relations.

A register that takes one of these over registers the same code as `computed` in its own
`indicators.py` and deletes the line here in the same commit (docs/indicators.md).
"""

from fazhi.indicators.registry import Kind, Reporters, rate, ratio, relation, returned

OFFICE = Reporters.RULE_OF_LAW_OFFICE
JUSTICE = Reporters.JUSTICE_BUREAU
GOVERNMENT = Reporters.GOVERNMENT

# code, name, domain, measure, kind, formula, reporters, reporter_name, approximate
RETURNED = [
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
