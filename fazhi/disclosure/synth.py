"""Synthetic disclosure records for `manage.py synth`: per district-year about the demo's
volumes (±30 %): ~1,900 portal items, ~49 interpretations, ~86 letters answered and ~15
requests answered, through the services. Idempotent per district-year."""

from __future__ import annotations

from datetime import timedelta

from fazhi.core.plugins import SynthContext, synth_step
from fazhi.deadlines.calendar import load_calendar
from fazhi.disclosure import services
from fazhi.disclosure.models import (
    ApplicantType,
    Category,
    InterpretationForm,
    LetterChannel,
    ProactiveItem,
    ReplyType,
    RequestChannel,
)

OUTCOMES = [ReplyType.DISCLOSED] * 6 + [ReplyType.UNABLE_NOT_HELD] * 3 + [ReplyType.REFUSED_REPEAT]


def _year(ctx, unit, year) -> int:
    cal = load_calendar()
    rows = []
    for n, formed in enumerate(ctx.dates(year, round(ctx.vary(1877)))):
        published = min(
            formed + timedelta(days=ctx.rng.randrange(8)), formed.replace(month=12, day=31)
        )
        rows.append({"source_ref": f"S{year}{n}", "title": f"合成信息{n}", "column": "政务动态",
                     "category": ctx.rng.choice(Category.values), "formed_on": formed,
                     "published_on": published})  # fmt: skip
    services.proactive_items_store(actor=None, unit=unit, rows=rows)
    for n, on in enumerate(ctx.dates(year, round(ctx.vary(49)))):
        services.interpretation_publish(actor=None, unit=unit, title=f"合成解读{n}",
                                        form=ctx.rng.choice(InterpretationForm.values), published_on=on)  # fmt: skip
    for n, on in enumerate(ctx.dates(year, round(ctx.vary(86)))):
        letter = services.letter_receive(actor=None, unit=unit, number=f"L{year}{n}",
                                         channel=ctx.rng.choice(LetterChannel.values), received_on=on,
                                         subject="合成来信")  # fmt: skip
        if on.month < 12:
            services.letter_reply(
                actor=None, letter=letter, on=cal.add_working_days(on, 3), reply="已办理"
            )
    for n, on in enumerate(ctx.dates(year, round(ctx.vary(15)))):
        request = services.request_receive(actor=None, unit=unit, number=f"R{year}{n}", applicant_name="合成申请人",
                                           applicant_type=ctx.rng.choice(ApplicantType.values),
                                           channel=RequestChannel.IN_PERSON, submitted_on=on,
                                           description="合成申请")  # fmt: skip
        if on.month < 12:
            services.request_reply(actor=None, request=request, on=cal.add_working_days(on, 10),
                                   reply_type=ctx.rng.choice(OUTCOMES))  # fmt: skip
    return len(rows)


@synth_step
def disclosure_records(ctx: SynthContext) -> str:
    made = 0
    for district in ctx.districts:
        unit = next(u for u in ctx.units_of(district) if u.name.endswith("人民政府办公室"))
        for year in ctx.years:
            if ProactiveItem.objects.filter(unit=unit, published_on__year=year).exists():
                continue
            made += _year(ctx, unit, year)
    return f"政务公开（合成）：门户网站信息 {made} 条"
