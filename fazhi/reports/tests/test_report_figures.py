"""Report text that says what real reports say: earlier periods, changes, windows (placeholders
`{{code@period|form}}`), all computed from returns accepted in the test."""

from datetime import date

import pytest

from fazhi.indicators import services as indicator_services
from fazhi.reports import services
from fazhi.reports.assemble import build

from .conftest import accept_return, make_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_years(figures, office_staff, justice_bureau):
    accept_return(
        office_staff,
        justice_bureau,
        {
            "testrep.received": 86,
            "testrep.closed": 50,
            "testrep.corrected": 10,
            "testrep.mediated": 5,
        },
        year=2023,
    )
    accept_return(
        office_staff,
        justice_bureau,
        {
            "testrep.received": 99,
            "testrep.closed": 80,
            "testrep.corrected": 19,
            "testrep.mediated": 18,
        },
        year=2024,
    )


def _render(office_staff, government, body):
    template = make_template(office_staff.unit, work_body=body)
    report = services.report_create(
        actor=office_staff, unit=government, year=2024, template=template
    )
    rendered = build(report, user=office_staff)
    work = next(s for s in rendered.sections if s.key == "work-disputes")
    return rendered, "".join(p.text for p in work.paragraphs)


def test_year_over_year_placeholders(two_years, office_staff, government):
    _rendered, text = _render(
        office_staff,
        government,
        "新收{{testrep.received}}，{{testrep.received|同比}}，较上年{{testrep.received|增减}}"
        "（上年{{testrep.received|上年}}，{{testrep.received@上年|bare}}），增幅{{testrep.received|增幅}}；"
        "维持率{{testrep.upheld_rate}}，{{testrep.upheld_rate|同比}}。",
    )
    # 99 − 86 = 13; 13 ÷ 86 = 15.116…% → 15.1%; (80−19−18)÷80 = 53.75%, (50−10−5)÷50 = 70%
    assert text.endswith(
        "新收99件，同比增长15.1%，较上年增加13件（上年86件，86），增幅增长15.1%；"
        "维持率53.75%，同比下降16.25个百分点。"
    )


def test_a_window_in_report_text(two_years, office_staff, government, justice_bureau):
    window = indicator_services.window_define(
        actor=office_staff, name="2024年评查期", start=date(2023, 9, 1), end=date(2024, 8, 31)
    )
    request = indicator_services.return_request_open(
        actor=office_staff,
        title="评查期填报",
        year=2024,
        indicators=["testrep.received"],
        units=[justice_bureau],
        due_date=date(2024, 9, 30),
        window=window,
    )
    from fazhi.core.models import Role
    from fazhi.core.testing.factories import UserFactory

    unit_return = request.returns.get()
    clerk = UserFactory(unit=justice_bureau, roles=[Role.CLERK])
    head = UserFactory(unit=justice_bureau, roles=[Role.UNIT_HEAD])
    indicator_services.return_fill(
        actor=clerk, unit_return=unit_return, values={"testrep.received": 41}
    )
    indicator_services.return_submit(actor=head, unit_return=unit_return)
    indicator_services.return_accept(actor=office_staff, unit_return=unit_return)
    _rendered, text = _render(
        office_staff,
        government,
        "2023年9月1日至2024年8月31日新收{{testrep.received@2024年评查期}}，"
        "同一期间按日期写作{{testrep.received@2023-09-01~2024-08-31|bare}}件。",
    )
    assert text.endswith("2023年9月1日至2024年8月31日新收41件，同一期间按日期写作41件。")


def test_unknown_periods_are_refused_when_saved(two_years, office_staff, government):
    template = make_template(office_staff.unit, work_body="新收{{testrep.received}}。")
    report = services.report_create(
        actor=office_staff, unit=government, year=2024, template=template
    )
    with pytest.raises(services.ValidationError, match="无法识别统计期“明年”"):
        services.report_section_save(
            actor=office_staff, report=report, key="work-disputes", body="{{testrep.received@明年}}"
        )


def test_targets_in_report_text(two_years, office_staff, government, district):
    indicator_services.target_set(
        actor=office_staff,
        indicator="testrep.upheld_rate",
        division=district,
        year=2024,
        op="ge",
        value=60,
        label="年度目标",
    )
    rendered, text = _render(
        office_staff,
        government,
        "维持率{{testrep.upheld_rate}}（目标{{testrep.upheld_rate|目标}}），{{testrep.upheld_rate|达标}}。",
    )
    assert text.endswith("维持率53.75%（目标≥60%），低于年度目标60%。")
    run = next(
        r
        for s in rendered.sections
        for p in s.paragraphs
        for r in p.runs
        if r.figure and r.figure.placeholder.what == "vs_target"
    )
    assert "年度目标：≥60%（未达标）" in run.tooltip


def test_a_target_placeholder_without_a_target_blocks_export(two_years, office_staff, government):
    rendered, _text = _render(office_staff, government, "维持率{{testrep.upheld_rate|达标}}。")
    [error] = [i for i in rendered.errors if i.kind == "unresolved_placeholder"]
    assert "没有设定目标" in error.message


def test_breakdown_placeholders_with_shares(seed_values, office_staff, government, justice_bureau):
    from fazhi.indicators import registry
    from fazhi.reports.models import DutyKind, Report, ReportingDuty

    registry.add_dimensions("testrep.duties", registry.Dimension("kind", "义务"))
    earlier = Report.objects.get(unit=justice_bureau, year=2023)
    ReportingDuty.objects.create(
        unit=justice_bureau,
        report=earlier,
        kind=DutyKind.PUBLISH,
        recipient="门户网站",
        rule_code="reports.publication",
        due_date=date(2024, 4, 1),
    )
    rendered, text = _render(
        office_staff,
        government,
        "到期义务{{testrep.duties}}，其中报送{{testrep.duties[义务=报送]}}"
        "（占{{testrep.duties[义务=报送]|占比}}）；{{testrep.duties[义务]|分项}}。",
    )
    # 3 submissions (seed_values) + 1 publication due in 2024: 3 ÷ 4 = 75%, 1 ÷ 4 = 25%
    assert text.endswith(
        "到期义务4项，其中报送3项（占75%）；报送3项（占75%）、向社会公开1项（占25%）。"
    )
    run = next(
        r
        for s in rendered.sections
        for p in s.paragraphs
        for r in p.runs
        if r.figure and r.figure.placeholder.member == "报送" and not r.figure.placeholder.what
    )
    assert run.value.provenance.record_count == 3
    assert {r.label for r in run.value.provenance.records()} == {
        str(d) for d in ReportingDuty.objects.filter(kind=DutyKind.SUBMIT, due_date__year=2024)
    }


def test_unknown_dimensions_and_members_are_refused_on_save(seed_values, office_staff, government):
    template = make_template(office_staff.unit, work_body="义务{{testrep.duties}}。")
    report = services.report_create(
        actor=office_staff, unit=government, year=2024, template=template
    )
    with pytest.raises(services.ValidationError, match="不能按“颜色”分组"):
        services.report_section_save(
            actor=office_staff,
            report=report,
            key="work-disputes",
            body="{{testrep.duties[颜色=红]}}",
        )


def test_ratios_and_bounds_in_report_text(two_years, office_staff, government):
    from fazhi.indicators import registry
    from fazhi.indicators.catalog import catalog_sync

    registry.ratio(
        code="testrep.received_closed",
        name="新收与办结之比",
        numerator="testrep.received",
        denominator="testrep.closed",
    )
    catalog_sync()
    try:
        _rendered, text = _render(
            office_staff,
            government,
            "新收与办结之比{{testrep.received_closed}}，上年{{testrep.received_closed|上年}}；"
            "维持率{{testrep.upheld_rate|以上}}，新收{{testrep.received|近}}，"
            "办结{{testrep.closed|超}}。",
        )
    finally:
        registry.unregister("testrep.received_closed")
        catalog_sync()
    # 99 ÷ 80 = 1.2375 → 1.24:1; 86 ÷ 50 = 1.72:1; 53.75% → 50%以上; 99 → 近100件; 80 (round)
    assert text.endswith("新收与办结之比1.24:1，上年1.72:1；维持率50%以上，新收近100件，办结80件。")
