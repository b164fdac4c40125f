"""Section 二 proposed from compliance findings; reporting and publication duties; the
departments' own reports becoming findings when late or unpublished (seed problem 二.2)."""

from datetime import date

import pytest
import time_machine

from fazhi.core.testing.factories import UnitFactory
from fazhi.deadlines.models import ClockState
from fazhi.indicators import registry
from fazhi.indicators.registry import Finding
from fazhi.reports import services
from fazhi.reports.assemble import build
from fazhi.reports.gongwen import render_docx
from fazhi.reports.models import DutyKind, ProblemState, Report
from fazhi.reports.problems import phrase_for

pytestmark = pytest.mark.django_db


def problems_text(report, user) -> str:
    section = next(s for s in build(report, user=user).sections if s.key == "problems")
    return "".join(p.text for p in section.paragraphs)


@pytest.fixture
def catalog_check(district):
    """A register-style check: three departments without a decision catalog."""
    units = [UnitFactory(name=f"蒸湘区测试{n}局", division=district) for n in ("甲", "乙", "丙")]

    @registry.compliance_check(
        code="testrep.catalog_missing",
        name="未制定重大行政决策事项目录的单位",
        domain="依法决策",
        citation="《重大行政决策程序暂行条例》第三条",
    )
    def check(scope):
        return [
            Finding(unit=u, message=f"{u}{scope.year}年未制定目录")
            for u in units
            if u.division.path.startswith(scope.units.first().division.path)
        ]

    yield units
    registry.unregister("testrep.catalog_missing")


def test_problems_are_proposed_grouped_and_phrased_as_in_the_seed(
    seed_values, catalog_check, office_staff, government, template
):
    report = services.report_create(
        actor=office_staff, unit=government, year=2024, template=template
    )
    item = report.problems.get(check_code="testrep.catalog_missing")
    assert item.group == "lawful"
    assert item.state == ProblemState.PROPOSED
    assert item.proposed_text.startswith(
        "部分部门未制定重大行政决策事项目录，也未通过本级政府网站进行公开"
    )
    assert item.proposed_text.endswith("经平台核查共3个部门")
    assert item.unit_names == ["蒸湘区测试丙局", "蒸湘区测试乙局", "蒸湘区测试甲局"]
    assert item.annex_title == "未制定重大行政决策事项目录的单位名单"
    # Not in the report until the office accepts it.
    assert "事项目录" not in problems_text(report, office_staff)

    services.problem_decide(actor=office_staff, problem=item, decision=ProblemState.ACCEPTED)
    rendered = build(report, user=office_staff)
    problems = next(s for s in rendered.sections if s.key == "problems")
    assert problems.paragraphs[-1].text.startswith("一是依法行政能力有待提升。部分部门未制定")
    assert "（名单见附件1）。" in problems.paragraphs[-1].text
    assert rendered.annexes[0].unit_names == item.unit_names
    docx_text = render_docx(rendered).decode("latin-1")  # zip: just check it is built
    assert docx_text.startswith("PK")


def test_office_edits_or_drops_and_a_refresh_keeps_the_decision(
    seed_values, catalog_check, office_staff, clerk_a, government, template
):
    report = services.report_create(
        actor=office_staff, unit=government, year=2024, template=template
    )
    item = report.problems.get(check_code="testrep.catalog_missing")
    with pytest.raises(services.PermissionDenied):
        services.problem_decide(actor=clerk_a, problem=item, decision=ProblemState.ACCEPTED)
    with pytest.raises(services.ValidationError, match="须填写采用的表述"):
        services.problem_decide(actor=office_staff, problem=item, decision=ProblemState.EDITED)
    services.problem_decide(
        actor=office_staff,
        problem=item,
        decision=ProblemState.EDITED,
        text="三个部门尚未制定重大行政决策事项目录",
    )
    services.problems_propose(actor=office_staff, report=report)
    item.refresh_from_db()
    assert item.state == ProblemState.EDITED
    assert "三个部门尚未制定" in problems_text(report, office_staff)
    services.problem_decide(actor=office_staff, problem=item, decision=ProblemState.DROPPED)
    assert "事项目录" not in problems_text(report, office_staff)


def test_office_numbering_continues_after_the_problems_it_wrote_itself(
    seed_values, catalog_check, office_staff, government, template
):
    report = services.report_create(
        actor=office_staff, unit=government, year=2024, template=template
    )
    services.report_section_save(
        actor=office_staff,
        report=report,
        key="problems",
        body="一年来仍有不足。一是学法不够深入。二是述法覆盖面不够广。",
    )
    item = report.problems.get(check_code="testrep.catalog_missing")
    services.problem_decide(actor=office_staff, problem=item, decision=ProblemState.ACCEPTED)
    problems = next(s for s in build(report, user=office_staff).sections if s.key == "problems")
    assert problems.paragraphs[-1].text.startswith("三是依法行政能力有待提升。")


@pytest.mark.parametrize(
    ("code", "count", "expected"),
    [
        ("reports.department_report_late", 2, "个别部门未及时向本级党委和政府"),
        (
            "reports.department_report_unpublished",
            1,
            "个别部门未及时通过本级政府网站或者部门网站向社会公开",
        ),
        ("advisors.department_without_advisor", 4, "部分部门未设置法律顾问"),
        (
            "decisions.discussed_without_advisor_opinion",
            3,
            "部分部门在作出重大行政决策前未听取法律顾问意见",
        ),
    ],
)
def test_seed_wording_of_known_checks(code, count, expected, district):
    units = [UnitFactory(division=district) for _ in range(count)]
    text, lists_units = phrase_for(code, "名称", units, count)
    assert text.startswith(expected)
    assert text.endswith(f"经平台核查共{count}个部门")
    assert lists_units


def test_unknown_check_gets_a_generic_sentence(district):
    units = [UnitFactory(division=district) for _ in range(3)]
    text, _ = phrase_for("somereg.new_check", "案卷评查不合格", units, 3)
    assert text == "部分部门存在“案卷评查不合格”的问题，经平台核查共3个部门"


# --- duties ------------------------------------------------------------------------------------
def test_duties_default_to_the_recipients_and_dates_of_r1_r2(
    figures, office_staff, government, template
):
    report = services.report_create(
        actor=office_staff, unit=government, year=2024, template=template
    )
    duties = {(d.kind, d.recipient): d for d in report.duties.all()}
    submit = [d for (kind, _r), d in duties.items() if kind == DutyKind.SUBMIT]
    recipients = sorted(d.recipient for d in submit)
    assert recipients == sorted(
        [
            "中共衡阳市蒸湘区委员会",
            "衡阳市蒸湘区人民代表大会常务委员会",
            "中共衡阳市委员会、衡阳市人民政府",
        ]
    )
    # 2025-03-01 is a Saturday: the deadline rolls to Monday 03-03 (T3).
    assert {d.due_date for d in submit} == {date(2025, 3, 3)}
    assert "2025-03-03" in submit[0].due_explanation
    publish = duties[(DutyKind.PUBLISH, "政府门户网站")]
    assert publish.due_date == date(2025, 4, 1)
    assert publish.clock.due_date == publish.due_date and publish.clock.is_open


def test_recording_closes_the_clock_met_or_missed(figures, office_staff, government, template):
    report = services.report_create(
        actor=office_staff, unit=government, year=2024, template=template
    )
    submit = report.duties.filter(kind=DutyKind.SUBMIT).first()
    publish = report.duties.get(kind=DutyKind.PUBLISH)
    services.duty_record(actor=office_staff, duty=submit, done_on=date(2025, 2, 20))
    submit.refresh_from_db()
    assert submit.on_time and submit.clock.state == ClockState.MET
    with pytest.raises(services.ValidationError, match="公开网址"):
        services.duty_record(actor=office_staff, duty=publish, done_on=date(2025, 4, 8))
    services.duty_record(
        actor=office_staff,
        duty=publish,
        done_on=date(2025, 4, 8),
        url="http://www.zhengxiang.gov.cn/2024fzbg.html",
    )
    publish.refresh_from_db()
    assert publish.on_time is False and publish.clock.state == ClockState.MISSED
    assert publish.status_label == "逾期办结"
    with pytest.raises(services.ValidationError, match="不能重复登记"):
        services.duty_record(actor=office_staff, duty=publish, done_on=date(2025, 4, 9), url="x")


def test_an_added_recipient_gets_its_own_deadline(figures, office_staff, government, template):
    report = services.report_create(
        actor=office_staff, unit=government, year=2024, template=template
    )
    duty = services.duty_add(
        actor=office_staff, report=report, kind=DutyKind.SUBMIT, recipient="衡阳市司法局"
    )
    assert duty.due_date == date(2025, 3, 3)
    with pytest.raises(services.ValidationError, match="已有"):
        services.duty_add(
            actor=office_staff, report=report, kind=DutyKind.SUBMIT, recipient="衡阳市司法局"
        )


# --- the departments' own reports --------------------------------------------------------------
@time_machine.travel(date(2024, 11, 1), tick=False)
def test_late_and_unpublished_department_reports_become_findings(
    figures, office_staff, unit_a, unit_b, justice_bureau, government, template
):
    reports = services.department_reports_collect(actor=office_staff, year=2023)
    assert {r.unit for r in reports} == {unit_a, unit_b, justice_bureau}
    assert all(r.source == Report.Source.AWAITED for r in reports)
    by_unit = {r.unit: r for r in reports}
    for unit, submitted, published in [
        (unit_a, date(2024, 2, 20), date(2024, 3, 15)),  # on time
        (unit_b, date(2024, 3, 12), None),  # late, and never published
        (justice_bureau, date(2024, 2, 28), date(2024, 4, 15)),  # published late
    ]:
        report = by_unit[unit]
        services.department_report_upload(
            actor=office_staff, report=report, file_name="报告.pdf", content=b"%PDF-1.4 test"
        )
        for duty in report.duties.all():
            if duty.kind == DutyKind.SUBMIT:
                services.duty_record(actor=office_staff, duty=duty, done_on=submitted)
            elif published:
                services.duty_record(
                    actor=office_staff, duty=duty, done_on=published, url="http://x.gov.cn/r"
                )
    gov_report = services.report_create(
        actor=office_staff, unit=government, year=2024, template=template
    )
    late = gov_report.problems.get(check_code="reports.department_report_late")
    unpublished = gov_report.problems.get(check_code="reports.department_report_unpublished")
    assert late.unit_names == [unit_b.name]
    assert late.proposed_text.startswith("个别部门未及时向本级党委和政府、上一级政府有关部门报告")
    assert sorted(unpublished.unit_names) == sorted([unit_b.name, justice_bureau.name])
    assert late.group == unpublished.group == "duty"
    assert "2024-03-12" in late.detail[0]["message"]


def test_department_upload_is_checked(figures, office_staff, unit_a):
    (report,) = services.department_reports_collect(actor=office_staff, year=2023, units=[unit_a])
    for name, content, reason in [
        ("报告.exe", b"MZ", "只能上传"),
        ("报告.pdf", b"", "为空"),
        ("报告.docx", b"%PDF", "不符"),
    ]:
        with pytest.raises(services.ValidationError, match=reason):
            services.department_report_upload(
                actor=office_staff, report=report, file_name=name, content=content
            )
    report.refresh_from_db()
    assert report.source == Report.Source.AWAITED and not report.file_content


def test_a_department_drafts_its_own_report_here(figures, office_staff, unit_a, head_a, clerk_b):
    (report,) = services.department_reports_collect(actor=office_staff, year=2023, units=[unit_a])
    with pytest.raises(services.PermissionDenied):
        services.report_draft_here(actor=clerk_b, report=report)
    services.report_draft_here(actor=head_a, report=report)
    report.refresh_from_db()
    assert report.source == Report.Source.DRAFTED
    rendered = build(report, user=head_a)
    assert rendered.title == "蒸湘区人力资源和社会保障局关于2023年法治政府建设情况的报告"
    assert rendered.sections[1].heading == "一、2023年推进法治政府建设的主要举措和成效"
