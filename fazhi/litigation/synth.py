"""Synthetic lawsuits for `manage.py synth` (benchmarks, roll-up).

Per district-year, about the demo district's 2024 volumes (±30%): ~18 first-instance and ~6
appeal lawsuits of the justice bureau, with the hearings of the first instances. Rows are
bulk-inserted in the final shape the services leave them (judged, served, closed); no clock is
started: synthetic lawsuits are history, not work. Idempotent: a district-year already
generated is skipped.
"""

from __future__ import annotations

from datetime import timedelta

from fazhi.core.plugins import SynthContext, synth_step
from fazhi.litigation.models import (
    Appearance,
    HeadRank,
    Instance,
    JudgmentType,
    Lawsuit,
    LawsuitHearing,
    LawsuitStatus,
)
from fazhi.reconsideration.models import ActType, AdministrativeField, ApplicantKind

FIELDS = [f for f in AdministrativeField.values if f != AdministrativeField.OTHER]


@synth_step
def lawsuits(ctx: SynthContext) -> str:
    created = 0
    for district in ctx.districts:
        office = ctx.justice_bureau(district)
        respondents = ctx.departments(district, excluding=office)
        for year in ctx.years:
            # an appeal of last year's case may be filed this year: only first instances count
            if Lawsuit.objects.filter(
                unit=office, instance=Instance.FIRST, filed_on__year=year
            ).exists():
                continue
            created += _lawsuits(ctx, district, office, respondents, year)
    return f"行政诉讼案件（合成）{created} 件"


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
