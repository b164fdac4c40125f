"""First draft, rendered figures and the checks before export."""

from decimal import Decimal

import pytest

from fazhi.reports import services
from fazhi.reports.assemble import build
from fazhi.reports.models import SectionKind

pytestmark = pytest.mark.django_db


def _report(office, government, template, year=2024, **kwargs):
    return services.report_create(
        actor=office, unit=government, year=year, template=template, **kwargs
    )


def test_first_draft_binds_every_chosen_figure_with_its_display_rule(
    seed_values, office_staff, government, template
):
    report = _report(office_staff, government, template)
    rendered = build(report, user=office_staff)
    work = next(s for s in rendered.sections if s.key == "work-disputes")
    text = "".join(p.text for p in work.paragraphs)
    assert text.startswith("（一）化解行政争议。")
    figures = {run.code: run.text for p in work.paragraphs for run in p.runs if run.is_figure}
    assert figures["testrep.received"] == "99件"
    assert figures["testrep.amount"] == "304.62万元"  # 万元 with two decimals
    assert figures["testrep.materials"] == "3万余份"  # approximate: 30215 → 3万余
    assert figures["testrep.upheld_rate"] == "53.75%"  # default variant A: 43 ÷ 80
    assert figures["testrep.duties"] == "3项"  # register rows: provenance is records
    assert rendered.values["testrep.materials"].value == Decimal("30215")  # exact value kept
    assert "2024年，蒸湘区深入推进依法行政。" in rendered.plain_text()
    assert "2025年工作安排" in rendered.plain_text()


def test_rates_carry_their_formula_and_variants_for_the_hover(
    seed_values, office_staff, government, template
):
    report = _report(office_staff, government, template)
    rendered = build(report, user=office_staff)
    run = next(
        r
        for s in rendered.sections
        for p in s.paragraphs
        for r in p.runs
        if r.code == "testrep.upheld_rate"
    )
    assert "口径：(办结 − 纠错 − 调解和解) ÷ 办结" in run.tooltip
    assert "测试复议办结：80件" in run.tooltip
    assert "口径B：76.25%" in run.tooltip


def test_empty_year_yields_a_complete_skeleton_that_cannot_be_exported(
    figures, office_staff, government, template
):
    report = _report(office_staff, government, template, year=2019)
    rendered = build(report, user=office_staff)
    required = [s for s in report.latest_version().sections if s["required"]]
    assert all(s["body"].strip() or s["key"] == "work" for s in required)
    kinds = {i.kind for i in rendered.errors}
    assert kinds == {"no_data"}, rendered.errors
    assert "2019年没有任何统计数据" in rendered.errors[0].message
    # The register figure is zero: the draft says nothing false; returned figures stay bound.
    text = rendered.plain_text()
    assert "测试到期报送义务" not in text
    assert "未填报" in text
    with pytest.raises(services.ValidationError, match="没有任何统计数据"):
        services.report_export(actor=office_staff, report=report)
    assert not report.versions.filter(exports__isnull=False).exists()


def test_typing_the_seeds_upheld_rate_is_flagged_against_every_variant(
    seed_values, office_staff, government, template
):
    report = _report(office_staff, government, template)
    services.report_section_save(
        actor=office_staff,
        report=report,
        key="work-disputes",
        body="全年办结{{testrep.closed}}，其中纠错19件，调解和解18起，维持率达75%。",
    )
    rendered = build(report, user=office_staff)
    stated = [i for i in rendered.warnings if i.kind == "stated_rate"]
    assert len(stated) == 1
    message = stated[0].message
    assert "维持率达75%" in stated[0].excerpt
    assert "口径A" in message and "53.75%" in message
    assert "口径B" in message and "76.25%" in message
    assert stated[0].code == "testrep.upheld_rate"
    typed = sorted(i.excerpt for i in rendered.warnings if i.kind == "typed_figure")
    assert len(typed) == 2 and any("19件" in t for t in typed) and any("18起" in t for t in typed)


def test_a_typed_rate_that_matches_the_formula_is_still_a_typed_figure(
    seed_values, office_staff, government, template
):
    report = _report(office_staff, government, template)
    services.report_section_save(
        actor=office_staff, report=report, key="work-disputes", body="维持率为53.75%。"
    )
    issues = build(report, user=office_staff).warnings
    assert [i.kind for i in issues if i.code == "testrep.upheld_rate"] == ["typed_figure"]


def test_missing_return_and_failing_consistency_rule_are_warnings(
    seed_values, office_staff, government, template, justice_bureau
):
    from .conftest import accept_return

    accept_return(office_staff, justice_bureau, {"testrep.closed": 120}, year=2024)
    report = _report(office_staff, government, template)
    rendered = build(report, user=office_staff)
    kinds = {i.kind: i for i in rendered.warnings}
    assert "“测试未填报指标”尚未填报" in kinds["missing_return"].message  # a name, never a code
    assert "测试办结 ≤ 新收" in kinds["consistency"].message
    assert rendered.errors == []
    export = services.report_export(actor=office_staff, report=report)
    kept = {w["kind"] for w in export.warnings}
    assert {"missing_return", "consistency"} <= kept
    assert export.figures["testrep.closed"]["value"] == "200.0000"


def test_unknown_placeholder_is_refused_on_save_and_blocks_export(
    seed_values, office_staff, government, template
):
    report = _report(office_staff, government, template)
    with pytest.raises(services.ValidationError) as info:
        services.report_section_save(
            actor=office_staff, report=report, key="work-disputes", body="新收{{testrep.nosuch}}。"
        )
    assert "{{testrep.nosuch}} 指向的指标不存在" in info.value.messages[0]
    assert report.versions.count() == 1
    # A version written before the indicator disappeared: export refused with the reason.
    version = report.latest_version()
    sections = [dict(s) for s in version.sections]
    next(s for s in sections if s["key"] == "work-disputes")["body"] = "新收{{testrep.gone}}。"
    version.sections = sections
    version.save()
    rendered = build(report, user=office_staff)
    assert [i.kind for i in rendered.errors] == ["unknown_placeholder"]
    with pytest.raises(services.ValidationError, match="testrep.gone"):
        services.report_export(actor=office_staff, report=report)


def test_empty_required_section_is_refused_with_the_reason(
    seed_values, office_staff, government, template
):
    report = _report(office_staff, government, template)
    with pytest.raises(services.ValidationError, match="必备内容"):
        services.report_section_save(actor=office_staff, report=report, key="leaders", body="  ")
    version = report.latest_version()
    sections = [dict(s) for s in version.sections]
    next(s for s in sections if s["key"] == "leaders")["body"] = ""
    version.sections = sections
    version.save()
    errors = build(report, user=office_staff).errors
    assert [e.kind for e in errors] == ["empty_section"]
    assert "主要负责人履职情况" in errors[0].message


def test_malformed_placeholder_is_refused(seed_values, office_staff, government, template):
    report = _report(office_staff, government, template)
    with pytest.raises(services.ValidationError, match="格式不正确"):
        services.report_section_save(
            actor=office_staff, report=report, key="leaders", body="共{{ 新收 }}件。"
        )
    with pytest.raises(services.ValidationError, match="未闭合"):
        services.report_section_save(
            actor=office_staff, report=report, key="leaders", body="共{{testrep.closed件。"
        )


def test_versions_keep_who_changed_what(seed_values, office_staff, government, template):
    report = _report(office_staff, government, template)
    services.report_section_save(
        actor=office_staff,
        report=report,
        key="leaders",
        body="区政府主要负责人带头述法。",
        title="党政主要负责人履职情况",
    )
    first, second = report.versions.order_by("number")
    assert first.changed[0]["what"] == "平台按提纲和数据生成初稿"
    assert second.created_by == office_staff
    assert second.changed == [
        {
            "key": "leaders",
            "title": "党政主要负责人履职情况",
            "what": "修改正文；标题由“主要负责人履职情况”改为“党政主要负责人履职情况”",
        }
    ]
    assert first.section("leaders")["body"] == "主要负责人认真履职。"  # old text kept
    with pytest.raises(services.ValidationError, match="没有变化"):
        services.report_section_save(
            actor=office_staff, report=report, key="leaders", body="区政府主要负责人带头述法。"
        )


def test_sections_can_be_added_and_optional_ones_removed(
    seed_values, office_staff, government, template
):
    report = _report(office_staff, government, template)
    services.report_section_add(
        actor=office_staff, report=report, after="leaders", title="其他需要报告的事项"
    )
    version = report.latest_version()
    keys = [s["key"] for s in version.sections]
    assert keys[keys.index("leaders") + 1] == "added-1"
    services.report_section_save(
        actor=office_staff, report=report, key="added-1", body="无其他需要报告的事项。"
    )
    headings = [s.heading for s in build(report, user=office_staff).sections if s.heading]
    assert headings[-1] == "五、其他需要报告的事项"
    with pytest.raises(services.ValidationError, match="不能删除"):
        services.report_section_remove(actor=office_staff, report=report, key="plan")
    services.report_section_remove(actor=office_staff, report=report, key="added-1")
    assert "added-1" not in [s["key"] for s in report.latest_version().sections]


def test_other_departments_cannot_draft_or_edit(
    seed_values, office_staff, clerk_b, unit_a, government, template
):
    with pytest.raises(services.PermissionDenied):
        services.report_create(actor=clerk_b, unit=unit_a, year=2024)
    report = _report(office_staff, government, template)
    with pytest.raises(services.PermissionDenied):
        services.report_section_save(actor=clerk_b, report=report, key="leaders", body="改写")


def test_year_out_of_range_is_refused(figures, office_staff, government, template):
    with pytest.raises(services.ValidationError, match="年度须在"):
        _report(office_staff, government, template, year=2999)
    with pytest.raises(services.ValidationError, match="已存在"):
        _report(office_staff, government, template, year=2023)
        _report(office_staff, government, template, year=2023)


def test_section_kinds_of_the_outline(figures, office_staff, government, template):
    report = _report(office_staff, government, template)
    kinds = [s["kind"] for s in report.latest_version().sections]
    for kind in (SectionKind.WORK, SectionKind.PROBLEMS, SectionKind.PLAN, SectionKind.LEADERS):
        assert kind in kinds


def test_counts_of_things_in_prose_are_not_flagged_unless_they_state_a_figure(
    seed_values, office_staff, government, template, justice_bureau
):
    from .conftest import accept_return

    accept_return(office_staff, justice_bureau, {"testrep.missing": 1})  # a 测试 figure of 1次
    report = _report(office_staff, government, template)
    services.report_section_save(
        actor=office_staff,
        report=report,
        key="work-disputes",
        body=(
            "选派一名工作人员参加比武，设有五个重要版块，共有14个宣传主题、4个人物雕塑和3个小雕塑。"
            "两次考试全区共{{testrep.received}}通过，开展偶数年规范性文件清理一次。"
            "召开第一次会议，5月31日组织培训，2024年12月开展评查。"
            "其中纠错19件，测试复议办结81件，派发资料3万余份。"
        ),
    )
    typed = [i for i in build(report, user=office_staff).warnings if i.kind == "typed_figure"]
    found = {i.excerpt: i.message for i in typed}
    # true issues only: 19件 is 测试复议纠错's value; 81件 follows 测试复议办结's name but it is
    # 80; 3万余份 states 测试派发资料 (30215 rounds down to 3万余)
    assert set(found) == {"其中纠错19件", "测试复议办结81件", "派发资料3万余份"}
    assert "与“测试复议纠错”的值相同" in found["其中纠错19件"]
    assert "而“测试复议办结”按现有数据为80件" in found["测试复议办结81件"]
    assert "与“测试派发资料”的值相同" in found["派发资料3万余份"]
    assert all("testrep" not in message for message in found.values())
