from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from fazhi.indicators import registry
from fazhi.indicators.catalog import all_specs, catalog_sync
from fazhi.indicators.models import Indicator
from fazhi.indicators.registry import Kind, Source
from fazhi.indicators.seed import RETURNED, SEED_FIGURES, expected_from_registers, seed_codes
from fazhi.indicators.services import indicator_add

CONTRACTS = Path(__file__).resolve().parents[3] / "docs" / "contracts.md"


def test_every_seed_figure_has_a_code_once():
    codes = seed_codes()
    assert len(codes) == len(set(codes)) == len(SEED_FIGURES)
    assert len(SEED_FIGURES) >= 64


def test_returned_seed_figures_are_in_the_catalog_with_a_formula(catalog):
    rows = {row.code: row for row in Indicator.objects.filter(active=True)}
    for code in seed_codes(RETURNED):
        assert code in rows, code
        assert rows[code].formula.strip(), code
        assert rows[code].name and rows[code].measure and rows[code].domain, code
    # the on-time rate is a rate over returned counts, recomputed on roll-up
    rate = rows["services.on_time_rate"]
    assert (rate.kind, rate.source) == (Kind.RATE, Source.DERIVED)
    assert rows[rate.numerator].source == rows[rate.denominator].source == Source.RETURNED


@pytest.mark.register_specs
def test_register_codes_are_left_to_their_apps_and_listed_in_the_contract(catalog):
    """Codes another register provides are never defined here as returned, and are documented."""
    contract = CONTRACTS.read_text(encoding="utf-8")
    for app, codes in expected_from_registers().items():
        for code in codes:
            spec = registry.indicator(code) or all_specs().get(code)
            if spec is not None:
                assert spec.source != Source.RETURNED, code
                assert not spec.module.startswith("fazhi.indicators"), code
                assert Indicator.objects.get(code=code).formula.strip()
            short = code.split(".", 1)[1]
            assert code in contract or f"`.{short}`" in contract, (app, code)


def test_catalog_sync_is_idempotent_and_deactivates_removed_codes(catalog, register):
    register(
        registry.returned,
        code="test.transient",
        name="临时指标",
        domain="测试",
        measure="件",
        formula="测试",
    )
    written, _ = catalog_sync()
    assert written == 1
    assert catalog_sync() == (0, 0)
    registry.unregister("test.transient")
    assert catalog_sync() == (0, 1)
    assert not Indicator.objects.get(code="test.transient").active


def test_office_adds_a_returned_indicator_at_runtime(catalog, office_staff, unit_a):
    row = indicator_add(
        actor=office_staff,
        name="行政调解案件",
        domain="公共法律服务",
        measure="件",
        kind=Kind.COUNT,
        formula="年度内受理的行政调解案件数",
        reporting_units=[unit_a],
    )
    assert row.code.startswith("custom.") and row.added_at_runtime
    assert all_specs()[row.code].name == "行政调解案件"
    catalog_sync()
    row.refresh_from_db()
    assert row.active and row.defined_in == ""


def test_only_the_office_adds_indicators_and_never_a_returned_rate(catalog, clerk_a, office_staff):
    with pytest.raises(ValidationError, match="依法治区办"):
        indicator_add(actor=clerk_a, name="x", domain="d", measure="件", formula="f")
    with pytest.raises(ValidationError, match="分子"):
        indicator_add(
            actor=office_staff, name="x", domain="d", measure="%", formula="f", kind=Kind.RATE
        )
    assert not Indicator.objects.filter(name="x").exists()


def test_rate_variants_have_one_default_and_a_family_row(catalog, register):
    for code in ("test.upheld", "test.dismissed", "test.merits"):
        register(registry.returned, code=code, name=code, domain="测试", measure="件", formula="f")
    register(
        registry.rate,
        code="test.upheld_rate.a",
        name="维持率（口径A）",
        numerator="test.upheld",
        denominator="test.merits",
        variant_of="test.upheld_rate",
        variant_label="口径A",
        default=True,
        formula="维持 ÷ 实体决定",
    )
    register(
        registry.rate,
        code="test.upheld_rate.b",
        name="维持率（口径B）",
        numerator="test.dismissed",
        denominator="test.merits",
        variant_of="test.upheld_rate",
        variant_label="口径B",
        formula="(维持 + 驳回) ÷ 实体决定",
    )
    catalog_sync()
    family = Indicator.objects.get(code="test.upheld_rate")
    assert family.name == "维持率" and family.kind == Kind.RATE
    assert "口径A" in family.formula and "（默认）" in family.formula
    assert Indicator.objects.get(code="test.upheld_rate.a").is_default_variant
    assert not Indicator.objects.get(code="test.upheld_rate.b").is_default_variant


def test_a_code_cannot_be_registered_by_two_modules():
    registry.returned(code="test.owned", name="n", domain="d", measure="件", formula="f")
    try:
        with pytest.raises(registry.RegistryError, match="已由"):
            registry._add(
                registry.IndicatorSpec(
                    code="test.owned",
                    name="n",
                    domain="d",
                    measure="件",
                    kind=Kind.COUNT,
                    formula="f",
                    module="fazhi.other.indicators",
                )
            )
    finally:
        registry.unregister("test.owned")


def test_every_registration_is_well_formed():
    """Rates, derived figures and relations name existing codes; each family has one default."""
    from fazhi.indicators.catalog import catalog_problems

    assert catalog_problems() == []


def test_registration_mistakes_are_reported(register):
    from fazhi.indicators.catalog import catalog_problems

    register(
        registry.rate,
        code="test.bad_rate",
        name="坏比率",
        numerator="test.nothing",
        denominator="test.nothing2",
        variant_of="test.family",
        formula="f",
    )
    problems = catalog_problems()
    assert any("test.nothing" in p for p in problems)
    assert any("test.family" in p and "默认口径" in p for p in problems)
