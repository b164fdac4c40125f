"""Synthetic legal aid for `manage.py synth` (benchmarks, roll-up across districts).

Per district-year, about the demo district's 2024 volumes (±30%): ~430 cases (≈ 213 criminal,
82 法律帮助, 135 civil) and ~482 visit and ~510 phone consultations as monthly tallies. Rows are
bulk-inserted in the final shape the services leave them (numbered, granted, assigned), with
the clocks those steps leave, closed (`history_clocks`: the 审查 clock closed at the grant and the
指派 clock at the assignment, or the notification's 指派 clock). Identifiers are encrypted on
insert like any other save. Idempotent per district-year.
"""

from __future__ import annotations

from datetime import timedelta

from stdnum.cn import ric

from fazhi.core.plugins import SynthContext, synth_step
from fazhi.deadlines.bulk import ClockSpec, DueMemo, clocks_start_many
from fazhi.deadlines.rules import effective_rule
from fazhi.legal_aid import deadlines as rules
from fazhi.legal_aid.conf import case_prefix
from fazhi.legal_aid.models import AidCase, CaseState, Category, Consultation, Origin

SHARES = {Category.CRIMINAL: 213, Category.LEGAL_HELP: 82, Category.CIVIL: 135}


def _person_id(ctx: SynthContext, birth) -> str:
    body = f"430408{birth:%Y%m%d}{ctx.rng.randrange(1000):03d}"
    return body + ric.calc_check_digit(body + "0")


def _case(ctx, office, year, serial, received, category) -> AidCase:
    notified = category != Category.CIVIL and ctx.rng.random() < 0.8
    birth = received.replace(year=received.year - ctx.rng.randrange(20, 70), day=1)
    return AidCase(
        unit=office,
        year=year,
        serial=serial,
        number=f"{case_prefix()}〔{year}〕{serial}号",
        origin=Origin.NOTIFICATION if notified else Origin.APPLICATION,
        channel="notification" if notified else "visit",
        notifying_organ="court" if notified else "",
        category=category,
        criminal_stage="trial" if category != Category.CIVIL else "",
        matter="criminal_defence" if category != Category.CIVIL else "labour",
        summary="（合成数据）",
        received_on=received,
        applicant_name="合成申请人",
        applicant_gender=ctx.rng.choice(("male", "female")),
        applicant_id_number=_person_id(ctx, birth),
        means_test="not_required" if notified else "passed",
        state=CaseState.ASSIGNED,
        decided_on=received,
        granted_on=received,
        assigned_on=received + timedelta(days=1),
        provider_kind="lawyer",
        provider_name="合成律师",
    )


def history_clocks(case: AidCase) -> list[ClockSpec]:
    """The clocks `case_register`, `case_grant` and `case_assign` leave on a case granted and
    assigned on those dates (by an actor with no account: no owner), closed."""
    if case.origin == Origin.NOTIFICATION:  # 第三十六条: assign within 3 days of the notice
        return [
            ClockSpec(rules.NOTIFICATION_ASSIGNMENT, case.received_on, case, case.unit,
                      label=f"{case.number} 指派期限", closed_on=case.assigned_on),
        ]  # fmt: skip
    assignment = effective_rule(rules.ASSIGNMENT).name
    return [  # 第四十三条: review within 7 working days, then assign within 3 days of the grant
        ClockSpec(rules.REVIEW, case.received_on, case, case.unit,
                  label=f"{case.number} 审查期限", closed_on=case.granted_on),
        ClockSpec(rules.ASSIGNMENT, case.granted_on, case, case.unit,
                  label=f"{case} {assignment}", closed_on=case.assigned_on),
    ]  # fmt: skip


@synth_step
def legal_aid_records(ctx: SynthContext) -> str:
    cases = tallies = clocks = 0
    due = DueMemo()
    for district in ctx.districts:
        office = next(u for u in ctx.units[district.pk] if u.is_justice_bureau)
        for year in ctx.years:
            if AidCase.objects.filter(unit=office, year=year).exists():
                continue
            plans = [
                (day, category)
                for category, share in SHARES.items()
                for day in ctx.dates(year, round(ctx.vary(share)))
            ]
            rows = [
                _case(ctx, office, year, serial, day, category)
                for serial, (day, category) in enumerate(sorted(plans), start=1)
            ]
            AidCase.objects.bulk_create(rows, batch_size=500)
            clocks += len(
                clocks_start_many([c for case in rows for c in history_clocks(case)], due=due)
            )
            cases += len(rows)
            for channel, total in (("visit", 482), ("phone", 510)):
                per_month = ctx.spread(round(ctx.vary(total)), 12)
                Consultation.objects.bulk_create(
                    Consultation(
                        unit=office,
                        consulted_on=ctx.dates(year, 1)[0].replace(month=month, day=28),
                        channel=channel,
                        topic="other",
                        persons=persons,
                        tally=True,
                    )
                    for month, persons in enumerate(per_month, start=1)
                    if persons
                )
                tallies += 12
    return f"法律援助（合成）：案件 {cases} 件（期限 {clocks} 个），咨询汇总 {tallies} 条"
