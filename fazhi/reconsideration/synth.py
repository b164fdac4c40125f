"""Synthetic reconsideration cases for `manage.py synth` (benchmarks, roll-up).

Per district-year, about the demo district's 2024 volumes (±30%): ~99 applications, ~92% accepted,
closed cases spread over the closed outcome list (the lawsuits: `fazhi/litigation/synth.py`).
Rows are bulk-inserted in the final shape the services leave them (numbered, dated, the copy
sent to the respondent, closed or open); due dates come from the deadline engine (`DueMemo`), and
the clocks the services would have started are inserted as they would have left them
(`history_clocks`). Abandoned cases (reached through a 补正 the generator does not write) start
none. Idempotent: a district-year already generated is skipped.
"""

from __future__ import annotations

from datetime import timedelta

from fazhi.core.plugins import SynthContext, synth_step
from fazhi.deadlines.bulk import ClockSpec, DueMemo, clocks_start_many
from fazhi.deadlines.rules import effective_rule
from fazhi.reconsideration import deadlines as rules
from fazhi.reconsideration.models import (
    ActType,
    AdministrativeField,
    ApplicantKind,
    CaseNumberCounter,
    CaseStatus,
    Channel,
    IdType,
    Outcome,
    ReconsiderationCase,
)

OUTCOME_WEIGHTS = {
    Outcome.UPHELD: 40,
    Outcome.CLAIM_DISMISSED: 3,
    Outcome.REVOKED: 8,
    Outcome.PARTLY_REVOKED: 2,
    Outcome.DECLARED_UNLAWFUL: 4,
    Outcome.VARIED: 3,
    Outcome.ORDERED_TO_PERFORM: 3,
    Outcome.DECLARED_VOID: 1,
    Outcome.MEDIATED: 8,
    Outcome.SETTLED_WITHDRAWN: 11,
    Outcome.WITHDRAWN: 3,
    Outcome.APPLICATION_DISMISSED: 1,
}
FIELDS = [f for f in AdministrativeField.values if f != AdministrativeField.OTHER]
PERSON_ID = "430408198001010016"


def _pattern(district) -> str:
    return f"{district.name[:2]}政复〔{{year}}〕{{number}}号"


def history_clocks(case: ReconsiderationCase) -> list[ClockSpec]:
    """The clocks `case_register`, `case_reject` or `case_accept`, `case_send_copy` and
    `case_issue_decision` leave on `case` (an actor with no account: no owner): 受理审查
    (第三十条) closed at the acceptance or the refusal; the copy (第四十八条) closed when sent;
    the decision period (第六十二条) closed at the decision, or running."""

    def spec(rule_code, trigger, closed_on=None):
        label = f"{case.case_number} {effective_rule(rule_code).name}"
        return ClockSpec(rule_code, trigger, case, case.unit, label=label, closed_on=closed_on)

    if case.status == CaseStatus.ABANDONED:
        return []
    decided = case.accepted_on or case.not_accepted_on
    found = [spec(rules.ACCEPTANCE_REVIEW, case.received_on, decided)]
    if case.accepted_on:
        found.append(spec(rules.COPY_TO_RESPONDENT, case.accepted_on, case.copy_sent_on))
        found.append(spec(rules.DECISION_NORMAL, case.accepted_on, case.closed_on))
    return found


@synth_step
def reconsideration_cases(ctx: SynthContext) -> str:
    created_cases = clocks = 0
    due = DueMemo()
    for district in ctx.districts:
        office = ctx.justice_bureau(district)
        respondents = ctx.departments(district, excluding=office)
        for year in ctx.years:
            if ReconsiderationCase.objects.filter(unit=office, case_year=year).exists():
                continue
            cases = _cases(ctx, district, office, respondents, year, due)
            ReconsiderationCase.objects.bulk_create(cases, batch_size=500)
            specs = [spec for case in cases for spec in history_clocks(case)]
            clocks += len(clocks_start_many(specs, due=due))
            CaseNumberCounter.objects.update_or_create(
                unit=office,
                year=year,
                defaults={"pattern": _pattern(district), "last_number": len(cases)},
            )
            created_cases += len(cases)
    return f"行政复议案件（合成）{created_cases} 件（期限 {clocks} 个）"


def _cases(
    ctx: SynthContext, district, office, respondents, year, due: DueMemo
) -> list[ReconsiderationCase]:
    rng = ctx.rng
    total = round(ctx.vary(99))
    received_dates = ctx.dates(year, total)
    pattern = _pattern(district)
    cases = []
    for serial, received in enumerate(received_dates, start=1):
        respondent = rng.choice(respondents)
        case = ReconsiderationCase(
            unit=office,
            case_number=pattern.format(year=year, number=serial),
            case_year=year,
            case_serial=serial,
            applicant_kind=ApplicantKind.PERSON,
            applicant_name=f"合成申请人{serial}",
            applicant_id_type=IdType.RESIDENT_ID,
            applicant_id_number=PERSON_ID,
            respondent_unit=respondent,
            act_type=rng.choice(
                [
                    ActType.PENALTY,
                    ActType.PENALTY,
                    ActType.COERCION,
                    ActType.LICENCE,
                    ActType.INFORMATION_DISCLOSURE,
                ]
            ),
            act_description="合成行政行为",
            field=rng.choice(FIELDS),
            request="撤销该行政行为",
            channel=Channel.WRITTEN,
            received_on=received,
            known_on=received - timedelta(days=rng.randrange(3, 40)),
            acceptance_due_on=due(rules.ACCEPTANCE_REVIEW, received).due_date,
        )
        roll = rng.random()
        if roll < 0.06:
            case.status = CaseStatus.NOT_ACCEPTED
            case.not_accepted_on = received + timedelta(days=3)
            case.not_accepted_reason = "不属于行政复议范围（合成）"
        elif roll < 0.08:
            case.status = CaseStatus.ABANDONED
            case.abandoned_on = received + timedelta(days=20)
        else:
            case.accepted_on = received + timedelta(days=rng.randrange(1, 6))
            case.copy_sent_on = case.accepted_on + timedelta(days=rng.randrange(1, 6))
            case.copy_due_on = due(rules.COPY_TO_RESPONDENT, case.accepted_on).due_date
            decision = due(rules.DECISION_NORMAL, case.accepted_on)
            case.decision_due_on = decision.due_date
            case.decision_due_explanation = decision.explanation
            closed_on = case.accepted_on + timedelta(days=rng.randrange(20, 75))
            if closed_on.year > year and rng.random() < 0.5:
                case.status = CaseStatus.IN_REVIEW
            else:
                case.status = CaseStatus.CLOSED
                case.outcome = rng.choices(
                    list(OUTCOME_WEIGHTS), weights=list(OUTCOME_WEIGHTS.values())
                )[0]
                if case.outcome == Outcome.CLAIM_DISMISSED:
                    case.act_type = ActType.NON_PERFORMANCE
                case.closed_on = closed_on
                case.served_on = closed_on + timedelta(days=3)
                case.decided_on_time = closed_on <= decision.due_date
        cases.append(case)
    return cases
