"""Synthetic community corrections for `manage.py synth`: per district-year about the demo's
volumes (±30%): ~60 subjects (encrypted like any save, labelled 敏感), an entrepreneurship class
with all of them enrolled and ~80% graduated, a cross-review of their files with ~1% failing.
Rows are bulk-inserted in their final shape (under correction) with the clock their
registration started, closed on the day they reported (`history_clocks`). Idempotent per
district-year."""

from __future__ import annotations

from datetime import date, timedelta

from stdnum.cn import ric

from fazhi.core.plugins import SynthContext, synth_step
from fazhi.core.sensitivity import Sensitivity
from fazhi.corrections import deadlines as rules
from fazhi.corrections.models import (
    CrossReview,
    Enrolment,
    ReviewedFile,
    Subject,
    SubjectState,
    TrainingClass,
)
from fazhi.deadlines.bulk import ClockSpec, DueMemo, clocks_start_many


def _subject(ctx, bureau, year, serial) -> Subject:
    birth = date(ctx.rng.randrange(1965, 2000), 1, 1) + timedelta(days=ctx.rng.randrange(365))
    body = f"430408{birth:%Y%m%d}{ctx.rng.randrange(1000):03d}"
    effective = ctx.dates(year, 1)[0]
    return Subject(
        unit=bureau,
        year=year,
        serial=serial,
        number=f"矫〔{year}〕{serial}号",
        sensitivity=Sensitivity.SENSITIVE,
        name="合成对象",
        gender=ctx.rng.choice(("male", "female")),
        id_number=body + ric.calc_check_digit(body + "0"),
        address="（合成数据）",
        crime="危险驾驶罪",
        sentence_kind="probation",
        deciding_organ="人民法院",
        effective_on=effective,
        term_start=effective,
        term_end=effective + timedelta(days=365),
        state=SubjectState.UNDER_CORRECTION,
        reported_on=effective + timedelta(days=3),
        received_on=effective + timedelta(days=3),
    )


def history_clocks(subject: Subject) -> list[ClockSpec]:
    """The clock `subject_register` starts (report within ten days, 《社区矫正法》第二十一条),
    closed by `subject_report_in` on the day the subject reported (an actor with no account)."""
    return [
        ClockSpec(rules.REPORT_IN, subject.effective_on, subject, subject.unit,
                  label=f"{subject.number} 报到期限", closed_on=subject.reported_on),
    ]  # fmt: skip


@synth_step
def corrections_records(ctx: SynthContext) -> str:
    created = clocks = 0
    due = DueMemo()
    for district in ctx.districts:
        bureau = next(u for u in ctx.units[district.pk] if u.is_justice_bureau)
        for year in ctx.years:
            if Subject.objects.filter(unit=bureau, year=year).exists():
                continue
            subjects = Subject.objects.bulk_create(
                [_subject(ctx, bureau, year, n) for n in range(1, round(ctx.vary(60)) + 1)]
            )
            specs = [spec for subject in subjects for spec in history_clocks(subject)]
            clocks += len(clocks_start_many(specs, due=due))
            training = TrainingClass.objects.create(
                unit=bureau,
                name="创业技能培训班",
                kind="entrepreneurship",
                started_on=date(year, 5, 6),
            )
            Enrolment.objects.bulk_create(
                Enrolment(
                    training=training,
                    subject=s,
                    graduated=ctx.rng.random() < 0.8,
                )
                for s in subjects
            )
            review = CrossReview.objects.create(
                unit=bureau,
                name=f"{year}年社区矫正案件交叉评查",
                organiser="市司法局",
                held_on=date(year, 10, 20),
            )
            ReviewedFile.objects.bulk_create(
                ReviewedFile(
                    review=review,
                    subject=s,
                    passed=(ok := ctx.rng.random() > 0.01),
                    problems="" if ok else "走访记录不全",
                )
                for s in subjects
            )
            created += len(subjects)
    return f"社区矫正（合成）：矫正对象 {created} 名（期限 {clocks} 个）"
