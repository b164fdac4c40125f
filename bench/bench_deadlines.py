"""Benchmark: recompute 100,000 open clocks after a calendar import (target < 10 s, 2 cores).

    DATABASE_URL=postgresql://… .venv/bin/python bench/bench_deadlines.py [--clocks N]

Builds N open clocks (mixed rules: working days, calendar days, months; 10 % with a pause,
5 % with an extension; most running into 2027, so provisional), then times
`calendar_version_create` for a made-up 2027 schedule: validation, the new version, the
recompute of every open clock (set-based UPDATE, pghistory triggers on) and the owners'
"from X to Y" notifications. Everything runs in one transaction that is rolled back.
"""

import argparse
import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from fazhi.core.models import Division, DivisionLevel, Role, Unit, User  # noqa: E402
from fazhi.deadlines.calendar import current_version, load_calendar  # noqa: E402
from fazhi.deadlines.engine import Extension, Pause  # noqa: E402
from fazhi.deadlines.importer import parse_text  # noqa: E402
from fazhi.deadlines.models import (  # noqa: E402
    Clock,
    ClockExtension,
    ClockPause,
    Reminder,
)
from fazhi.deadlines.rules import PeriodRule, PeriodUnit, register_rules  # noqa: E402
from fazhi.deadlines.services import (  # noqa: E402
    _bulk_audit_context,
    _compute,
    _copy_rows,
    calendar_version_create,
    state_for,
)

RULES = register_rules(
    [
        PeriodRule(
            "bench.wd5", "受理审查期限", 5, PeriodUnit.WORKING_DAYS, "《行政复议法》第三十条"
        ),
        PeriodRule(
            "bench.wd10", "书面答复期限", 10, PeriodUnit.WORKING_DAYS, "《行政复议法》第四十八条"
        ),
        PeriodRule(
            "bench.wd20",
            "依申请公开答复期限",
            20,
            PeriodUnit.WORKING_DAYS,
            "《政府信息公开条例》第三十三条",
            max_extension_days=20,
            max_extensions=1,
        ),
        PeriodRule(
            "bench.cal15", "答辩举证期限", 15, PeriodUnit.CALENDAR_DAYS, "《行政诉讼法》第六十七条"
        ),
        PeriodRule(
            "bench.cal60",
            "复议决定期限",
            60,
            PeriodUnit.CALENDAR_DAYS,
            "《行政复议法》第六十二条",
            max_extension_days=30,
            max_extensions=1,
        ),
        PeriodRule("bench.m6", "起诉期限", 6, PeriodUnit.MONTHS, "《行政诉讼法》第四十六条"),
    ]
)

MADE_UP_2027 = """
2027-01-01~2027-01-03,放假,元旦
2027-02-05~2027-02-11,放假,春节
2027-02-20,调休上班,春节
2027-04-03~2027-04-05,放假,清明节
2027-04-25,调休上班,劳动节
2027-05-01~2027-05-05,放假,劳动节
2027-06-12~2027-06-14,放假,端午节
2027-09-15,放假,中秋节
2027-09-26,调休上班,国庆节
2027-10-01~2027-10-07,放假,国庆节
2027-10-09,调休上班,国庆节
"""


class Rollback(Exception):
    pass


def build(n: int, rng: random.Random):
    """Insert n open clocks already computed with the calendar in force (one INSERT each, as
    `clock_start` would leave them), plus their pauses and extensions."""
    division = Division.objects.create(
        code="439999", name="基准测试区", level=DivisionLevel.DISTRICT
    )
    units = [
        Unit.objects.create(name=f"基准测试单位{i}", kind="department", division=division)
        for i in range(20)
    ]
    owners = [
        User.objects.create(
            username=f"bench_owner_{i}",
            full_name=f"承办人{i}",
            unit=units[i % 20],
            roles=[Role.CLERK],
        )
        for i in range(100)
    ]
    approver = owners[0]
    content_type = ContentType.objects.get_for_model(Unit)
    version = current_version()
    cal = load_calendar(version)
    today = timezone.localdate()
    start = date(2026, 10, 1)
    now = timezone.now()
    rows, pauses, extensions, memo = [], {}, {}, {}
    for i in range(n):
        rule = RULES[i % len(RULES)]
        owner = owners[rng.randrange(len(owners))]
        trigger = start + timedelta(days=rng.randrange(182))  # 2026-10-01 … 2027-03-31
        roll = rng.random()
        clock_pauses, clock_extensions = (), ()
        if roll < 0.10:
            begin = trigger + timedelta(days=1 + rng.randrange(3))
            end = begin + timedelta(days=3 + rng.randrange(10))
            clock_pauses = (Pause(begin, end, "补正"),)
            pauses[str(i)] = clock_pauses[0]
        elif roll < 0.15 and rule.max_extensions:
            clock_extensions = (Extension(10, approver.full_name, "情况复杂"),)
            extensions[str(i)] = 10
        key = (rule.code, trigger, clock_pauses, clock_extensions)
        if key not in memo:
            memo[key] = _compute(
                cal, rule.length, rule.unit, rule, trigger, clock_pauses, clock_extensions
            )
        result = memo[key]
        rows.append(
            (
                owner.unit_id,
                rule.code,
                rule.name,
                content_type.pk,
                str(i),
                owner.pk,
                trigger,
                rule.length,
                rule.unit,
                sum(e.days for e in clock_extensions),
                result.due_date,
                result.provisional,
                version.pk,
                result.explanation,
                state_for(result.due_date, today, cal),
                now,
            )
        )
    columns = [
        "unit_id",
        "rule_code",
        "label",
        "content_type_id",
        "object_id",
        "owner_id",
        "trigger_date",
        "period_length",
        "period_unit",
        "extension_days",
        "due_date",
        "provisional",
        "calendar_version_id",
        "explanation",
        "state",
        "created_at",
    ]
    with connection.cursor() as cursor:
        _copy_rows(cursor, Clock._meta.db_table, columns, rows)
    ids = dict(Clock.objects.filter(unit__division=division).values_list("object_id", "pk"))
    ClockPause.objects.bulk_create(
        [
            ClockPause(clock_id=ids[oid], start=p.start, end=p.end, reason=p.reason)
            for oid, p in pauses.items()
        ],
        batch_size=5000,
    )
    ClockExtension.objects.bulk_create(
        [
            ClockExtension(clock_id=ids[oid], days=days, approver=approver, reason="情况复杂")
            for oid, days in extensions.items()
        ],
        batch_size=5000,
    )
    return len(pauses), len(extensions)


TARGET_SECONDS = 10.0


def run_once(n: int, rng: random.Random) -> float:
    ClockEvent = apps.get_model("deadlines", "ClockEvent")
    try:
        with transaction.atomic():
            t0 = time.perf_counter()
            with _bulk_audit_context(operation="bench.setup"):
                n_pauses, n_ext = build(n, rng)
            t1 = time.perf_counter()
            office = User.objects.create(username="bench_office", roles=[Role.OFFICE_STAFF])
            events_before = ClockEvent.objects.count()
            reminders_before = Reminder.objects.count()
            draft = parse_text(MADE_UP_2027, 2027)
            t2 = time.perf_counter()
            version, report = calendar_version_create(actor=office, draft=draft, note="基准测试")
            t3 = time.perf_counter()
            events = ClockEvent.objects.count() - events_before
            reminders = Reminder.objects.count() - reminders_before
            print(f"setup: {n} clocks, {n_pauses} pauses, {n_ext} extensions in {t1 - t0:.1f} s")
            print(
                f"import 2027 → v{version.number}: {report.examined} open clocks examined, "
                f"{report.changed} updated, {report.moved} due dates moved, "
                f"{report.notified} owners notified in {t3 - t2:.2f} s "
                f"(pghistory events {events}, reminders {reminders})"
            )
            raise Rollback
    except Rollback:
        pass
    return t3 - t2


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clocks", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2027)
    args = parser.parse_args()
    times = sorted(run_once(args.clocks, random.Random(args.seed)) for _ in range(args.repeat))
    best, median = times[0], times[len(times) // 2]
    verdict = "met" if best < TARGET_SECONDS else "MISSED"
    print(f"import + recompute of {args.clocks} clocks: best {best:.2f} s, median {median:.2f} s")
    print(f"target < {TARGET_SECONDS:.0f} s: {verdict}")
    sys.exit(0 if verdict == "met" else 1)


if __name__ == "__main__":
    main()
