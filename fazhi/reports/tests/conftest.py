"""Report tests build their figures through the indicator backbone only: test indicators are
registered with its registry (and removed afterwards) and returns go through its services."""

from datetime import date

import pytest

from fazhi.core.models import Role, UnitKind
from fazhi.core.testing.factories import UnitFactory, UserFactory
from fazhi.indicators import registry
from fazhi.indicators import services as indicator_services
from fazhi.indicators.catalog import catalog_sync
from fazhi.indicators.registry import Kind


@pytest.fixture
def register():
    codes: list[str] = []

    def add(func, **kwargs):
        spec = func(**kwargs)
        codes.append(kwargs["code"])
        return spec

    yield add
    registry.unregister(*codes)
    catalog_sync()


@pytest.fixture
def government(district):
    return UnitFactory(name="衡阳市蒸湘区人民政府", kind=UnitKind.GOVERNMENT, division=district)


def accept_return(office, unit, values: dict, *, year=2024):
    """Open a return for one unit and take it through fill, submit and accept (real services)."""
    request = indicator_services.return_request_open(
        actor=office,
        title=f"测试填报{unit.pk}-{year}-{len(values)}",
        year=year,
        indicators=list(values),
        units=[unit],
        due_date=date(year + 1, 1, 20),
    )
    unit_return = request.returns.get()
    clerk = UserFactory(unit=unit, roles=[Role.CLERK])
    head = UserFactory(unit=unit, roles=[Role.UNIT_HEAD])
    indicator_services.return_fill(actor=clerk, unit_return=unit_return, values=values)
    indicator_services.return_submit(actor=head, unit_return=unit_return)
    indicator_services.return_accept(actor=office, unit_return=unit_return)
    return unit_return


@pytest.fixture
def figures(register, db):
    """Test indicators: returned counts, a money sum, an approximate figure, a register-style
    count over units (records as provenance), the 维持率 family (docs/rules.md I3), a relation."""
    for code, name, measure, kind, approximate in [
        ("testrep.received", "测试复议新收", "件", Kind.COUNT, 0),
        ("testrep.closed", "测试复议办结", "件", Kind.COUNT, 0),
        ("testrep.corrected", "测试复议纠错", "件", Kind.COUNT, 0),
        ("testrep.mediated", "测试复议调解和解", "件", Kind.COUNT, 0),
        ("testrep.amount", "测试调解金额", "万元", Kind.SUM, 0),
        ("testrep.materials", "测试派发资料", "份", Kind.SUM, 1),
        ("testrep.missing", "测试未填报指标", "次", Kind.COUNT, 0),
    ]:
        register(
            registry.returned,
            code=code,
            name=name,
            domain="测试",
            measure=measure,
            kind=kind,
            formula=name,
            approximate=approximate,
        )
    register(
        registry.derived,
        code="testrep.upheld_or_dismissed",
        name="测试维持或驳回",
        domain="测试",
        measure="件",
        terms={"testrep.closed": 1, "testrep.corrected": -1, "testrep.mediated": -1},
    )
    register(
        registry.derived,
        code="testrep.not_corrected",
        name="测试未纠错",
        domain="测试",
        measure="件",
        terms={"testrep.closed": 1, "testrep.corrected": -1},
    )
    register(
        registry.rate,
        code="testrep.upheld_rate.a",
        name="测试复议维持率（口径A）",
        numerator="testrep.upheld_or_dismissed",
        denominator="testrep.closed",
        variant_of="testrep.upheld_rate",
        variant_label="口径A",
        default=True,
        formula="(办结 − 纠错 − 调解和解) ÷ 办结",
    )
    register(
        registry.rate,
        code="testrep.upheld_rate.b",
        name="测试复议维持率（口径B）",
        numerator="testrep.not_corrected",
        denominator="testrep.closed",
        variant_of="testrep.upheld_rate",
        variant_label="口径B",
        formula="(办结 − 纠错) ÷ 办结",
    )
    register(
        registry.relation,
        code="testrep.closed_within_received",
        name="测试办结 ≤ 新收",
        left=["testrep.closed"],
        op="<=",
        right=["testrep.received"],
    )

    @registry.computed(
        code="testrep.duties",
        name="测试到期报送义务",
        domain="测试",
        measure="项",
        formula="年度内到期的报送与公开义务数（测试用登记记录）",
    )
    def duties(scope):
        from fazhi.reports.models import ReportingDuty

        return ReportingDuty.objects.filter(
            unit__in=scope.units, due_date__range=(scope.start, scope.end)
        )

    register(lambda **kw: None, code="testrep.duties")
    catalog_sync()


@pytest.fixture
def seed_values(figures, office_staff, justice_bureau):
    """The seed's reconsideration figures (80 closed, 19 corrected, 18 mediated) and others."""
    accept_return(
        office_staff,
        justice_bureau,
        {
            "testrep.received": 99,
            "testrep.closed": 80,
            "testrep.corrected": 19,
            "testrep.mediated": 18,
            "testrep.amount": "304.62",
            "testrep.materials": 30215,
        },
    )
    from fazhi.reports.models import DutyKind, Report, ReportingDuty

    earlier = Report.objects.create(unit=justice_bureau, year=2023)
    for recipient in ("区委", "区政府", "市司法局"):
        ReportingDuty.objects.create(
            unit=justice_bureau,
            report=earlier,
            kind=DutyKind.SUBMIT,
            recipient=recipient,
            rule_code="reports.department_submission",
            due_date=date(2024, 3, 1),
            done_on=date(2024, 2, 20),
        )


def make_template(office_unit, *, work_body="", work_indicators=(), body_kind="government"):
    """A small outline with R3's required contents; the work section shows the test figures."""
    from fazhi.reports.models import ReportTemplate, SectionKind, TemplateSection

    template = ReportTemplate.objects.create(
        unit=office_unit, name=f"测试提纲{ReportTemplate.objects.count()}", body_kind=body_kind
    )
    rows = [
        ("preamble", SectionKind.PREAMBLE, 0, "", "{year}年，{area}深入推进依法行政。"),
        ("work", SectionKind.WORK, 1, "{year}年法治政府建设情况", ""),
        ("work-disputes", SectionKind.WORK, 2, "化解行政争议", work_body),
        ("problems", SectionKind.PROBLEMS, 1, "存在的问题", "一年来，{area}仍有不足。"),
        ("plan", SectionKind.PLAN, 1, "{next_year}年工作安排", ""),
        ("leaders", SectionKind.LEADERS, 1, "主要负责人履职情况", "主要负责人认真履职。"),
        ("closing", SectionKind.CLOSING, 0, "", "特此报告。"),
    ]
    for order, (key, kind, level, title, body) in enumerate(rows):
        TemplateSection.objects.create(
            template=template,
            key=key,
            order=order,
            level=level,
            kind=kind,
            title=title,
            body=body,
            indicators=list(work_indicators) if key == "work-disputes" else [],
        )
    return template


@pytest.fixture
def template(office_staff, figures):
    return make_template(
        office_staff.unit,
        work_indicators=[
            "testrep.received",
            "testrep.closed",
            "testrep.upheld_rate",
            "testrep.amount",
            "testrep.materials",
            "testrep.duties",
            "testrep.missing",
        ],
    )
