"""Demo step: the demo district's lawsuits, 2024, through the litigation services.

The seed report states 18 first-instance and 6 appeal lawsuits and a 100% head-appearance rate.
Every lawsuit below is registered and moved through its steps by `fazhi.litigation.services`;
some follow a reconsideration case of the demo (`fazhi/reconsideration/demo.py`, whose random
generator this step continues, so the demo is the same on every run).

ILLUSTRATIVE: plaintiffs, acts, dates, courts' case numbers and judgments beyond the seed's
totals are invented to a realistic spread (seeded random, reproducible).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction

from fazhi.core.plugins import ORDER_REGISTER, demo_step
from fazhi.indicators.selectors import indicator_values
from fazhi.litigation import services as lawsuits
from fazhi.litigation.models import (
    Appearance,
    HeadRank,
    Instance,
    JudgmentType,
    Lawsuit,
    LawsuitStatus,
)
from fazhi.reconsideration.demo import (
    RESPONDENTS,
    YEAR,
    Ctx,
    applicant_data,
    justice_bureau,
    load_reconsideration,
)
from fazhi.reconsideration.models import (
    ActType,
    AdministrativeField,
    Outcome,
    ReconsiderationCase,
)


@demo_step(order=ORDER_REGISTER + 2)
def load_litigation(context: dict) -> str:
    """Create the lawsuits once (idempotent: skipped when the 2024 lawsuits exist)."""
    if "reconsideration_demo" not in context:
        load_reconsideration(context)
    ctx: Ctx = context["reconsideration_demo"]
    justice = justice_bureau(ctx.units)
    if not Lawsuit.objects.filter(unit=justice, filed_on__year=YEAR).exists():
        with transaction.atomic():
            _load_lawsuits(ctx)
    values = indicator_values(
        ["litigation.first_instance", "litigation.appeal", "litigation.head_appearance_rate"],
        division_or_unit=justice.division,
        year=YEAR,
    )
    return (
        f"行政诉讼 {YEAR}：一审 {values['litigation.first_instance'].display}、"
        f"二审 {values['litigation.appeal'].display}、"
        f"负责人出庭率 {values['litigation.head_appearance_rate'].display}"
    )


COURT = "衡阳市蒸湘区人民法院"
APPEAL_COURT = "衡阳市中级人民法院"
FIRST_2024_JUDGMENTS = (
    [JudgmentType.CLAIM_DISMISSED] * 11
    + [JudgmentType.REVOKED] * 2
    + [JudgmentType.DECLARED_UNLAWFUL]
    + [JudgmentType.WITHDRAWN] * 2
    + [JudgmentType.SUIT_DISMISSED]
    + [""]  # still pending at the end of 2024
)
HEADS = {
    "衡阳市公安局蒸湘分局": ("赵建华", HeadRank.DEPUTY, "副局长"),
    "衡阳市自然资源和规划局蒸湘分局": ("孙立新", HeadRank.PRINCIPAL, "局长"),
    "蒸湘区人力资源和社会保障局": ("李强", HeadRank.PRINCIPAL, "局长"),
    "衡阳市市场监督管理局蒸湘分局": ("周红梅", HeadRank.DEPUTY, "副局长"),
    "蒸湘区住房和城乡建设局": ("吴国平", HeadRank.IN_CHARGE, "党组成员、副局长"),
    "蒸湘区城市管理和综合执法局": ("郑海涛", HeadRank.DEPUTY, "副局长"),
    "衡阳市蒸湘区人民政府": ("王志刚", HeadRank.DEPUTY, "副区长"),
}


def _lawsuit(ctx: Ctx, *, number: str, filed: date, defendant: str, recon=None, **extra) -> Lawsuit:
    rng = ctx.rng
    applicant = applicant_data(ctx)
    _w, field, acts = RESPONDENTS.get(
        defendant, (0, AdministrativeField.OTHER, [(ActType.OTHER, "行政行为", None)])
    )
    kind, text, base = rng.choice(acts)
    data = {
        "court": COURT,
        "court_case_number": number,
        "instance": Instance.FIRST,
        "plaintiff_kind": applicant["applicant_kind"],
        "plaintiff_name": applicant["applicant_name"],
        "plaintiff_id_type": applicant["applicant_id_type"],
        "plaintiff_id_number": applicant["applicant_id_number"],
        "defendant_unit": ctx.units[defendant],
        "act_type": kind,
        "contested_act": text.format(n=rng.randrange(3, 11), a=int(base or 0) * 2),
        "field": field,
        "filed_on": filed,
        "complaint_received_on": filed + timedelta(days=rng.randrange(3, 8)),
        **extra,
    }
    if recon is not None:
        data.update(
            reconsideration_case=recon,
            plaintiff_kind=recon.applicant_kind,
            plaintiff_name=recon.applicant_name,
            plaintiff_id_type=recon.applicant_id_type,
            plaintiff_id_number=recon.applicant_id_number,
            defendant_unit=recon.respondent_unit,
            co_defendant="衡阳市蒸湘区人民政府",
            act_type=recon.act_type,
            contested_act=recon.act_description,
            field=recon.field,
        )
    lawsuit = lawsuits.lawsuit_register(actor=ctx.officer, **data)
    return lawsuits.lawsuit_record_defence(
        actor=ctx.officer,
        lawsuit=lawsuit,
        on=lawsuit.complaint_received_on + timedelta(days=rng.randrange(5, 14)),
    )


def _hear(ctx: Ctx, lawsuit: Lawsuit, held: date, *, head=True) -> None:
    name, rank, title = HEADS.get(
        lawsuit.defendant_unit.name, ("刘卫东", HeadRank.DEPUTY, "副局长")
    )
    if head:
        lawsuits.lawsuit_record_hearing(
            actor=ctx.officer,
            lawsuit=lawsuit,
            held_on=held,
            appearance=Appearance.HEAD,
            head_name=name,
            head_rank=rank,
            head_title=title,
            lawyer_names="湖南某某律师事务所 周律师",
        )
    else:
        lawsuits.lawsuit_record_hearing(
            actor=ctx.officer,
            lawsuit=lawsuit,
            held_on=held,
            appearance=Appearance.STAFF,
            staff_name="陈晓东",
            staff_position="法制股股长",
            authorization_submitted=True,
            absence_reason="负责人参加市政府专题会议，已提交情况说明",
        )


def _judge(ctx: Ctx, lawsuit: Lawsuit, judgment: str, on: date) -> Lawsuit:
    lawsuit.refresh_from_db()
    served = on + timedelta(days=ctx.rng.randrange(2, 7))
    lawsuit = lawsuits.lawsuit_record_judgment(
        actor=ctx.officer,
        lawsuit=lawsuit,
        judgment_type=judgment,
        judgment_on=on,
        served_on=served,
    )
    # The court serves every party the same day: each party's appeal period runs from its own
    # service, and a first instance takes effect after the last of them (行诉法第八十五条).
    if lawsuit.status == LawsuitStatus.JUDGED:
        for party, name in lawsuits.unserved_parties(lawsuit):
            lawsuit = lawsuits.lawsuit_record_service(
                actor=ctx.officer, lawsuit=lawsuit, on=served, party=party, party_name=name
            )
    return lawsuit


def _load_lawsuits(ctx: Ctx) -> None:
    rng = ctx.rng
    upheld = list(
        ReconsiderationCase.objects.filter(
            outcome=Outcome.UPHELD, closed_on__year=YEAR, served_on__isnull=False
        ).order_by("closed_on")[:6]
    )
    defendants = [d for d in HEADS if d != "衡阳市蒸湘区人民政府"]
    # Two first instances of 2023, appealed in 2024.
    older = []
    for n, (filed, judged) in enumerate(
        [(date(2023, 8, 14), date(2023, 12, 20)), (date(2023, 9, 18), date(2024, 1, 9))], start=1
    ):
        lawsuit = _lawsuit(
            ctx,
            number=f"（2023）湘0408行初{60 + n}号",
            filed=filed,
            defendant=rng.choice(defendants),
        )
        _hear(ctx, lawsuit, filed + timedelta(days=45))
        older.append(_judge(ctx, lawsuit, JudgmentType.CLAIM_DISMISSED, judged))
    judgments = list(FIRST_2024_JUDGMENTS)
    rng.shuffle(judgments)
    filed_dates = sorted(date(2024, 1, 8) + timedelta(days=rng.randrange(300)) for _ in judgments)
    first_2024 = []
    for n, (judgment, filed) in enumerate(zip(judgments, filed_dates, strict=True), start=1):
        recon = (
            upheld.pop(0) if upheld and rng.random() < 0.4 and filed > date(2024, 4, 1) else None
        )
        if recon is not None and recon.served_on >= filed:
            upheld.insert(0, recon)
            recon = None
        lawsuit = _lawsuit(
            ctx,
            number=f"（2024）湘0408行初{n * 3 + 2}号",
            filed=filed,
            defendant=rng.choice(defendants),
            recon=recon,
        )
        if judgment == "":
            _hear(
                ctx, lawsuit, date(2025, 1, 14), head=False
            )  # heard in 2025: outside the 2024 rate
            first_2024.append(lawsuit)
            continue
        if judgment in (JudgmentType.WITHDRAWN, JudgmentType.SUIT_DISMISSED) and rng.random() < 0.7:
            judged = filed + timedelta(days=rng.randrange(20, 50))  # ended before any hearing
        else:
            held = ctx.workday_on_or_after(filed + timedelta(days=rng.randrange(30, 60)))
            _hear(ctx, lawsuit, held)
            judged = held + timedelta(days=rng.randrange(15, 45))
        if judged > date(2024, 12, 27):
            judged = date(2024, 12, 27)
        first_2024.append(_judge(ctx, lawsuit, judgment, judged))
    # Six appeals filed in 2024: the two 2023 cases and four of 2024's judged cases.
    judged = [
        lw
        for lw in first_2024
        if lw.judgment_served_on and lw.judgment_served_on < date(2024, 11, 15)
    ]
    preferred = [
        lw
        for lw in judged
        if lw.judgment_type in (JudgmentType.CLAIM_DISMISSED, JudgmentType.REVOKED)
    ]
    others = [
        lw
        for lw in judged
        if lw not in preferred and lw.judgment_type not in (JudgmentType.WITHDRAWN,)
    ]
    appealed = older + (preferred + others)[:4]
    for n, first in enumerate(appealed, start=1):
        first.refresh_from_db()
        filed = max(
            first.judgment_served_on + timedelta(days=rng.randrange(15, 35)), date(2024, 1, 10)
        )
        appellant = (
            first.defendant_unit.name
            if first.judgment_type == JudgmentType.REVOKED
            else first.plaintiff_name
        )
        appeal = lawsuits.lawsuit_appeal(
            actor=ctx.officer,
            lawsuit=first,
            court=APPEAL_COURT,
            court_case_number=f"（2024）湘04行终{n * 7 + 11}号",
            appellant=appellant,
            filed_on=filed,
            complaint_received_on=filed + timedelta(days=4),
        )
        appeal = lawsuits.lawsuit_record_defence(
            actor=ctx.officer, lawsuit=appeal, on=appeal.complaint_received_on + timedelta(days=10)
        )
        if n % 2:
            _hear(ctx, appeal, ctx.workday_on_or_after(filed + timedelta(days=40)))
        result = JudgmentType.APPEAL_REVISED if n == 3 else JudgmentType.APPEAL_DISMISSED
        _judge(ctx, appeal, result, min(filed + timedelta(days=70), date(2024, 12, 20)))
    lawsuits.scan_effective(today=date(2025, 3, 1))
