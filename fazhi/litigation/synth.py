"""Synthetic lawsuits for `manage.py synth` (benchmarks, roll-up).

Per district-year, about the demo district's 2024 volumes (±30%): ~18 first-instance and ~6
appeal lawsuits of the justice bureau, with the hearings of the first instances. Rows are
bulk-inserted in the final shape the services leave them (complaint received, defence filed,
judged, served on every party, closed), with the due dates the services set (`due_dates`), the
services of the judgment (`judgment_services`) and the clocks they leave, all closed
(`history_clocks`): synthetic lawsuits are history, not work. Idempotent: a district-year
already generated is skipped.
"""

from __future__ import annotations

from datetime import date, timedelta

from fazhi.core.plugins import SynthContext, synth_step
from fazhi.deadlines.bulk import ClockSpec, DueMemo, clocks_start_many
from fazhi.litigation import deadlines as rules
from fazhi.litigation.models import (
    FINAL_ON_SERVICE,
    Appearance,
    HeadRank,
    Instance,
    JudgmentService,
    JudgmentType,
    Lawsuit,
    LawsuitHearing,
    LawsuitStatus,
    ServiceParty,
)
from fazhi.litigation.services import _appeal_rule, trial_rule
from fazhi.litigation.workflow import expected_parties
from fazhi.reconsideration.models import ActType, AdministrativeField, ApplicantKind

FIELDS = [f for f in AdministrativeField.values if f != AdministrativeField.OTHER]
COMPLAINT_AFTER = timedelta(days=5)  # 行诉法 67: the copy is sent within 5 days of 立案
DEFENCE_AFTER = timedelta(days=10)  # within the 15 days of 行诉法 67
APPEAL_JUDGED_AFTER = timedelta(days=60)  # within the 3 months of 行诉法 88
SERVED_AFTER = timedelta(days=3)


def has_appeal_clock(lawsuit: Lawsuit) -> bool:
    """The defendant's appeal period runs as a clock from its service of a first-instance
    judgment or appealable ruling (行诉法 85); 准许撤诉 and a 调解书 are final on service."""
    return (
        lawsuit.instance == Instance.FIRST
        and lawsuit.judgment_served_on is not None
        and lawsuit.judgment_type not in FINAL_ON_SERVICE
    )


def due_dates(lawsuit: Lawsuit, due: DueMemo) -> None:
    """The due dates and explanations `lawsuit_register`, `lawsuit_record_complaint_received`
    and `lawsuit_record_service` set: the court's trial period (行诉法 81, 88), the defence
    (行诉法 67) and the defendant's appeal period (行诉法 85). Every party is served on
    `judgment_served_on` (`judgment_services`): all their periods end with the defendant's."""
    trial = due(trial_rule(lawsuit), lawsuit.filed_on)
    lawsuit.trial_due_on, lawsuit.trial_due_explanation = trial.due_date, trial.explanation
    if lawsuit.complaint_received_on:
        defence = due(rules.DEFENCE, lawsuit.complaint_received_on)
        lawsuit.defence_due_on = defence.due_date
        lawsuit.defence_due_explanation = defence.explanation
    if has_appeal_clock(lawsuit):
        appeal = due(_appeal_rule(lawsuit.judgment_type), lawsuit.judgment_served_on)
        lawsuit.appeal_due_on, lawsuit.appeal_due_explanation = appeal.due_date, appeal.explanation
        lawsuit.all_appeals_due_on = appeal.due_date


def judgment_services(lawsuit: Lawsuit) -> list[JudgmentService]:
    """The services `lawsuit_record_service` records when the court serves every party on
    `judgment_served_on`, after `due_dates`: each party's appeal period runs from its own
    service (行诉法 85). A 二审 judgment and 准许撤诉 close the case on the first service
    recorded, the defendant's (行诉解释 101)."""
    if lawsuit.judgment_served_on is None:
        return []
    parties = expected_parties(lawsuit)
    if lawsuit.instance == Instance.APPEAL or lawsuit.judgment_type == JudgmentType.WITHDRAWN:
        parties = [(party, name) for party, name in parties if party == ServiceParty.DEFENDANT]
    appeal = has_appeal_clock(lawsuit)
    return [
        JudgmentService(
            lawsuit=lawsuit,
            party=party,
            party_name=name,
            served_on=lawsuit.judgment_served_on,
            appeal_due_on=lawsuit.appeal_due_on if appeal else None,
            appeal_due_explanation=lawsuit.appeal_due_explanation if appeal else "",
        )
        for party, name in parties
    ]


def _appeal_closed_on(lawsuit: Lawsuit, appealed_on: date | None) -> date | None:
    """`lawsuit_appeal` closes the defendant's appeal clock on the appeal's filing (at the
    latest on its due date); `lawsuit_close` on its due date; a judgment still pending
    effect leaves it running."""
    if appealed_on is not None:
        return min(appealed_on, lawsuit.appeal_due_on)
    return lawsuit.appeal_due_on if lawsuit.status == LawsuitStatus.CLOSED else None


def history_clocks(lawsuit: Lawsuit, *, appealed_on: date | None = None) -> list[ClockSpec]:
    """The clocks the services leave on `lawsuit` (an actor with no account: no owner), after
    `due_dates`: the trial period closed at the judgment, the defence closed when filed, the
    defendant's appeal period (`appealed_on`: the filing of the appeal of this first instance)."""
    number = lawsuit.court_case_number
    found = [
        ClockSpec(trial_rule(lawsuit), lawsuit.filed_on, lawsuit, lawsuit.unit,
                  label=f"{number} 法院审理期限（参考）", closed_on=lawsuit.judgment_on),
    ]  # fmt: skip
    if lawsuit.complaint_received_on:
        found.append(
            ClockSpec(rules.DEFENCE, lawsuit.complaint_received_on, lawsuit, lawsuit.unit,
                      label=f"{number} 答辩举证", closed_on=lawsuit.defence_submitted_on)
        )  # fmt: skip
    if has_appeal_clock(lawsuit):
        found.append(
            ClockSpec(_appeal_rule(lawsuit.judgment_type), lawsuit.judgment_served_on, lawsuit,
                      lawsuit.unit, label=f"{number} 上诉期限",
                      closed_on=_appeal_closed_on(lawsuit, appealed_on))
        )  # fmt: skip
    return found


@synth_step
def lawsuits(ctx: SynthContext) -> str:
    created = clocks = 0
    due = DueMemo()
    for district in ctx.districts:
        office = ctx.justice_bureau(district)
        respondents = ctx.departments(district, excluding=office)
        for year in ctx.years:
            # an appeal of last year's case may be filed this year: only first instances count
            if Lawsuit.objects.filter(
                unit=office, instance=Instance.FIRST, filed_on__year=year
            ).exists():
                continue
            made, started = _lawsuits(ctx, district, office, respondents, year, due)
            created += made
            clocks += started
    return f"行政诉讼案件（合成）{created} 件（期限 {clocks} 个）"


def _lawsuits(ctx: SynthContext, district, office, respondents, year, due) -> tuple[int, int]:
    rng = ctx.rng
    code = district.code[-4:]
    firsts = [
        _first(ctx, district, office, respondents, year, number)
        for number in range(1, round(ctx.vary(18)) + 1)
    ]
    # 准许撤诉 is final (行诉解释 101): `lawsuit_appeal` refuses its appeal
    appealable = [f for f in firsts if f.judgment_type not in FINAL_ON_SERVICE]
    appealed = rng.sample(appealable, min(len(appealable), round(ctx.vary(6))))
    appeals = [_appeal(first, year, code, n) for n, first in enumerate(appealed, start=1)]
    for lawsuit in firsts + appeals:
        due_dates(lawsuit, due)
    for first in firsts:
        first.closed_on = _effective_on(first)
    for appeal in appeals:  # `lawsuit_save_registered` marks it; the appeal's service closes it
        appeal.first_instance.appealed = True
        appeal.first_instance.closed_on = appeal.closed_on
    Lawsuit.objects.bulk_create(firsts)
    Lawsuit.objects.bulk_create(appeals)
    JudgmentService.objects.bulk_create(
        row for lawsuit in firsts + appeals for row in judgment_services(lawsuit)
    )
    LawsuitHearing.objects.bulk_create(
        _hearing(lawsuit, head=rng.random() < 0.95)
        for lawsuit in firsts
        if lawsuit.judgment_type != JudgmentType.WITHDRAWN
    )
    appealed_on = {appeal.first_instance_id: appeal.filed_on for appeal in appeals}
    specs = [
        spec
        for lawsuit in firsts + appeals
        for spec in history_clocks(lawsuit, appealed_on=appealed_on.get(lawsuit.pk))
    ]
    return len(firsts) + len(appeals), len(clocks_start_many(specs, due=due))


def _first(ctx: SynthContext, district, office, respondents, year: int, number: int) -> Lawsuit:
    """A first instance judged within 40–150 days of 立案 and served three days later."""
    rng = ctx.rng
    filed = ctx.dates(year, 1)[0]
    judged = filed + timedelta(days=rng.randrange(40, 150))
    return Lawsuit(
        unit=office,
        court=f"{district.name}人民法院",
        court_case_number=f"（{year}）合{district.code[-4:]}行初{number}号",
        instance=Instance.FIRST,
        plaintiff_kind=ApplicantKind.PERSON,
        plaintiff_name=f"合成原告{number}",
        defendant_unit=rng.choice(respondents),
        act_type=ActType.PENALTY,
        contested_act="合成被诉行政行为",
        field=rng.choice(FIELDS),
        filed_on=filed,
        complaint_received_on=filed + COMPLAINT_AFTER,
        defence_submitted_on=filed + COMPLAINT_AFTER + DEFENCE_AFTER,
        status=LawsuitStatus.CLOSED,
        judgment_type=rng.choice(
            [JudgmentType.CLAIM_DISMISSED] * 8 + [JudgmentType.REVOKED, JudgmentType.WITHDRAWN]
        ),
        judgment_on=judged,
        judgment_served_on=judged + SERVED_AFTER,
    )


def _effective_on(first: Lawsuit) -> date:
    """The day the services close a first instance no party appealed, after `due_dates`:
    准许撤诉 on its service (行诉解释 101), a judgment the day after every party's appeal period
    ran (`scan_effective`, 行诉法 85)."""
    if first.judgment_type in FINAL_ON_SERVICE:
        return first.judgment_served_on
    return first.all_appeals_due_on + timedelta(days=1)


def _appeal(first: Lawsuit, year: int, code: str, number: int) -> Lawsuit:
    """The 二审 of `first`, judged (驳回上诉) and closed on its service (行诉法 89(1)(1))."""
    filed = first.judgment_served_on + timedelta(days=20)
    judged = filed + APPEAL_JUDGED_AFTER
    return Lawsuit(
        unit=first.unit,
        court="合成市中级人民法院",
        court_case_number=f"（{year}）合{code}行终{number}号",
        instance=Instance.APPEAL,
        first_instance=first,
        appellant=first.plaintiff_name,
        plaintiff_kind=first.plaintiff_kind,
        plaintiff_name=first.plaintiff_name,
        defendant_unit=first.defendant_unit,
        act_type=first.act_type,
        contested_act=first.contested_act,
        field=first.field,
        filed_on=filed,
        complaint_received_on=filed + COMPLAINT_AFTER,
        defence_submitted_on=filed + COMPLAINT_AFTER + DEFENCE_AFTER,
        status=LawsuitStatus.CLOSED,
        judgment_type=JudgmentType.APPEAL_DISMISSED,
        judgment_on=judged,
        judgment_served_on=judged + SERVED_AFTER,
        closed_on=judged + SERVED_AFTER,
    )


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
