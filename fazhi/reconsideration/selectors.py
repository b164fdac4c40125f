"""Reads of the reconsideration register; every list starts from `for_user(user)`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from fazhi.core.access import get_for_user_or_404
from fazhi.core.models import Unit
from fazhi.deadlines import selectors as clock_selectors
from fazhi.deadlines import services as clock_services
from fazhi.indicators import selectors as indicator_selectors
from fazhi.indicators.display import format_percent
from fazhi.reconsideration import deadlines as rules
from fazhi.reconsideration import documents, workflow
from fazhi.reconsideration.models import (
    CORRECTING_OUTCOMES,
    MEDIATED_OR_SETTLED_OUTCOMES,
    MERITS_OUTCOMES,
    OPEN_ACCEPTED_STATES,
    TERMINATION_SUSPENSION_GROUNDS,
    AdministrativeField,
    CaseStatus,
    Outcome,
    Procedure,
    ReconsiderationCase,
)


def case_list(*, user, **filters):
    return (
        ReconsiderationCase.objects.for_user(user)
        .filter(**filters)
        .select_related("respondent_unit")
    )


def case_get(*, user, pk) -> ReconsiderationCase:
    return get_for_user_or_404(ReconsiderationCase, user, pk=pk)


class CaseWarning(str):
    """A warning's text, plus whether it is a step the officer must now take (shown on the
    工作台) and how urgent it is."""

    actionable: bool
    level: str

    def __new__(cls, text: str, *, actionable: bool = False, level: str = "info"):
        warning = super().__new__(cls, text)
        warning.actionable, warning.level = actionable, level
        return warning


def warnings_for(case: ReconsiderationCase, *, today: date | None = None) -> list[CaseWarning]:
    """What needs attention on this case, each with its article."""
    today = today or timezone.localdate()
    notes = []
    if case.absolutely_barred:
        notes.append(CaseWarning("已超过最长申请期限（第二十一条），应当不予受理。"))
    elif case.application_late:
        notes.append(
            CaseWarning(
                f"申请超过申请期限（届满日 {case.application_deadline:%Y-%m-%d}，第二十条），请审查是否有正当理由。"
            )
        )
    if (
        case.status == CaseStatus.RECEIVED
        and case.acceptance_due_on
        and today > case.acceptance_due_on
    ):
        notes.append(
            CaseWarning(
                f"受理审查期限已于 {case.acceptance_due_on:%Y-%m-%d} 届满，依法视为受理（第三十条第三款），将由每日扫描自动登记。",
                actionable=True,
                level="warning",
            )
        )
    if (
        case.status == CaseStatus.CORRECTION_REQUESTED
        and case.correction_due_on
        and today > case.correction_due_on
    ):
        notes.append(
            CaseWarning(
                f"补正期限已于 {case.correction_due_on:%Y-%m-%d} 届满：无正当理由的视为放弃，有正当理由的可延长（第三十一条第二款）。",
                actionable=True,
            )
        )
    if case.reply_missed and not case.third_party_evidence:
        notes.append(
            CaseWarning(
                "被申请人未按期答复，视为该行政行为没有证据、依据（第七十条）：只能决定撤销、部分撤销、确认违法、确认无效或责令履行。"
            )
        )
    if case.status in OPEN_ACCEPTED_STATES:
        hearings = list(case.hearings.all())  # prefetched by the 工作台
        if case.procedure == Procedure.NORMAL and not hearings and not case.written_review_reason:
            notes.append(CaseWarning("普通程序应当听取当事人意见并记录在案（第四十九条）。"))
        if case.is_major_complex and not any(h.kind == "hearing" for h in hearings):
            notes.append(CaseWarning("重大、疑难、复杂案件应当组织听证（第五十条第一款）。"))
        if case.committee_required and not case.committee_opinion:
            notes.append(CaseWarning("应当提请行政复议委员会提出咨询意见（第五十二条）。"))
    # the last open suspension in the model's order (started_on, pk); prefetched by the 工作台
    current = next((s for s in reversed(case.suspensions.all()) if s.resumed_on is None), None)
    if (
        case.status == CaseStatus.SUSPENDED
        and current
        and current.ground in TERMINATION_SUSPENSION_GROUNDS
    ):
        full = clock_services.compute_due(rules.SUSPENSION_TERMINATION, current.started_on).due_date
        if today >= full:
            notes.append(
                CaseWarning(
                    f"中止已满六十日（{full:%Y-%m-%d}），中止原因仍未消除的，应当决定终止（第四十一条第一款第五项）。",
                    actionable=True,
                    level="warning",
                )
            )
    if case.status == CaseStatus.NOT_ACCEPTED and case.is_prerequisite and case.served_on is None:
        notes.append(
            CaseWarning(
                "复议前置案件：申请人可以自收到不予受理决定书之日起十五日内提起行政诉讼（第三十四条），请登记送达日期。",
                actionable=True,
            )
        )
    if case.status == CaseStatus.CLOSED and case.served_on is None:
        notes.append(
            CaseWarning(
                "决定书送达后方发生法律效力，请登记送达日期（第七十五条第二款）。", actionable=True
            )
        )
    if (
        case.status == CaseStatus.CLOSED
        and case.served_on
        and case.copy_report_required
        and case.copy_reported_on is None
        and case.outcome in MERITS_OUTCOMES
    ):
        notes.append(
            CaseWarning(
                "被申请人是本级政府工作部门：决定书应同时抄告其上一级主管部门（第七十九条第二款）。",
                actionable=True,
            )
        )
    return notes


def case_panel(*, case: ReconsiderationCase, user) -> dict:
    """Everything the case page shows above the form: deadlines and explanations, steps, 文书."""
    clocks = list(clock_selectors.clocks_for(case))
    decision = next(
        (
            c
            for c in reversed(clocks)
            if c.rule_code in (rules.DECISION_NORMAL, rules.DECISION_SIMPLE)
        ),
        None,
    )
    litigation = next((c for c in reversed(clocks) if c.rule_code == rules.LITIGATION_WINDOW), None)
    steps = []
    if workflow.may_update(user, case):
        for transition in workflow.available(user, case):
            if transition.verb == "update":
                continue
            steps.append(
                {
                    "verb": transition.verb,
                    "label": transition.label,
                    "citation": transition.rule,
                    "url": reverse(
                        "admin:reconsideration_case_step", args=[case.pk, transition.verb]
                    ),
                }
            )
    docs = []
    if workflow.may_update(user, case):
        docs = [
            {
                "kind": kind,
                "label": label,
                "url": reverse("admin:reconsideration_case_document", args=[case.pk, kind]),
            }
            for kind, label in documents.available_kinds(case).items()
        ]
    return {
        "case": case,
        "decision_clock": decision,
        "litigation_clock": litigation,
        "clocks": clocks,
        "steps": steps,
        "documents": docs,
        "warnings": warnings_for(case),
        "timeline": list(case.timeline.select_related("actor").order_by("-on", "-occurred_at")[:8]),
    }


def breakdown_counts(cases, *, by: str, start: date, end: date) -> QuerySet:
    """The counts of `breakdown`, one row per respondent unit or field (a values queryset)."""
    received = Q(received_on__range=(start, end))
    accepted = Q(accepted_on__range=(start, end))
    closed = Q(status=CaseStatus.CLOSED, closed_on__range=(start, end))
    group = "respondent_unit" if by == "respondent_unit" else "field"
    return (
        cases.values(group)
        .annotate(
            received=Count("pk", filter=received),
            accepted=Count("pk", filter=accepted),
            closed=Count("pk", filter=closed),
            corrected=Count("pk", filter=closed & Q(outcome__in=CORRECTING_OUTCOMES)),
            merits=Count("pk", filter=closed & Q(outcome__in=MERITS_OUTCOMES)),
            mediated=Count("pk", filter=closed & Q(outcome__in=MEDIATED_OR_SETTLED_OUTCOMES)),
        )
        .filter(Q(received__gt=0) | Q(closed__gt=0) | Q(accepted__gt=0))
        .order_by("-received", group)
    )


def breakdown(cases, *, by: str, start: date, end: date) -> list[dict]:
    """Received / accepted / closed / corrected per respondent unit or per field for a period."""
    closed = Q(status=CaseStatus.CLOSED, closed_on__range=(start, end))
    group = "respondent_unit" if by == "respondent_unit" else "field"
    rows = breakdown_counts(cases, by=by, start=start, end=end)
    units = (
        {u.pk: u for u in Unit.objects.filter(pk__in=[r[group] for r in rows])}
        if group == "respondent_unit"
        else {}
    )
    labels = dict(AdministrativeField.choices)
    result = []
    for row in rows:
        key = row[group]
        unit = units.get(key) if group == "respondent_unit" else None
        row = dict(row)
        row["unit"] = unit
        row["label"] = unit.name if unit else labels.get(key, key)
        row["correction_rate"] = (
            format_percent(Decimal(100 * row["corrected"]) / row["merits"])
            if row["merits"]
            else "—"
        )
        row["corrected_cases"] = cases.filter(
            closed, **{group: key}, outcome__in=CORRECTING_OUTCOMES
        )
        result.append(row)
    return result


def statistics(*, user, year: int, stated_upheld_rate=None) -> dict:
    """The statistics page: the register's indicators with formulas, the 维持率 variants (and,
    when the official enters the rate a report states, which variant gives it), breakdowns."""
    unit = user.unit
    if unit is None:
        return {"values": [], "findings": [], "by_unit": [], "by_field": []}
    division = unit.division
    office = user.has_role("office_staff")
    scope_owner = division if office else unit
    codes = [
        "reconsideration.received",
        "reconsideration.accepted",
        "reconsideration.not_accepted",
        "reconsideration.carried_over",
        "reconsideration.closed",
        "reconsideration.pending_at_year_end",
        "reconsideration.corrected",
        "reconsideration.mediated_or_settled",
        "reconsideration.correction_rate",
        "reconsideration.upheld_rate",
        "reconsideration.mediation_rate",
        "reconsideration.on_time_rate",
        "litigation.first_instance",
        "litigation.appeal",
        "litigation.head_appearance_rate",
        "litigation.loss_rate",
    ]
    values = indicator_selectors.indicator_values(
        codes, division_or_unit=scope_owner, year=year, user=user
    )
    rows = [{"value": values[code]} for code in codes]
    stated = []
    if stated_upheld_rate is not None:
        stated = indicator_selectors.check_stated(
            "reconsideration.upheld_rate",
            stated_upheld_rate,
            division_or_unit=scope_owner,
            year=year,
            user=user,
        )
    start, end = date(year, 1, 1), date(year, 12, 31)
    cases = ReconsiderationCase.objects.for_user(user)
    return {
        "rows": rows,
        "upheld_variants": values["reconsideration.upheld_rate"].variants,
        "stated_upheld_rate": stated_upheld_rate,
        "stated_findings": stated,
        "by_unit": breakdown(cases, by="respondent_unit", start=start, end=end),
        "by_field": breakdown(cases, by="field", start=start, end=end),
        "outcomes": Outcome.choices,
    }


def respondent_named(office: Unit, name: str, *, active_only: bool = False) -> Unit | None:
    """The one unit of the office's district called `name` (full or short name), or None when
    there is none or the name is not unique: how the 台账 and online applications name the
    respondent."""
    units = Unit.objects.in_subtree(office).filter(Q(name=name) | Q(short_name=name))
    found = list((units.filter(active=True) if active_only else units)[:2])
    return found[0] if len(found) == 1 else None
