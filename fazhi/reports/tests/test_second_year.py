"""A second, different year made by `manage.py synth` (2025, a synthetic district): every figure
of the generated report equals a direct SQL count (or sum) of the same records and returns.

Raw SQL against the registers' tables is allowed here (and only here): the report app itself
never reads a domain model. Register figures without a hand-written query below (registers whose
synthetic generator lands later) are checked by counting their provenance query in SQL.
"""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from docx import Document

from fazhi.core.models import Division
from fazhi.indicators.registry import Kind, Source
from fazhi.reports.assemble import build
from fazhi.reports.models import Report, ReportExport

pytestmark = pytest.mark.django_db

YEAR = 2025
START, END = f"{YEAR}-01-01", f"{YEAR}-12-31"
CASES = """
    SELECT COUNT(*) FROM reconsideration_reconsiderationcase c
    JOIN core_unit u ON u.id = c.unit_id JOIN core_division d ON d.id = u.division_id
    WHERE d.path LIKE %(path)s AND {where}
"""
CLOSED = "c.status = 'closed' AND c.closed_on BETWEEN %(start)s AND %(end)s"
CORRECTING = (
    "'varied','revoked','partly_revoked','declared_unlawful','ordered_to_perform',"
    "'declared_void','agreement_liability','agreement_compensation'"
)
MERITS = CORRECTING + ",'upheld','claim_dismissed'"
LAWSUITS = """
    SELECT COUNT(*) FROM litigation_lawsuit l
    JOIN core_unit u ON u.id = l.unit_id JOIN core_division d ON d.id = u.division_id
    WHERE d.path LIKE %(path)s AND l.instance = '{instance}'
      AND l.filed_on BETWEEN %(start)s AND %(end)s
"""
HEARINGS = """
    SELECT COUNT(*) FROM litigation_lawsuithearing h
    JOIN litigation_lawsuit l ON l.id = h.lawsuit_id
    JOIN core_unit u ON u.id = l.unit_id JOIN core_division d ON d.id = u.division_id
    WHERE d.path LIKE %(path)s AND h.held_on BETWEEN %(start)s AND %(end)s {extra}
"""
REGISTER_SQL = {
    "reconsideration.received": CASES.format(where="c.received_on BETWEEN %(start)s AND %(end)s"),
    "reconsideration.accepted": CASES.format(where="c.accepted_on BETWEEN %(start)s AND %(end)s"),
    "reconsideration.closed": CASES.format(where=CLOSED),
    "reconsideration.corrected": CASES.format(where=f"{CLOSED} AND c.outcome IN ({CORRECTING})"),
    "reconsideration.mediated_or_settled": CASES.format(
        where=f"{CLOSED} AND c.outcome IN ('mediated','settled_withdrawn')"
    ),
    "litigation.first_instance": LAWSUITS.format(instance="first"),
    "litigation.appeal": LAWSUITS.format(instance="appeal"),
}
RATE_SQL = {  # default variant of each rate family: numerator, denominator
    "reconsideration.upheld_rate": (
        CASES.format(where=f"{CLOSED} AND c.outcome = 'upheld'"),
        CASES.format(where=f"{CLOSED} AND c.outcome IN ({MERITS})"),
    ),
    "litigation.head_appearance_rate": (
        HEARINGS.format(
            extra="AND h.appearance = 'head' AND h.head_name <> '' AND h.head_rank <> ''"
        ),
        HEARINGS.format(extra=""),
    ),
}
RETURNED_RATES = {
    "services.on_time_rate": ("services.completed_on_time", "services.completed"),
    "study.law_exam_participation_rate": ("study.law_exam_participants", "study.law_exam_staff"),
    "study.law_exam_registration_rate": ("study.law_exam_registered", "study.law_exam_staff"),
    "study.law_exam_sitting_rate": ("study.law_exam_sat", "study.law_exam_registered"),
    "study.law_exam_pass_rate": ("study.law_exam_passed", "study.law_exam_sat"),
}
RETURNED_FLOW = """
    SELECT SUM(v.value) FROM indicators_returnedvalue v
    JOIN indicators_indicator i ON i.id = v.indicator_id
    JOIN core_unit u ON u.id = v.unit_id JOIN core_division d ON d.id = u.division_id
    WHERE v.effective AND i.code = %(code)s AND d.path LIKE %(path)s
      AND v.period_start >= %(start)s AND v.period_end <= %(end)s
"""
RETURNED_STOCK = """
    SELECT SUM(value) FROM (
      SELECT DISTINCT ON (v.unit_id) v.value FROM indicators_returnedvalue v
      JOIN indicators_indicator i ON i.id = v.indicator_id
      JOIN core_unit u ON u.id = v.unit_id JOIN core_division d ON d.id = u.division_id
      WHERE v.effective AND i.code = %(code)s AND d.path LIKE %(path)s
        AND v.period_start >= %(start)s AND v.period_end <= %(end)s
      ORDER BY v.unit_id, v.period_end DESC) latest
"""


def _sql(query: str, **params) -> Decimal | None:
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        (value,) = cursor.fetchone()
    return None if value is None else Decimal(value)


def _returned(code: str, kind: str, path: str) -> Decimal | None:
    query = RETURNED_STOCK if kind == Kind.STOCK else RETURNED_FLOW
    return _sql(query, code=code, path=f"{path}%", start=START, end=END)


def _rate(numerator, denominator) -> Decimal | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator * 100


def _provenance_count(value) -> Decimal:
    sql, params = value.provenance.queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS provenance", params)
        return Decimal(cursor.fetchone()[0])


def test_2025_report_figures_equal_direct_sql(tmp_path):
    call_command("synth", districts=1, years=1, end_year=YEAR, stdout=io.StringIO())
    district = Division.objects.get(name="合成一区")
    path = district.path
    out = tmp_path / "2025.docx"
    call_command(
        "annual_report", unit="合成一区人民政府", year=YEAR, out=str(out), stdout=io.StringIO()
    )
    report = Report.objects.get(unit__name="合成一区人民政府", year=YEAR)
    rendered = build(report, live=True)  # today's data (the exported version is frozen)
    assert build(report).plain_text() == rendered.plain_text()  # …and shows the same text
    assert rendered.errors == []
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "合成一区人民政府关于2025年法治政府建设情况的报告" in text
    assert "2026年推进法治政府建设主要思路" in text

    checked, mismatched = [], {}
    for code, value in rendered.values.items():
        if code in REGISTER_SQL:
            expected = _sql(REGISTER_SQL[code], path=f"{path}%", start=START, end=END)
        elif code in RATE_SQL:
            numerator, denominator = (
                _sql(q, path=f"{path}%", start=START, end=END) for q in RATE_SQL[code]
            )
            expected = _rate(numerator, denominator)
        elif code in RETURNED_RATES:
            parts = [
                _returned(c, rendered.values[code].numerator.kind, path)
                if i == 0
                else _returned(c, rendered.values[code].denominator.kind, path)
                for i, c in enumerate(RETURNED_RATES[code])
            ]
            expected = _rate(*parts)
        elif value.source == Source.RETURNED:
            expected = _returned(code, value.kind, path)
        elif value.provenance.kind == "records":
            expected = _provenance_count(value)
        else:
            mismatched[code] = ("no SQL for this figure", value.display)
            continue
        checked.append(code)
        if expected is None or value.value is None:
            if expected != value.value:
                mismatched[code] = (expected, value.value)
        elif abs(expected - value.value) > Decimal("0.0001"):
            mismatched[code] = (expected, value.value)
    assert mismatched == {}
    assert len(checked) >= 60  # every returned seed figure plus the reconsideration/litigation ones
    assert {"reconsideration.received", "litigation.first_instance"} <= set(checked)
    # The figures stored with the export are the same values.
    export = ReportExport.objects.get(version__report=report)
    assert export.figures["reconsideration.received"]["value"] == str(
        rendered.values["reconsideration.received"].value
    )
    # And the 2025 figures differ from the demo's 2024 ones: a different year, not a fixture.
    assert rendered.values["services.applications"].value != Decimal("49287")
    for code, value in rendered.values.items():
        if value.value is not None and value.kind != Kind.RATE:
            assert value.display in text or value.display.removesuffix(value.measure) in text, code
