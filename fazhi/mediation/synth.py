"""Synthetic people's mediation for `manage.py synth`: per district-year about the demo's
volumes (±30%): a medical-dispute committee with ~21 disputes, all agreed, of 1–30万元 each.
Rows are bulk-inserted in their final shape (agreed, effective) with the clocks the services
leave (`history_clocks`: the one-month period closed at the agreement, the 30-day window for
judicial confirmation opened by it); parties are left out (synthetic disputes carry no personal
data). Idempotent per district-year."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from fazhi.core.plugins import SynthContext, synth_step
from fazhi.deadlines.bulk import ClockSpec, DueMemo, clocks_start_many
from fazhi.deadlines.rules import effective_rule
from fazhi.mediation import deadlines as rules
from fazhi.mediation.models import Committee, Dispute, DisputeState


def history_clocks(dispute: Dispute) -> list[ClockSpec]:
    """The clocks `dispute_register` and a written `dispute_agree` leave (an actor with no
    account: no owner): 《人民调解工作若干规定》第三十三条's month closed on the day the agreement
    took effect, and 《人民调解法》第三十三条's 30-day window started that day."""
    window = effective_rule(rules.CONFIRMATION).name
    return [
        ClockSpec(rules.CONCLUSION, dispute.received_on, dispute, dispute.unit,
                  label=f"{dispute.number} 调解期限", closed_on=dispute.effective_on),
        ClockSpec(rules.CONFIRMATION, dispute.effective_on, dispute, dispute.unit,
                  label=f"{dispute} {window}"),
    ]  # fmt: skip


@synth_step
def mediation_records(ctx: SynthContext) -> str:
    created = clocks = 0
    due = DueMemo()
    for district in ctx.districts:
        bureau = next(u for u in ctx.units[district.pk] if u.is_justice_bureau)
        committee, _ = Committee.objects.get_or_create(
            unit=bureau,
            name=f"{district.name}医疗纠纷人民调解委员会",
            defaults={"kind": "industry", "field": "medical"},
        )
        for year in ctx.years:
            if Dispute.objects.filter(committee=committee, year=year).exists():
                continue
            days = ctx.dates(year, round(ctx.vary(21)))
            rows = []
            for serial, day in enumerate(days, start=1):
                effective = min(
                    day + timedelta(days=ctx.rng.randrange(5, 25)), day.replace(month=12, day=31)
                )
                rows.append(
                    Dispute(
                        unit=bureau,
                        committee=committee,
                        year=year,
                        serial=serial,
                        number=f"{committee.name}调〔{year}〕{serial}号",
                        dispute_type="medical",
                        source="application",
                        amount=Decimal(ctx.rng.randrange(100, 3000)) / 100,
                        summary="（合成数据）",
                        received_on=day,
                        state=DisputeState.AGREED,
                        started_on=day,
                        concluded_on=effective,
                        effective_on=effective,
                        agreement_kind="written",
                    )
                )
            Dispute.objects.bulk_create(rows)
            specs = [spec for dispute in rows for spec in history_clocks(dispute)]
            clocks += len(clocks_start_many(specs, due=due))
            created += len(rows)
    return f"人民调解（合成）：医疗纠纷 {created} 起（期限 {clocks} 个）"
