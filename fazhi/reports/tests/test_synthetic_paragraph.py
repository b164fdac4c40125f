"""A report paragraph for a synthetic district (manage.py synth) using a target, a
year-over-year change, a window, a breakdown with shares and a ratio: every figure equals a
count made here in SQL over the generated records, and its provenance page lists those records.

Raw SQL against the registers' tables (the report app never reads a domain model); the expected
texts are formatted here by hand from those counts.
"""

import io
import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from fazhi.core.models import Division, Role, Unit
from fazhi.core.testing.factories import UserFactory
from fazhi.indicators import services as indicator_services
from fazhi.reports import services
from fazhi.reports.assemble import build

pytestmark = pytest.mark.django_db

CASES = """
    SELECT COUNT(*) FROM reconsideration_reconsiderationcase c
    JOIN core_unit u ON u.id = c.unit_id JOIN core_division d ON d.id = u.division_id
    WHERE d.path LIKE %(path)s AND {where}
"""
RECEIVED = "c.received_on BETWEEN %(start)s AND %(end)s"
CLOSED = "c.status = 'closed' AND c.closed_on BETWEEN %(start)s AND %(end)s"
CORRECTING = (
    "'varied','revoked','partly_revoked','declared_unlawful','ordered_to_perform',"
    "'declared_void','agreement_liability','agreement_compensation'"
)
MERITS = CORRECTING + ",'upheld','claim_dismissed'"
FIRST_INSTANCE = """
    SELECT COUNT(*) FROM litigation_lawsuit l
    JOIN core_unit u ON u.id = l.unit_id JOIN core_division d ON d.id = u.division_id
    WHERE d.path LIKE %(path)s AND l.instance = 'first' AND l.filed_on BETWEEN %(start)s AND %(end)s
"""

BODY = (
    "2024年全区新收行政复议案件{{reconsideration.received}}，{{reconsideration.received|同比}}，"
    "其中行政处罚类{{reconsideration.received[行政行为类型=行政处罚]}}，"
    "占{{reconsideration.received[行政行为类型=行政处罚]|占比}}；"
    "前三季度受理{{reconsideration.accepted@2024年前三季度}}；"
    "复议与一审诉讼之比{{disputes.reconsideration_to_litigation}}；"
    "行政复议纠错率{{reconsideration.correction_rate}}，{{reconsideration.correction_rate|达标}}。"
)


def _count(query: str, path: str, start: str, end: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(query, {"path": f"{path}%", "start": start, "end": end})
        return cursor.fetchone()[0]


def _plain(number: Decimal) -> str:
    return (
        str(int(number))
        if number == number.to_integral_value()
        else format(number.normalize(), "f")
    )


def _one_decimal(number: Decimal) -> str:
    return _plain(number.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _percent(number: Decimal) -> str:
    if number == number.to_integral_value():
        return f"{int(number)}%"
    return f"{number.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}%"


@pytest.fixture
def district(db):
    call_command("synth", districts=1, years=2, end_year=2024, stdout=io.StringIO())
    return Division.objects.get(name="合成一区")


def test_a_paragraph_with_a_target_a_change_a_window_a_breakdown_and_a_ratio(
    district, verified_client
):
    path = district.path
    office = UserFactory(
        unit=Unit.objects.get(division=district, is_rule_of_law_office=True),
        roles=[Role.OFFICE_STAFF],
    )
    indicator_services.window_define(
        actor=office, name="2024年前三季度", start=date(2024, 1, 1), end=date(2024, 9, 30)
    )
    indicator_services.target_set(
        actor=office,
        indicator="reconsideration.correction_rate",
        division=district,
        year=2024,
        op="le",
        value=15,
        label="市考核目标",
    )
    government = Unit.objects.get(name="合成一区人民政府")
    report = services.report_create(actor=office, unit=government, year=2024)
    services.report_section_save(actor=office, report=report, key="work-lawful", body=BODY)

    # --- expected, from the generated records ------------------------------------------------
    y2024, y2023 = ("2024-01-01", "2024-12-31"), ("2023-01-01", "2023-12-31")
    received = _count(CASES.format(where=RECEIVED), path, *y2024)
    received_before = _count(CASES.format(where=RECEIVED), path, *y2023)
    penalties = _count(CASES.format(where=f"{RECEIVED} AND c.act_type = 'penalty'"), path, *y2024)
    accepted_q3 = _count(
        CASES.format(where="c.accepted_on BETWEEN %(start)s AND %(end)s"),
        path,
        "2024-01-01",
        "2024-09-30",
    )
    lawsuits = _count(FIRST_INSTANCE, path, *y2024)
    corrected = _count(
        CASES.format(where=f"{CLOSED} AND c.outcome IN ({CORRECTING})"), path, *y2024
    )
    merits = _count(CASES.format(where=f"{CLOSED} AND c.outcome IN ({MERITS})"), path, *y2024)
    assert received and received_before and penalties and lawsuits and merits  # synth made them

    change = Decimal(received - received_before) / received_before * 100
    word = "增长" if change > 0 else "下降"
    yoy = "与上年持平" if change == 0 else f"同比{word}{_one_decimal(abs(change))}%"
    share = f"{_one_decimal(Decimal(penalties) / received * 100)}%"
    ratio = (Decimal(received) / lawsuits).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    correction = Decimal(corrected) / merits * 100
    relation = "低于" if correction < 15 else "高于" if correction > 15 else "达到"
    expected = (
        f"2024年全区新收行政复议案件{received}件，{yoy}，其中行政处罚类{penalties}件，占{share}；"
        f"前三季度受理{accepted_q3}件；复议与一审诉讼之比{ratio}:1；"
        f"行政复议纠错率{_percent(correction)}，{relation}市考核目标15%。"
    )

    rendered = build(report, user=office)
    section = next(s for s in rendered.sections if s.key == "work-lawful")
    text = "".join(p.text for p in section.paragraphs)
    assert expected in text
    assert rendered.errors == []

    # --- every figure traced to its records on the provenance page ----------------------------
    client = verified_client(office)
    runs = {r.figure.key: r for p in section.paragraphs for r in p.runs if r.figure}

    def page(key: str) -> str:
        code = runs[key].code
        response = client.get(reverse("reports:figure", args=[report.pk, code]), {"p": key})
        assert response.status_code == 200
        return response.content.decode()

    def listed(html: str) -> int:
        return int(re.search(r">登记记录（共 (\d+) 条", html).group(1))  # the figure's own rows

    assert listed(page("reconsideration.received")) == received
    comparison = page("reconsideration.received|同比")
    assert listed(comparison) == received
    assert f"比较期的登记记录（共 {received_before} 条）" in comparison
    assert "/admin/reconsideration/reconsiderationcase/" in comparison
    assert listed(page("reconsideration.received[行政行为类型=行政处罚]")) == penalties
    assert f"<td>{penalties}件</td><td>{share}</td>" in page(
        "reconsideration.received[行政行为类型=行政处罚]|占比"
    )
    assert listed(page("reconsideration.accepted@2024年前三季度")) == accepted_q3
    ratio_page = page("disputes.reconsideration_to_litigation")
    assert "行政复议新收案件：<a" in ratio_page and f"{received}件</a>" in ratio_page
    assert "行政诉讼一审案件：<a" in ratio_page and f"{lawsuits}件</a>" in ratio_page
    target_page = page("reconsideration.correction_rate|达标")
    assert "市考核目标≤15%" in target_page and f"{corrected}件</a>" in target_page
    # …and a part of the ratio or the rate opens its own records
    parts = client.get(
        reverse("reports:figure", args=[report.pk, "litigation.first_instance"]),
        {"p": "litigation.first_instance"},
    ).content.decode()
    assert listed(parts) == lawsuits and "/admin/litigation/lawsuit/" in parts
