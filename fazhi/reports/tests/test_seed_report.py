"""The demo district's 2024 report (load_demo) carries every figure of seed-figures.md with the
seed's value and display form, read back from the exported .docx; the typed 维持率 75% is flagged
against the computed variants; section 二 proposes the demo's real failing units.

This test needs every register's demo data: it fails (it is not marked xfail) until the
registers that provide the figures of 一(三) and 一(五) have landed their demo steps.
"""

import io
import re

import pytest
from django.core.management import call_command
from docx import Document

from fazhi.core.models import Unit
from fazhi.indicators.selectors import findings_for
from fazhi.reports import services
from fazhi.reports.assemble import build
from fazhi.reports.models import Report
from fazhi.reports.problems import is_compliance

pytestmark = pytest.mark.django_db

# code → the figure as the seed report prints it, with its neighbouring words.
SEED_TEXT = {
    "study.exec_meeting_study_sessions": "重要指示批示精神20次",
    "study.public_duty_reports": "组织5个单位主要负责人",
    "study.committee_meetings": "全年共召开1次",
    "disclosure.items_published": "共更新信息1877条",
    "disclosure.interpretations": "共49篇",
    "disclosure.letters_answered": "各类信件86封",
    "services.applications": "公共服务项目49287件",
    "services.applications_online": "其中网上办件31890件",
    "services.applications_onsite": "现场办件17397件",
    "services.consultations_remote": "微信咨询52435人",
    "services.visitors_onsite": "现场接待24341人",
    "services.on_time_rate": "按时办结率100%",
    "services.free_seals": "为新设立1850家企业",
    "services.free_mailings": "免费邮寄48次",
    "services.free_prints": "免费复印打印9584人次",
    "services.windows": "窗口增加至28个",
    "services.stationed_units": "已进驻部门及企业23个",
    "services.one_thing_items_active": "其他15项",
    "services.one_thing_applications": "受理业务共27794件",
    "services.online_platform_units": "涉及区直单位19个",
    "services.items_claimed": "认领事项351项",
    "services.online_platform_applications": "已正常受理业务共1326件",
    "employment.job_fairs": "招聘会17场",
    "employment.job_fair_employers": "累计参加企业1048家",
    "employment.job_fair_positions": "提供就业岗位27933个",
    "employment.job_fair_matches": "达成意向人数4212人",
    "employment.job_fair_leaflets": "宣传资料14730余份",
    "employment.livestream_fairs": "“直播带岗”8场",
    "employment.livestream_employers": "参加企业387家",
    "employment.livestream_positions": "提供就业岗位9893个",
    "decisions.executive_meetings": "区政府常务会议20次",
    "decisions.items_discussed": "重点项目120余项",
    "review.documents": "发文400余件",
    "review.minutes": "会议纪要55件",
    "review.contracts": "政府合同25件",
    "review.department_documents": "部门法律文件20余件",
    "normdocs.filed": "审查备案规范性文件1件",
    "reconsideration.received": "新收行政复议案件99起",
    "reconsideration.accepted": "受理91件",
    "reconsideration.closed": "办结80件",
    "reconsideration.corrected": "其中纠错19件",
    "reconsideration.mediated_or_settled": "调解和解18起",
    "litigation.first_instance": "一审案件18件",
    "litigation.appeal": "二审案件6件",
    "litigation.head_appearance_rate": "出庭率达100%",
    "normdocs.cleanup_fair_competition": "政策清理1次",
    "normdocs.cleanup_invalidated_upstream": "清理工作1次",
    "normdocs.declared_invalid": "宣布失效规范性文件6件",
    "normdocs.remains_valid": "继续有效的规范性文件16件",
    "normdocs.repealed": "宣布废止的规范性文件1件",
    "enforcement.exam_passed": "全区共271人通过",
    "enforcement.officers_removed": "清理33名不在编",
    "enforcement.training_participants": "组织全区100名行政执法人员",
    "enforcement.case_file_reviews": "行政执法案卷评查1次",
    "advisors.village_contracts": "全区54个村（社区）",
    "legal_aid.cases": "共受理案件430件",
    "legal_aid.cases_criminal": "其中刑事案件213件",
    "legal_aid.cases_legal_help": "法律帮助案件82件",
    "legal_aid.cases_civil": "民事案件135件",
    "legal_aid.visits": "来访咨询482人次",
    "legal_aid.calls": "来电咨询510人次",
    "mediation.medical_cases": "医疗纠纷21起",
    "mediation.medical_success": "调解成功21起",
    "mediation.medical_amount": "涉及金额304.62万元",
    "corrections.training_participants": "创业班学习60名",
    "corrections.training_graduates": "已结业48名",
    "corrections.cases_reviewed": "迎查案件60件",
    "corrections.cases_failed": "不合格案件0起",
    "study.law_exam_participation_rate": "参学率100%",
    "study.law_exam_registration_rate": "报考率100%",
    "study.law_exam_sitting_rate": "参考率100%",
    "study.law_exam_pass_rate": "通过率100%",
    "publicity.events": "法治宣传活动40余次",
    "publicity.materials": "派发资料3万余份",
    "publicity.consultations": "法律咨询400余次",
    "publicity.livestreams": "直播普法2次",
    "publicity.livestream_views": "观看次数超过1700次",
    "publicity.livestream_likes": "获赞8000余个",
}


@pytest.fixture
def demo():
    call_command("load_demo")  # through the command: the report may not import the registers
    government = Unit.objects.get(name="衡阳市蒸湘区人民政府")
    report = Report.objects.get(unit=government, year=2024)
    return report


def test_every_seed_figure_with_the_seeds_value_and_display_form(demo):
    from fazhi.indicators.seed import SEED_FIGURES

    assert {code for _s, _l, code, _p in SEED_FIGURES} - {"reconsideration.upheld_rate"} == set(
        SEED_TEXT
    )
    rendered = build(demo)
    bound = {
        run.code: run.text
        for section in rendered.sections
        for paragraph in section.paragraphs
        for run in paragraph.runs
        if run.is_figure
    }
    export = services.report_export(actor=None, report=demo)
    text = "\n".join(p.text for p in Document(io.BytesIO(bytes(export.content))).paragraphs)
    wrong = {}
    for code, expected in SEED_TEXT.items():
        figure = bound.get(code)
        if figure is None or figure not in expected or expected not in text:
            around = re.search(re.escape(expected[:4]) + ".{0,16}", text)
            wrong[code] = (expected, figure, around.group(0) if around else None)
    assert wrong == {}, f"{len(wrong)} 个数字与种子报告不符：{wrong}"
    assert "衡阳市蒸湘区人民政府\n2025年1月22日" in text


def test_the_typed_upheld_rate_is_flagged_against_the_computed_variants(demo):
    rendered = build(demo)
    stated = [i for i in rendered.warnings if i.code == "reconsideration.upheld_rate"]
    assert len(stated) == 1 and stated[0].kind == "stated_rate"
    # the only issue: counts of things in prose (选派一名, 五个重要版块, 14个宣传主题, 两次考试,
    # 清理一次, 两项), ordinals and dates are not flagged
    assert [(i.kind, i.excerpt) for i in rendered.issues] == [("stated_rate", stated[0].excerpt)]
    assert "维持率达75%" in stated[0].excerpt
    value = rendered.values.get("reconsideration.upheld_rate") or build(demo).values.get(
        "reconsideration.upheld_rate"
    )
    from fazhi.reports.assemble import FigureSource

    source = FigureSource(demo.unit, 2024)
    variants = source.value("reconsideration.upheld_rate").variants
    assert len(variants) >= 2
    for variant in variants:
        assert variant.display in stated[0].message
    assert value is None or value.display != "75%"


def test_problems_propose_the_demos_real_failing_units(demo):
    government = demo.unit
    findings = [
        f for f in findings_for(division_or_unit=government.division, year=2024) if is_compliance(f)
    ]
    expected: dict[str, set] = {}
    for finding in findings:
        if finding.unit is not None:
            expected.setdefault(finding.check, set()).add(finding.unit.name)
    proposed = {p.check_code: p for p in demo.problems.all()}
    assert set(expected) <= set(proposed)
    for check, names in expected.items():
        if proposed[check].unit_names:
            assert set(proposed[check].unit_names) == names
    late = proposed["reports.department_report_late"]
    assert set(late.unit_names) == {"蒸湘区商务局", "蒸湘区林业局"}
    assert late.proposed_text.startswith("个别部门未及时向本级党委和政府")
    unpublished = proposed["reports.department_report_unpublished"]
    assert set(unpublished.unit_names) == {"蒸湘区商务局", "蒸湘区水利局", "蒸湘区林业局"}
    problems = next(s for s in build(demo).sections if s.key == "problems")
    text = "".join(p.text for p in problems.paragraphs)
    assert text.startswith("一年来，蒸湘区法治政府建设虽然取得了一定的成绩")
    assert "二是部分单位对党政负责人履行法治建设第一责任人职责主动性有待提高。" in text


def test_problem_one_comes_from_the_study_register_with_its_annex(demo):
    """Problem 一 (学法): the demo's units studying too rarely (林业局 1, 统计局 2, 联合街道 2
    sessions) or too narrowly (审计局: 3 of the list's 20 laws), and the units whose major
    decisions have no study recorded before them, each listed in an annex."""
    proposed = {p.check_code: p for p in demo.problems.all()}
    study = proposed["study.law_study_insufficient"]
    assert study.group == "study" and study.included
    assert set(study.unit_names) == {"蒸湘区林业局", "蒸湘区统计局", "联合街道", "蒸湘区审计局"}
    prior = proposed["study.decision_without_prior_study"]
    assert prior.group == "study" and "衡阳市蒸湘区人民政府" in prior.unit_names
    rendered = build(demo)
    annexes = {annex.title: annex for annex in rendered.annexes}
    annex = annexes[study.annex_title]
    assert set(annex.unit_names) == set(study.unit_names)
    problems = next(s for s in rendered.sections if s.key == "problems")
    text = "".join(p.text for p in problems.paragraphs)
    assert text.startswith(
        "一年来，蒸湘区法治政府建设虽然取得了一定的成绩，但也存在一些不足和薄弱环节。"
        "一是对学习贯彻习近平法治思想不够重视。"
    )
    assert f"经平台核查共4个单位（名单见附件{annex.number}）" in text
