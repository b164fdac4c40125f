import pytest

from fazhi.indicators import registry
from fazhi.indicators.catalog import catalog_sync
from fazhi.indicators.registry import Kind
from fazhi.indicators.selectors import check_stated, findings_for, indicator_value, indicator_values

from .helpers import accepted_return


@pytest.fixture
def upheld_rate(register, catalog):
    """The seed's figures as test indicators: 办结, 纠错, 调解和解, and the two 维持率 variants."""
    for code, name in [
        ("test.closed", "办结"),
        ("test.corrected", "纠错"),
        ("test.mediated", "调解和解"),
    ]:
        register(
            registry.returned,
            code=code,
            name=name,
            domain="复议应诉",
            measure="件",
            kind=Kind.COUNT,
            formula=name,
        )
    register(
        registry.returned,
        code="test.upheld_rate_stated",
        name="维持率（陈述值）",
        domain="复议应诉",
        measure="%",
        kind=Kind.RATE,
        formula="报告中陈述的维持率",
        stated_for="test.upheld_rate",
    )
    register(
        registry.derived,
        code="test.upheld_or_dismissed",
        name="维持或驳回",
        domain="复议应诉",
        measure="件",
        terms={"test.closed": 1, "test.corrected": -1, "test.mediated": -1},
    )
    register(
        registry.derived,
        code="test.not_corrected",
        name="未纠错",
        domain="复议应诉",
        measure="件",
        terms={"test.closed": 1, "test.corrected": -1},
    )
    register(
        registry.rate,
        code="test.upheld_rate.a",
        name="维持率（口径A）",
        numerator="test.upheld_or_dismissed",
        denominator="test.closed",
        variant_of="test.upheld_rate",
        variant_label="口径A",
        default=True,
        formula="(办结 − 纠错 − 调解和解) ÷ 办结",
    )
    register(
        registry.rate,
        code="test.upheld_rate.b",
        name="维持率（口径B）",
        numerator="test.not_corrected",
        denominator="test.closed",
        variant_of="test.upheld_rate",
        variant_label="口径B",
        formula="(办结 − 纠错) ÷ 办结",
    )
    catalog_sync()


def test_seed_upheld_rate_is_flagged_with_the_computed_variants(
    upheld_rate, office_staff, justice_bureau
):
    """Seed: 80 closed, 19 corrected, 18 mediated or settled, stated 维持率 75% → flagged."""
    _, revision = accepted_return(
        office_staff,
        justice_bureau,
        {
            "test.closed": 80,
            "test.corrected": 19,
            "test.mediated": 18,
            "test.upheld_rate_stated": 75,
        },
    )
    # checked on the return itself, at submission
    (recorded,) = revision.findings
    assert recorded["check"] == "test.upheld_rate.stated"
    assert recorded["figures"] == {
        "陈述值": "75%",
        "口径A": "53.75%",
        "口径B": "76.25%",
        "维持或驳回": "43件",
        "办结": "80件",
    }
    # and on every computation
    (finding,) = findings_for(division_or_unit=justice_bureau.division, year=2024, compliance=False)
    assert "75%" in finding.message and "53.75%" in finding.message and "76.25%" in finding.message
    family = indicator_value("test.upheld_rate", division_or_unit=justice_bureau, year=2024)
    assert family.display == "53.75%" and family.variant_label == "口径A"
    assert [v.display for v in family.variants] == ["53.75%", "76.25%"]
    assert family.findings and family.findings[0].check == "test.upheld_rate.stated"


def test_a_stated_rate_matching_a_variant_within_rounding_passes(
    upheld_rate, office_staff, justice_bureau
):
    accepted_return(
        office_staff, justice_bureau, {"test.closed": 80, "test.corrected": 19, "test.mediated": 18}
    )
    kwargs = {"division_or_unit": justice_bureau, "year": 2024}
    assert check_stated("test.upheld_rate", "76.3", **kwargs) == []  # 76.25 rounds to 76.3
    assert check_stated("test.upheld_rate", 76, **kwargs) == []  # 76.25 rounds to 76
    assert check_stated("test.upheld_rate", 75, **kwargs) != []
    assert (
        check_stated("test.upheld_rate", "53.7", **kwargs) != []
    )  # 53.75 rounds to 53.8, not 53.7


def test_parts_must_not_exceed_the_whole_and_nothing_is_fixed(
    catalog, office_staff, justice_bureau
):
    values = {
        "legal_aid.cases": 400,
        "legal_aid.cases_criminal": 213,
        "legal_aid.cases_civil": 135,
        "legal_aid.cases_legal_help": 82,
    }
    _, revision = accepted_return(office_staff, justice_bureau, values)
    (recorded,) = revision.findings
    assert recorded["check"] == "legal_aid.types_within_total"
    result = indicator_values(list(values), division_or_unit=justice_bureau, year=2024)
    assert result["legal_aid.cases"].value == 400  # the figure is kept as reported
    (finding,) = result["legal_aid.cases"].findings
    assert "430" in finding.message and "400" in finding.message
    assert finding.figures["法律援助刑事案件"] == "213件"


def test_online_plus_onsite_must_equal_applications(catalog, office_staff, unit_a):
    accepted_return(
        office_staff,
        unit_a,
        {
            "services.applications": 49287,
            "services.applications_online": 31890,
            "services.applications_onsite": 17397,
        },
    )
    assert findings_for(division_or_unit=unit_a, year=2024, compliance=False) == []
    accepted_return(office_staff, unit_a, {"services.applications_onsite": 1}, title="补报")
    (finding,) = findings_for(division_or_unit=unit_a, year=2024, compliance=False)
    assert finding.check == "services.channels_sum" and "49288" in finding.message


def test_relations_skip_until_every_figure_exists(catalog, office_staff, unit_a):
    accepted_return(office_staff, unit_a, {"legal_aid.cases_criminal": 5})
    assert findings_for(division_or_unit=unit_a, year=2024, compliance=False) == []


def test_registered_compliance_checks_run_with_the_findings(catalog, register, unit_a):
    def no_advisor(scope):
        return [
            registry.Finding(unit=unit, message=f"{unit}未聘请法律顾问") for unit in scope.units
        ]

    registry.compliance_check(code="test.no_advisor", name="未聘法律顾问")(no_advisor)
    try:
        findings = findings_for(division_or_unit=unit_a, year=2024)
        (finding,) = [f for f in findings if f.check == "test.no_advisor"]
        assert finding.unit == unit_a and finding.message == f"{unit_a}未聘请法律顾问"
    finally:
        registry.unregister("test.no_advisor")
