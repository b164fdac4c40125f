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
IN_DISTRICT = """
    JOIN core_unit u ON u.id = {alias}.unit_id JOIN core_division d ON d.id = u.division_id
    WHERE d.path LIKE %(path)s
"""
STUDY_ITEMS = (
    "SELECT COUNT(*) FROM meetings_agendaitem a JOIN meetings_meeting m ON m.id = a.meeting_id"
    + IN_DISTRICT.format(alias="a")
    + " AND a.kind = 'first_agenda_study' AND m.kind = 'executive'"
    " AND m.held_on BETWEEN %(start)s AND %(end)s"
)
ROSTER = (
    "SELECT COUNT(*) FROM study_lawexamentry e"
    + IN_DISTRICT.format(alias="e")
    + " AND e.year = %(year)s {flag}"
)
EVENTS = (
    "SELECT {what} FROM publicity_publicityevent e"
    + IN_DISTRICT.format(alias="e")
    + " AND e.held_on BETWEEN %(start)s AND %(end)s"
)
STREAMS = (
    "SELECT {what} FROM publicity_livestream s"
    + IN_DISTRICT.format(alias="s")
    + " AND s.held_on BETWEEN %(start)s AND %(end)s"
)
TALLIES = (
    "SELECT SUM(t.count) FROM govservices_halltally t"
    + IN_DISTRICT.format(alias="t")
    + " AND t.kind IN ({kinds}) AND t.on BETWEEN %(start)s AND %(end)s"
)
COMPLETED = (
    "SELECT COUNT(*) FROM govservices_serviceapplication a"
    + IN_DISTRICT.format(alias="a")
    + " AND a.result IN ('approved','refused') AND a.completed_on BETWEEN %(start)s AND %(end)s"
)
FAIRS = (
    "SELECT {what} FROM employment_jobfair f"
    + IN_DISTRICT.format(alias="f")
    + " AND f.kind IN ({kinds}) AND f.held_on BETWEEN %(start)s AND %(end)s"
)
OPENINGS = (
    "SELECT SUM(p.openings) FROM employment_fairposition p"
    " JOIN employment_fairemployer e ON e.id = p.employer_id"
    " JOIN employment_jobfair f ON f.id = e.fair_id"
    + IN_DISTRICT.format(alias="f")
    + " AND f.kind IN ({kinds}) AND f.held_on BETWEEN %(start)s AND %(end)s"
)
CONSULTATIONS = (
    "SELECT SUM(c.persons) FROM legal_aid_consultation c"
    + IN_DISTRICT.format(alias="c")
    + " AND c.channel = '{channel}' AND c.consulted_on BETWEEN %(start)s AND %(end)s"
)
JOB_FAIRS = "'onsite','online'"
REGISTER_SQL = {
    "services.consultations_remote": TALLIES.format(
        kinds="'consult_phone','consult_online','consult_wechat'"
    ),
    "services.visitors_onsite": TALLIES.format(kinds="'visitors'"),
    "services.free_seals": TALLIES.format(kinds="'free_seal'"),
    "services.free_mailings": TALLIES.format(kinds="'free_mailing'"),
    "services.free_prints": TALLIES.format(kinds="'free_print'"),
    "employment.job_fair_positions": OPENINGS.format(kinds=JOB_FAIRS),
    "employment.job_fair_matches": FAIRS.format(what="SUM(f.matches)", kinds=JOB_FAIRS),
    "employment.job_fair_leaflets": FAIRS.format(what="SUM(f.leaflets)", kinds=JOB_FAIRS),
    "employment.livestream_positions": OPENINGS.format(kinds="'livestream'"),
    "legal_aid.visits": CONSULTATIONS.format(channel="visit"),
    "legal_aid.calls": CONSULTATIONS.format(channel="phone"),
    "mediation.medical_amount": (
        "SELECT SUM(m.amount) FROM mediation_dispute m"
        + IN_DISTRICT.format(alias="m")
        + " AND m.dispute_type = 'medical' AND m.started_on BETWEEN %(start)s AND %(end)s"
    ),
    "study.exec_meeting_study_sessions": STUDY_ITEMS,
    "study.public_duty_reports": (
        "SELECT COUNT(DISTINCT r.unit_id) FROM study_dutyreport r"
        + IN_DISTRICT.format(alias="r")
        + " AND r.mode = 'public' AND r.reported_on BETWEEN %(start)s AND %(end)s"
    ),
    "study.committee_meetings": (
        "SELECT COUNT(*) FROM study_committeemeeting c"
        + IN_DISTRICT.format(alias="c")
        + " AND c.held_on BETWEEN %(start)s AND %(end)s"
    ),
    "publicity.events": EVENTS.format(what="COUNT(*)"),
    "publicity.materials": EVENTS.format(what="SUM(e.materials)"),
    "publicity.consultations": EVENTS.format(what="SUM(e.consultations)"),
    "publicity.livestreams": STREAMS.format(what="COUNT(*)"),
    "publicity.livestream_views": STREAMS.format(what="SUM(s.views)"),
    "publicity.livestream_likes": STREAMS.format(what="SUM(s.likes)"),
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
    "services.on_time_rate": (COMPLETED + " AND a.on_time", COMPLETED),
    "study.law_exam_participation_rate": (
        ROSTER.format(flag="AND e.studied"),
        ROSTER.format(flag=""),
    ),
    "study.law_exam_registration_rate": (
        ROSTER.format(flag="AND e.registered"),
        ROSTER.format(flag=""),
    ),
    "study.law_exam_sitting_rate": (
        ROSTER.format(flag="AND e.sat"),
        ROSTER.format(flag="AND e.registered"),
    ),
    "study.law_exam_pass_rate": (
        ROSTER.format(flag="AND e.passed"),
        ROSTER.format(flag="AND e.sat"),
    ),
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
            expected = _sql(REGISTER_SQL[code], path=f"{path}%", start=START, end=END, year=YEAR)
        elif code in RATE_SQL:
            numerator, denominator = (
                _sql(q, path=f"{path}%", start=START, end=END, year=YEAR) for q in RATE_SQL[code]
            )
            expected = _rate(numerator, denominator)
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
    assert not mismatched, "\n".join(f"{c}: SQL {e} ≠ 报告 {v}" for c, (e, v) in mismatched.items())
    assert len(checked) >= 60  # every returned seed figure plus the reconsideration/litigation ones
    assert {"reconsideration.received", "litigation.first_instance"} <= set(checked)
    assert {"study.exec_meeting_study_sessions", "publicity.materials"} <= set(checked)
    assert rendered.values["publicity.materials"].value > 0  # the synthetic year has activities
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


# --- problems: the study checks' units against direct SQL ---------------------------------------

STUDY_SHORTFALL = """
    WITH law_list AS (
      SELECT l.id FROM study_requiredlawlist l JOIN core_division ld ON ld.id = l.division_id
      WHERE %(path)s LIKE ld.path || '%%' AND l.year <= %(year)s
      ORDER BY l.year DESC, length(ld.path) DESC LIMIT 1),
    laws AS (SELECT r.id FROM study_requiredlaw r WHERE r.law_list_id IN (SELECT id FROM law_list)),
    units AS (
      SELECT u.id, u.name FROM core_unit u JOIN core_division d ON d.id = u.division_id
      WHERE d.path LIKE %(path_like)s AND u.active
        AND u.kind IN ('department', 'subdistrict', 'town')),
    sessions AS (
      SELECT s.unit_id, COUNT(*) AS n FROM study_studysession s
      WHERE s.held_on BETWEEN %(start)s AND %(end)s GROUP BY s.unit_id),
    items AS (
      SELECT a.unit_id, COUNT(*) AS n FROM meetings_agendaitem a
      JOIN meetings_meeting m ON m.id = a.meeting_id
      WHERE a.kind = 'first_agenda_study' AND m.held_on BETWEEN %(start)s AND %(end)s
      GROUP BY a.unit_id),
    covered AS (
      SELECT s.unit_id, COUNT(DISTINCT sl.requiredlaw_id) AS n FROM study_studysession s
      JOIN study_studysession_laws sl ON sl.studysession_id = s.id
      WHERE s.held_on BETWEEN %(start)s AND %(end)s AND sl.requiredlaw_id IN (SELECT id FROM laws)
      GROUP BY s.unit_id)
    SELECT units.name FROM units
    LEFT JOIN sessions ON sessions.unit_id = units.id
    LEFT JOIN items ON items.unit_id = units.id
    LEFT JOIN covered ON covered.unit_id = units.id
    WHERE (SELECT COUNT(*) FROM laws) > 0
      AND (COALESCE(sessions.n, 0) + COALESCE(items.n, 0) < 4
           OR COALESCE(covered.n, 0) * 2 < (SELECT COUNT(*) FROM laws))
"""
DECISIONS_WITHOUT_STUDY = """
    SELECT DISTINCT u.name FROM decisions_majordecision dm
    JOIN core_unit u ON u.id = dm.unit_id JOIN core_division d ON d.id = u.division_id
    WHERE d.path LIKE %(path_like)s AND dm.discussed_on BETWEEN %(start)s AND %(end)s
      AND NOT EXISTS (SELECT 1 FROM study_studysession s
                      WHERE s.decision_id = dm.id AND s.held_on <= dm.discussed_on)
"""


def _names(query: str, path: str) -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            query,
            {"path": path, "path_like": f"{path}%", "year": YEAR, "start": START, "end": END},
        )
        return {row[0] for row in cursor.fetchall()}


def test_2025_problem_one_names_the_units_direct_sql_finds(tmp_path):
    call_command("synth", districts=1, years=1, end_year=YEAR, stdout=io.StringIO())
    district = Division.objects.get(name="合成一区")
    call_command(
        "annual_report",
        unit="合成一区人民政府",
        year=YEAR,
        out=str(tmp_path / "2025.docx"),
        stdout=io.StringIO(),
    )
    report = Report.objects.get(unit__name="合成一区人民政府", year=YEAR)
    proposed = {p.check_code: p for p in report.problems.all()}
    shortfall = _names(STUDY_SHORTFALL, district.path)
    assert shortfall, "the synthetic year has units studying too rarely or too narrowly"
    problem = proposed["study.law_study_insufficient"]
    assert problem.group == "study" and set(problem.unit_names) == shortfall
    undecided = _names(DECISIONS_WITHOUT_STUDY, district.path)
    if undecided:
        assert set(proposed["study.decision_without_prior_study"].unit_names) == undecided
    else:
        assert "study.decision_without_prior_study" not in proposed
