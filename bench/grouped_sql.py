"""Hand-written SQL for every figure of the seed report, read from the model tables directly.

Written from the tables' columns and each register's definition of its figure (the
`@computed` function in `fazhi/<app>/indicators.py` and the selectors it calls), never from
the backbone's compiled SQL. A `Scan` reads one table (or one join) once for the district's
units and the year, and aggregates several figures of it with `FILTER`; the rates are
arithmetic over scanned figures (numerator × 100 ÷ denominator, none when the denominator is 0).

- `grouped_statement()`: every scan in one `UNION ALL` statement (the grouped baseline);
- `per_figure_statements()`: one statement per figure (the older baseline).

Parameters: `path` (the division's path + "%"), `start`, `end`, `year`, and each scan's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# The district's units: every unit of a division at or below the district.
UNITS = (
    "SELECT u.id, u.kind FROM core_unit u JOIN core_division d ON d.id = u.division_id"
    " WHERE d.path LIKE %(path)s"
)
IN_YEAR = "BETWEEN %(start)s AND %(end)s"
MINE = "IN (SELECT id FROM du)"
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Scan:
    """One read of a register table: `source` follows FROM; `figures` are (code, aggregate)."""

    name: str
    source: str
    figures: tuple[tuple[str, str], ...]
    params: dict = field(default_factory=dict)


def scans() -> list[Scan]:
    from fazhi.advisors.models import VILLAGE_KINDS
    from fazhi.reconsideration.models import (
        CORRECTING_OUTCOMES,
        MEDIATED_OR_SETTLED_OUTCOMES,
        MERITS_OUTCOMES,
    )

    def count(condition: str = "") -> str:
        return f"COUNT(*) FILTER (WHERE {condition})" if condition else "COUNT(*)"

    def total(column: str, condition: str = "") -> str:
        where = f" FILTER (WHERE {condition})" if condition else ""
        return f"COALESCE(SUM({column}){where}, 0)"

    job_fair = "f.kind IN ('onsite', 'online')"
    livestream = "f.kind = 'livestream'"
    received = f"t.received_on {IN_YEAR}"
    completed = f"t.completed_on {IN_YEAR} AND t.result IN ('approved', 'refused')"
    rc_closed = f"t.status = 'closed' AND t.closed_on {IN_YEAR}"
    return [
        # 学法述法 (study): first-agenda items and executive-meeting items discussed
        Scan(
            "meetings_agendaitem",
            "meetings_agendaitem a JOIN meetings_meeting m ON m.id = a.meeting_id"
            f" WHERE a.unit_id {MINE} AND m.kind = 'executive' AND m.held_on {IN_YEAR}",
            (
                ("study.exec_meeting_study_sessions", count("a.kind = 'first_agenda_study'")),
                ("decisions.items_discussed", count("a.kind <> 'first_agenda_study'")),
            ),
        ),
        Scan(
            "meetings_meeting",
            f"meetings_meeting t WHERE t.unit_id {MINE} AND t.kind = 'executive'"
            f" AND t.held_on {IN_YEAR}",
            (("decisions.executive_meetings", count()),),
        ),
        Scan(
            "study_dutyreport",
            f"study_dutyreport t WHERE t.unit_id {MINE} AND t.mode = 'public'"
            f" AND t.reported_on {IN_YEAR}",
            (("study.public_duty_reports", "COUNT(DISTINCT t.unit_id)"),),
        ),
        Scan(
            "study_committeemeeting",
            f"study_committeemeeting t WHERE t.unit_id {MINE} AND t.held_on {IN_YEAR}",
            (("study.committee_meetings", count()),),
        ),
        Scan(
            "study_lawexamentry",
            f"study_lawexamentry t WHERE t.unit_id {MINE} AND t.year = %(year)s",
            (
                ("study.law_exam_staff", count()),
                ("study.law_exam_participants", count("t.studied")),
                ("study.law_exam_registered", count("t.registered")),
                ("study.law_exam_sat", count("t.sat")),
                ("study.law_exam_passed", count("t.passed")),
            ),
        ),
        # 政务公开 (disclosure)
        Scan(
            "disclosure_proactiveitem",
            f"disclosure_proactiveitem t WHERE t.unit_id {MINE} AND t.published_on {IN_YEAR}",
            (("disclosure.items_published", count()),),
        ),
        Scan(
            "disclosure_interpretation",
            f"disclosure_interpretation t WHERE t.unit_id {MINE} AND t.published_on {IN_YEAR}",
            (("disclosure.interpretations", count()),),
        ),
        Scan(
            "disclosure_letter",
            f"disclosure_letter t WHERE t.unit_id {MINE} AND t.replied_on {IN_YEAR}",
            (("disclosure.letters_answered", count()),),
        ),
        # 政务服务 (govservices)
        Scan(
            "govservices_serviceapplication",
            f"govservices_serviceapplication t WHERE t.unit_id {MINE}"
            f" AND (t.received_on {IN_YEAR} OR t.completed_on {IN_YEAR})",
            (
                ("services.applications", count(received)),
                ("services.applications_online", count(f"{received} AND t.channel = 'online'")),
                ("services.applications_onsite", count(f"{received} AND t.channel = 'onsite'")),
                (
                    "services.one_thing_applications",
                    count(f"{received} AND t.package_id IS NOT NULL"),
                ),
                ("services.online_platform_applications", count(f"{received} AND t.via_platform")),
                ("services.completed", count(completed)),
                ("services.completed_on_time", count(f"{completed} AND t.on_time")),
            ),
        ),
        Scan(
            "govservices_halltally",
            f'govservices_halltally t WHERE t.unit_id {MINE} AND t."on" {IN_YEAR}',
            (
                (
                    "services.consultations_remote",
                    total(
                        "t.count",
                        "t.kind IN ('consult_phone', 'consult_online', 'consult_wechat')",
                    ),
                ),
                ("services.visitors_onsite", total("t.count", "t.kind = 'visitors'")),
                ("services.free_seals", total("t.count", "t.kind = 'free_seal'")),
                ("services.free_mailings", total("t.count", "t.kind = 'free_mailing'")),
                ("services.free_prints", total("t.count", "t.kind = 'free_print'")),
            ),
        ),
        Scan(
            "govservices_windowcount",
            # each unit's latest window setting on or before the year's end
            f"(SELECT DISTINCT ON (w.unit_id) w.windows FROM govservices_windowcount w"
            f' WHERE w.unit_id {MINE} AND w."on" <= %(end)s'
            f' ORDER BY w.unit_id, w."on" DESC, w.id DESC) t',
            (("services.windows", total("t.windows")),),
        ),
        Scan(
            "govservices_stationedunit",
            f"govservices_stationedunit t WHERE t.unit_id {MINE} AND t.stationed_on <= %(end)s"
            " AND (t.left_on IS NULL OR t.left_on > %(end)s)",
            (("services.stationed_units", count()),),
        ),
        Scan(
            "govservices_onethingpackage",
            f"govservices_onethingpackage t WHERE t.unit_id {MINE}"
            " AND t.launched_on <= %(end)s AND t.active",
            (("services.one_thing_items_active", count()),),
        ),
        Scan(
            "govservices_serviceitem",
            # the implementing department's items, claimed and configured by the year's end
            f"govservices_serviceitem t WHERE t.department_id {MINE}"
            " AND t.platform_claimed_on <= %(end)s AND t.platform_configured_on <= %(end)s",
            (
                ("services.items_claimed", count()),
                ("services.online_platform_units", "COUNT(DISTINCT t.department_id)"),
            ),
        ),
        # 就业服务 (employment): fairs, their employers and the employers' positions
        Scan(
            "employment_jobfair",
            f"employment_jobfair f WHERE f.unit_id {MINE} AND f.held_on {IN_YEAR}",
            (
                ("employment.job_fairs", count(job_fair)),
                ("employment.job_fair_matches", total("f.matches", job_fair)),
                ("employment.job_fair_leaflets", total("f.leaflets", job_fair)),
                ("employment.livestream_fairs", count(livestream)),
            ),
        ),
        Scan(
            "employment_fairemployer",
            "employment_fairemployer e JOIN employment_jobfair f ON f.id = e.fair_id"
            f" WHERE f.unit_id {MINE} AND f.held_on {IN_YEAR}",
            (
                ("employment.job_fair_employers", count(job_fair)),
                ("employment.livestream_employers", count(livestream)),
            ),
        ),
        Scan(
            "employment_fairposition",
            "employment_fairposition p JOIN employment_fairemployer e ON e.id = p.employer_id"
            " JOIN employment_jobfair f ON f.id = e.fair_id"
            f" WHERE f.unit_id {MINE} AND f.held_on {IN_YEAR}",
            (
                ("employment.job_fair_positions", total("p.openings", job_fair)),
                ("employment.livestream_positions", total("p.openings", livestream)),
            ),
        ),
        # 合法性审查 (review): opinions issued in the year, by subject type
        Scan(
            "review_reviewrequest",
            f"review_reviewrequest t WHERE t.unit_id {MINE} AND t.state = 'decided'"
            f" AND t.opinion_issued_on {IN_YEAR}",
            (
                ("review.documents", count("t.subject_type = 'government_document'")),
                ("review.minutes", count("t.subject_type = 'minutes'")),
                ("review.contracts", count("t.subject_type = 'contract'")),
                ("review.department_documents", count("t.subject_type = 'department_document'")),
            ),
        ),
        # 规范性文件 (normdocs)
        Scan(
            "normdocs_normativedocument",
            f"normdocs_normativedocument t WHERE t.unit_id {MINE} AND t.filed_on {IN_YEAR}",
            (("normdocs.filed", count()),),
        ),
        Scan(
            "normdocs_cleanupcampaign",
            f"normdocs_cleanupcampaign t WHERE t.unit_id {MINE}"
            f" AND t.state IN ('completed', 'published') AND t.completed_on {IN_YEAR}",
            (
                ("normdocs.cleanup_fair_competition", count("t.kind = 'fair_competition'")),
                ("normdocs.cleanup_invalidated_upstream", count("t.kind = 'upstream'")),
            ),
        ),
        Scan(
            "normdocs_cleanupitem",
            "normdocs_cleanupitem t JOIN normdocs_cleanupcampaign c ON c.id = t.campaign_id"
            f" WHERE t.unit_id {MINE} AND c.kind = 'periodic'"
            f" AND c.state IN ('completed', 'published') AND c.completed_on {IN_YEAR}",
            (
                ("normdocs.declared_invalid", count("t.outcome = 'declare_invalid'")),
                ("normdocs.remains_valid", count("t.outcome = 'remains_valid'")),
                ("normdocs.repealed", count("t.outcome = 'repeal'")),
            ),
        ),
        # 行政复议 (reconsideration)
        Scan(
            "reconsideration_reconsiderationcase",
            f"reconsideration_reconsiderationcase t WHERE t.unit_id {MINE}"
            f" AND (t.received_on {IN_YEAR} OR t.accepted_on {IN_YEAR} OR t.closed_on {IN_YEAR})",
            (
                ("reconsideration.received", count(f"t.received_on {IN_YEAR}")),
                ("reconsideration.accepted", count(f"t.accepted_on {IN_YEAR}")),
                ("reconsideration.closed", count(rc_closed)),
                (
                    "reconsideration.corrected",
                    count(f"{rc_closed} AND t.outcome = ANY(%(rc_correcting)s)"),
                ),
                (
                    "reconsideration.mediated_or_settled",
                    count(f"{rc_closed} AND t.outcome = ANY(%(rc_mediated)s)"),
                ),
                ("reconsideration.upheld", count(f"{rc_closed} AND t.outcome = 'upheld'")),
                (
                    "reconsideration.merits_decisions",
                    count(f"{rc_closed} AND t.outcome = ANY(%(rc_merits)s)"),
                ),
            ),
            {
                "rc_correcting": [str(o) for o in CORRECTING_OUTCOMES],
                "rc_mediated": [str(o) for o in MEDIATED_OR_SETTLED_OUTCOMES],
                "rc_merits": [str(o) for o in MERITS_OUTCOMES],
            },
        ),
        # 行政应诉 (litigation)
        Scan(
            "litigation_lawsuit",
            f"litigation_lawsuit t WHERE t.unit_id {MINE} AND t.filed_on {IN_YEAR}",
            (
                ("litigation.first_instance", count("t.instance = 'first'")),
                ("litigation.appeal", count("t.instance = 'appeal'")),
            ),
        ),
        Scan(
            "litigation_lawsuithearing",
            "litigation_lawsuithearing h JOIN litigation_lawsuit t ON t.id = h.lawsuit_id"
            f" WHERE t.unit_id {MINE} AND h.held_on {IN_YEAR}",
            (
                ("litigation.hearings", count()),
                (
                    "litigation.hearings_with_head",
                    count("h.appearance = 'head' AND h.head_name <> '' AND h.head_rank <> ''"),
                ),
            ),
        ),
        # 行政执法 (enforcement)
        Scan(
            "enforcement_examregistration",
            "enforcement_examregistration r JOIN enforcement_examsitting s ON s.id = r.sitting_id"
            f" WHERE r.unit_id {MINE} AND s.held_on {IN_YEAR} AND r.passed",
            (("enforcement.exam_passed", count()),),
        ),
        Scan(
            "enforcement_removal",
            f"enforcement_removal t WHERE t.unit_id {MINE} AND t.removed_on {IN_YEAR}",
            (("enforcement.officers_removed", count()),),
        ),
        Scan(
            "enforcement_trainingattendance",
            "enforcement_trainingattendance a"
            " JOIN enforcement_trainingsession s ON s.id = a.session_id"
            f" WHERE a.unit_id {MINE} AND s.held_on {IN_YEAR}",
            (("enforcement.training_participants", "COUNT(DISTINCT a.officer_id)"),),
        ),
        Scan(
            "enforcement_reviewcampaign",
            f"enforcement_reviewcampaign t WHERE t.unit_id {MINE} AND t.held_on {IN_YEAR}",
            (("enforcement.case_file_reviews", count()),),
        ),
        # 法律顾问 (advisors): villages and communities with a contract signed in the year
        Scan(
            "advisors_advisorcontract",
            "advisors_advisorcontract t JOIN du ON du.id = t.unit_id"
            f" WHERE du.kind = ANY(%(village_kinds)s) AND t.signed_on {IN_YEAR}",
            (("advisors.village_contracts", "COUNT(DISTINCT t.unit_id)"),),
            {"village_kinds": [str(k) for k in VILLAGE_KINDS]},
        ),
        # 法律援助 (legal_aid)
        Scan(
            "legal_aid_aidcase",
            f"legal_aid_aidcase t WHERE t.unit_id {MINE} AND t.granted_on {IN_YEAR}",
            (
                ("legal_aid.cases", count()),
                ("legal_aid.cases_criminal", count("t.category = 'criminal'")),
                ("legal_aid.cases_legal_help", count("t.category = 'legal_help'")),
                ("legal_aid.cases_civil", count("t.category = 'civil'")),
            ),
        ),
        Scan(
            "legal_aid_consultation",
            f"legal_aid_consultation t WHERE t.unit_id {MINE} AND t.consulted_on {IN_YEAR}",
            (
                ("legal_aid.visits", total("t.persons", "t.channel = 'visit'")),
                ("legal_aid.calls", total("t.persons", "t.channel = 'phone'")),
            ),
        ),
        # 人民调解 (mediation): medical disputes started, and agreed, in the year
        Scan(
            "mediation_dispute",
            f"mediation_dispute t WHERE t.unit_id {MINE} AND t.dispute_type = 'medical'"
            f" AND (t.started_on {IN_YEAR} OR t.effective_on {IN_YEAR})",
            (
                ("mediation.medical_cases", count(f"t.started_on {IN_YEAR}")),
                (
                    "mediation.medical_success",
                    count(f"t.state = 'agreed' AND t.effective_on {IN_YEAR}"),
                ),
                ("mediation.medical_amount", total("t.amount", f"t.started_on {IN_YEAR}")),
            ),
        ),
        # 社区矫正 (corrections)
        Scan(
            "corrections_enrolment",
            "corrections_enrolment e JOIN corrections_trainingclass c ON c.id = e.training_id"
            f" WHERE c.unit_id {MINE} AND c.started_on {IN_YEAR}"
            " AND c.kind = 'entrepreneurship'",
            (
                ("corrections.training_participants", count()),
                ("corrections.training_graduates", count("e.graduated")),
            ),
        ),
        Scan(
            "corrections_reviewedfile",
            "corrections_reviewedfile f JOIN corrections_crossreview r ON r.id = f.review_id"
            f" WHERE r.unit_id {MINE} AND r.held_on {IN_YEAR}",
            (
                ("corrections.cases_reviewed", count()),
                ("corrections.cases_failed", count("NOT f.passed")),
            ),
        ),
        # 普法 (publicity)
        Scan(
            "publicity_publicityevent",
            f"publicity_publicityevent t WHERE t.unit_id {MINE} AND t.held_on {IN_YEAR}",
            (
                ("publicity.events", count()),
                ("publicity.materials", total("t.materials")),
                ("publicity.consultations", total("t.consultations")),
            ),
        ),
        Scan(
            "publicity_livestream",
            f"publicity_livestream t WHERE t.unit_id {MINE} AND t.held_on {IN_YEAR}",
            (
                ("publicity.livestreams", count()),
                ("publicity.livestream_views", total("t.views")),
                ("publicity.livestream_likes", total("t.likes")),
            ),
        ),
    ]


# Rates of the seed: figure → (numerator, denominator), both scanned figures. A family's
# figure is its default variant (维持率 口径A; 负责人出庭率 按开庭场次).
RATES: dict[str, tuple[str, str]] = {
    "services.on_time_rate": ("services.completed_on_time", "services.completed"),
    "reconsideration.upheld_rate": (
        "reconsideration.upheld",
        "reconsideration.merits_decisions",
    ),
    "litigation.head_appearance_rate": (
        "litigation.hearings_with_head",
        "litigation.hearings",
    ),
    "study.law_exam_participation_rate": ("study.law_exam_participants", "study.law_exam_staff"),
    "study.law_exam_registration_rate": ("study.law_exam_registered", "study.law_exam_staff"),
    "study.law_exam_sitting_rate": ("study.law_exam_sat", "study.law_exam_registered"),
    "study.law_exam_pass_rate": ("study.law_exam_passed", "study.law_exam_sat"),
}


def rate(numerator, denominator):
    """numerator × 100 ÷ denominator; none without a denominator."""
    if numerator is None or not denominator:
        return None
    return Decimal(numerator) / Decimal(denominator) * HUNDRED


def with_rates(values: dict) -> dict:
    """The scanned values and the rates computed from them."""
    found = dict(values)
    for code, (num, den) in RATES.items():
        if num in found and den in found:
            found[code] = rate(found[num], found[den])
    return found


def scanned_codes(all_scans: list[Scan]) -> set[str]:
    return {code for scan in all_scans for code, _agg in scan.figures}


def grouped_statement(all_scans: list[Scan]) -> tuple[str, list[str], dict]:
    """One statement: each scan aggregates its figures in one pass; UNION ALL of the scans,
    unpivoted to (slot, value) rows. Returns the SQL, the code of each slot, the parameters."""
    branches, codes, params = [], [], {}
    for scan in all_scans:
        columns, rows = [], []
        for code, aggregate in scan.figures:
            rows.append(f"({len(codes)}, s.c{len(columns)}::numeric)")
            columns.append(f"{aggregate} AS c{len(columns)}")
            codes.append(code)
        branches.append(
            f"SELECT x.slot, x.value FROM (SELECT {', '.join(columns)} FROM {scan.source}) s"  # noqa: S608 - hand-written constants
            f" CROSS JOIN LATERAL (VALUES {', '.join(rows)}) AS x(slot, value)"
        )
        params.update(scan.params)
    sql = f"WITH du AS MATERIALIZED ({UNITS}) " + " UNION ALL ".join(f"({b})" for b in branches)
    return sql, codes, params


def per_figure_statements(all_scans: list[Scan]) -> dict[str, tuple[str, dict]]:
    """One statement per scanned figure (code → (sql, the scan's parameters))."""
    return {
        code: (f"WITH du AS ({UNITS}) SELECT {aggregate} FROM {scan.source}", scan.params)  # noqa: S608 - hand-written constants
        for scan in all_scans
        for code, aggregate in scan.figures
    }
