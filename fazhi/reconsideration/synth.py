"""Synthetic reconsideration cases and lawsuits for `manage.py synth` (benchmarks, roll-up).

Per district-year, about the demo district's 2024 volumes (±30%): ~99 applications, ~92% accepted,
closed cases spread over the closed outcome list, ~18 first-instance and ~6 appeal lawsuits with
their hearings. Rows are bulk-inserted in the final shape the services leave them (numbered,
dated, closed or open); due dates come from `fazhi.deadlines.compute_due`. No clocks are started:
synthetic cases are history, not work. Idempotent: a district-year already generated is skipped.
"""

from __future__ import annotations

from datetime import timedelta

from fazhi.core.plugins import SynthContext, synth_step
from fazhi.deadlines.services import compute_due
from fazhi.litigation.models import (
    Appearance,
    HeadRank,
    Instance,
    JudgmentType,
    Lawsuit,
    LawsuitHearing,
    LawsuitStatus,
)
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


@synth_step
def reconsideration_cases(ctx: SynthContext) -> str:
    created_cases = created_suits = 0
    for district in ctx.districts:
        units = ctx.units[district.pk]
        office = next(u for u in units if u.is_justice_bureau and u.division_id == district.pk)
        respondents = [u for u in units if u.kind == "department" and u.pk != office.pk]
        for year in ctx.years:
            if ReconsiderationCase.objects.filter(unit=office, case_year=year).exists():
                continue
            cases = _cases(ctx, district, office, respondents, year)
            ReconsiderationCase.objects.bulk_create(cases, batch_size=500)
            CaseNumberCounter.objects.update_or_create(
                unit=office,
                year=year,
                defaults={"pattern": _pattern(district), "last_number": len(cases)},
            )
            created_cases += len(cases)
            created_suits += _lawsuits(ctx, district, office, respondents, year)
    return f"行政复议案件（合成）{created_cases} 件，行政诉讼案件（合成）{created_suits} 件"


def _cases(ctx: SynthContext, district, office, respondents, year) -> list[ReconsiderationCase]:
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
            due = compute_due(rules.DECISION_NORMAL, case.accepted_on)
            case.decision_due_on, case.decision_due_explanation = due.due_date, due.explanation
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
                case.decided_on_time = closed_on <= due.due_date
        cases.append(case)
    return cases


def _lawsuits(ctx: SynthContext, district, office, respondents, year) -> int:
    rng = ctx.rng
    code = district.code[-4:]
    firsts = []
    for number in range(1, round(ctx.vary(18)) + 1):
        filed = ctx.dates(year, 1)[0]
        judged = filed + timedelta(days=rng.randrange(40, 150))
        firsts.append(
            Lawsuit(
                unit=office,
                court=f"{district.name}人民法院",
                court_case_number=f"（{year}）合{code}行初{number}号",
                instance=Instance.FIRST,
                plaintiff_kind=ApplicantKind.PERSON,
                plaintiff_name=f"合成原告{number}",
                defendant_unit=rng.choice(respondents),
                act_type=ActType.PENALTY,
                contested_act="合成被诉行政行为",
                field=rng.choice(FIELDS),
                filed_on=filed,
                status=LawsuitStatus.CLOSED,
                judgment_type=rng.choice(
                    [JudgmentType.CLAIM_DISMISSED] * 8
                    + [JudgmentType.REVOKED, JudgmentType.WITHDRAWN]
                ),
                judgment_on=judged,
                judgment_served_on=judged + timedelta(days=3),
                closed_on=judged + timedelta(days=20),
            )
        )
    Lawsuit.objects.bulk_create(firsts)
    appeals = [
        Lawsuit(
            unit=office,
            court="合成市中级人民法院",
            court_case_number=f"（{year}）合{code}行终{n}号",
            instance=Instance.APPEAL,
            first_instance=first,
            appellant=first.plaintiff_name,
            plaintiff_kind=first.plaintiff_kind,
            plaintiff_name=first.plaintiff_name,
            defendant_unit=first.defendant_unit,
            act_type=first.act_type,
            contested_act=first.contested_act,
            field=first.field,
            filed_on=first.judgment_served_on + timedelta(days=20),
            status=LawsuitStatus.CLOSED,
            judgment_type=JudgmentType.APPEAL_DISMISSED,
        )
        for n, first in enumerate(rng.sample(firsts, min(len(firsts), round(ctx.vary(6)))), start=1)
    ]
    Lawsuit.objects.bulk_create(appeals)
    LawsuitHearing.objects.bulk_create(
        _hearing(lawsuit, head=rng.random() < 0.95)
        for lawsuit in firsts
        if lawsuit.judgment_type != JudgmentType.WITHDRAWN
    )
    return len(firsts) + len(appeals)


def _hearing(lawsuit: Lawsuit, *, head: bool) -> LawsuitHearing:
    held_on = lawsuit.filed_on + timedelta(days=30)
    if head:
        return LawsuitHearing(
            lawsuit=lawsuit,
            held_on=held_on,
            appearance=Appearance.HEAD,
            head_name="合成负责人",
            head_rank=HeadRank.DEPUTY,
            head_title="副局长",
        )
    return LawsuitHearing(
        lawsuit=lawsuit,
        held_on=held_on,
        appearance=Appearance.STAFF,
        staff_name="合成工作人员",
        staff_position="法制股股长",
        authorization_submitted=True,
        absence_reason="负责人公务冲突，已提交情况说明",
    )
