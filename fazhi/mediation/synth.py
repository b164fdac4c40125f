"""Synthetic people's mediation for `manage.py synth`: per district-year about the demo's
volumes (±30%): a medical-dispute committee with ~21 disputes, all agreed, of 1–30万元 each.
Rows are bulk-inserted in their final shape (agreed, effective), without clocks; parties are
left out (synthetic disputes carry no personal data). Idempotent per district-year."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from fazhi.core.plugins import SynthContext, synth_step
from fazhi.mediation.models import Committee, Dispute, DisputeState


@synth_step
def mediation_records(ctx: SynthContext) -> str:
    created = 0
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
            created += len(rows)
    return f"人民调解（合成）：医疗纠纷 {created} 起"
