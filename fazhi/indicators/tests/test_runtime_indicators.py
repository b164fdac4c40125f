"""Indicators the office manages without code: add, edit, deactivate, rates over two indicators,
windows other than the year, consistency rules checked on computations and returns."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from fazhi.core.testing.factories import UnitFactory
from fazhi.indicators import services
from fazhi.indicators.catalog import all_specs
from fazhi.indicators.models import Indicator, ReturnRequest
from fazhi.indicators.selectors import findings_for, indicator_value

from .helpers import accepted_return


@pytest.fixture
def mediation(catalog, office_staff):
    cases = services.indicator_add(
        actor=office_staff,
        name="行政调解受理",
        domain="公共法律服务",
        measure="件",
        kind="count",
        formula="年度内受理的行政调解案件",
    )
    success = services.indicator_add(
        actor=office_staff,
        name="行政调解成功",
        domain="公共法律服务",
        measure="件",
        kind="count",
        formula="年度内调解成功的行政调解案件",
    )
    rate = services.rate_add(
        actor=office_staff, name="行政调解成功率", numerator=success, denominator=cases
    )
    return cases, success, rate


def test_a_runtime_rate_is_combined_from_its_parts(mediation, office_staff, district):
    cases, success, rate = mediation
    a = UnitFactory(name="甲街道", division=district)
    b = UnitFactory(name="乙街道", division=district)
    accepted_return(office_staff, a, {cases.code: 10, success.code: 9})
    accepted_return(office_staff, b, {cases.code: 30, success.code: 6})
    value = indicator_value(rate.code, division_or_unit=district, year=2024)
    # (9 + 6) ÷ (10 + 30) = 37.5% (two decimals), not the mean of 90% and 20%
    assert value.display == "37.50%" and value.formula == "行政调解成功 ÷ 行政调解受理 ×100%"
    assert [p.name for p in value.provenance.parts] == ["行政调解成功", "行政调解受理"]
    ratio = services.rate_add(
        actor=office_staff,
        name="受理与成功之比",
        numerator=cases,
        denominator=success,
        kind="ratio",
    )
    assert indicator_value(ratio.code, division_or_unit=district, year=2024).display == "2.67:1"


def test_edit_and_deactivate(mediation, office_staff, unit_a):
    cases, success, rate = mediation
    services.indicator_edit(actor=office_staff, indicator=cases, name="行政调解案件受理")
    assert all_specs()[cases.code].name == "行政调解案件受理"
    with pytest.raises(ValidationError, match="仍在使用该指标.*行政调解成功率"):
        services.indicator_deactivate(actor=office_staff, indicator=cases)
    services.indicator_deactivate(actor=office_staff, indicator=rate)
    services.indicator_deactivate(actor=office_staff, indicator=cases)
    assert cases.code not in all_specs() and rate.code not in all_specs()
    services.indicator_reactivate(actor=office_staff, indicator=cases)
    accepted_return(office_staff, unit_a, {cases.code: 4})
    with pytest.raises(ValidationError, match="已有填报数据，不能再修改计量单位"):
        services.indicator_edit(actor=office_staff, indicator=cases, measure="起")
    system = Indicator.objects.get(code="services.free_mailings")
    with pytest.raises(ValidationError, match="由系统定义"):
        services.indicator_edit(actor=office_staff, indicator=system, name="x")


def test_a_runtime_rule_is_checked_on_computations_and_returns(mediation, office_staff, unit_a):
    cases, success, _rate = mediation
    rule = services.rule_add(actor=office_staff, name="", left=[success], op="<=", right=[cases])
    assert rule.name == "行政调解成功 ≤ 行政调解受理"
    _unit_return, revision = accepted_return(
        office_staff, unit_a, {cases.code: 10, success.code: 12}
    )
    assert [f["check"] for f in revision.findings] == [rule.code]
    [finding] = [
        f for f in findings_for(division_or_unit=unit_a, year=2024) if f.check == rule.code
    ]
    assert finding.message == (
        f"{unit_a.name}·2024年：行政调解成功 ≤ 行政调解受理 不成立（行政调解成功 12件，行政调解受理 10件；"
        "左边合计 12 大于 右边合计 10）"
    )
    services.rule_deactivate(actor=office_staff, rule=rule)
    assert not [f for f in findings_for(division_or_unit=unit_a, year=2024) if f.check == rule.code]


def test_a_runtime_indicator_over_a_window(catalog, office_staff, unit_a):
    window = services.window_define(
        actor=office_staff, name="2024学年", start=date(2023, 9, 1), end=date(2024, 8, 31)
    )
    lessons = services.indicator_add(
        actor=office_staff,
        name="法治课时",
        domain="普法宣传",
        measure="课时",
        kind="sum",
        formula="学年内开设的法治课课时",
        period="window",
        window=window,
    )
    request = services.return_request_open(
        actor=office_staff,
        title="学年法治课",
        year=2024,
        indicators=[lessons],
        units=[unit_a],
        due_date=date(2024, 9, 30),
    )
    assert (request.period_start, request.period_end, request.window) == (
        date(2023, 9, 1),
        date(2024, 8, 31),
        window,
    )
    with pytest.raises(ValidationError, match="按各自的统计期填报"):
        other = services.window_define(
            actor=office_staff, name="2025学年", start=date(2024, 9, 1), end=date(2025, 8, 31)
        )
        services.return_request_open(
            actor=office_staff,
            title="x",
            year=2025,
            indicators=[lessons],
            units=[unit_a],
            window=other,
        )
    assert ReturnRequest.objects.filter(title="x").count() == 0
    with pytest.raises(ValidationError, match="须选择统计期"):
        services.indicator_add(
            actor=office_staff,
            name="y",
            domain="d",
            measure="件",
            kind="count",
            formula="f",
            period="window",
        )


def test_the_catalog_pages_manage_indicators_by_name(catalog, office_staff, verified_client):
    client = verified_client(office_staff)
    url = reverse("indicators:catalog")
    client.post(
        url,
        {
            "action": "add",
            "name": "行政调解受理",
            "domain": "公共法律服务",
            "measure": "件",
            "kind": "count",
            "formula": "受理数",
            "required": "on",
        },
    )
    client.post(
        url,
        {
            "action": "add",
            "name": "行政调解成功",
            "domain": "公共法律服务",
            "measure": "件",
            "kind": "count",
            "formula": "成功数",
            "required": "on",
        },
    )
    cases = Indicator.objects.get(name="行政调解受理")
    success = Indicator.objects.get(name="行政调解成功")
    response = client.post(
        url,
        {
            "action": "rate",
            "name": "行政调解成功率",
            "kind": "rate",
            "numerator": success.pk,
            "denominator": cases.pk,
        },
    )
    assert response.status_code == 302
    rate = Indicator.objects.get(name="行政调解成功率")
    assert (rate.numerator, rate.denominator, rate.source) == (success.code, cases.code, "derived")
    page = client.get(url).content.decode()
    assert "行政调解成功率" in page and "custom." not in page  # names, never codes
    edit = reverse("indicators:indicator_edit")
    assert client.get(edit, {"indicator": cases.pk}).status_code == 200
    system = Indicator.objects.get(code="services.free_mailings")
    assert client.get(edit, {"indicator": system.pk}).status_code == 404
    rules = reverse("indicators:rules")
    client.post(rules, {"left": [success.pk], "op": "<=", "right": [cases.pk]})
    assert "行政调解成功 ≤ 行政调解受理" in client.get(rules).content.decode()
    refused = client.post(url, {"action": "deactivate", "indicator": cases.pk}, follow=True)
    assert "仍在使用该指标" in refused.content.decode()


def test_another_districts_office_cannot_edit_it(mediation, other_office):
    cases, _success, _rate = mediation
    with pytest.raises(ValidationError, match="只能修改或停用本辖区新增的指标"):
        services.indicator_edit(actor=other_office, indicator=cases, name="x")
