"""Benchmark: 20,000 audited rows in one transaction, row-level pghistory triggers on versus off.

    DATABASE_URL=postgresql://… .venv/bin/python bench/bench_audit.py [--rows N] [--runs R]

Inserts N units (an audited model with a row-level trigger) in one transaction, four ways,
each rolled back: pghistory's own context function (an exception block per row), ours (no
exception block) without and inside a pghistory context (what every request and bulk service
sets), and triggers off (`session_replication_role = replica`, the limit). Then the same for N
service applications, the high-volume table, whose audit trigger is statement-level (one
INSERT … SELECT from the transition table per statement); it needs the demo's service items
(`manage.py load_demo`) and is skipped without them. Target (issue: audit triggers that
scale): on ≤ 2× off. Each part's last line prints the ratio.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import pghistory  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from fazhi.core.models import Division, DivisionLevel, Unit  # noqa: E402
from fazhi.govservices.models import ServiceApplication, ServiceItem  # noqa: E402


class Rollback(Exception):
    pass


ORIGINAL = """
CREATE OR REPLACE FUNCTION _pgh_attach_context() RETURNS pghistory_context.id%TYPE AS $$
    DECLARE _pgh_context_id UUID; _pgh_context_metadata JSONB;
    BEGIN
        BEGIN
            SELECT INTO _pgh_context_id CURRENT_SETTING('pghistory.context_id');
            SELECT INTO _pgh_context_metadata CURRENT_SETTING('pghistory.context_metadata');
            EXCEPTION WHEN OTHERS THEN
        END;
        IF _pgh_context_id IS NOT NULL AND _pgh_context_metadata IS NOT NULL THEN
            INSERT INTO pghistory_context (id, metadata, created_at, updated_at)
                VALUES (_pgh_context_id, _pgh_context_metadata, NOW(), NOW())
                ON CONFLICT (id) DO UPDATE SET metadata = EXCLUDED.metadata,
                    updated_at = EXCLUDED.updated_at
                    WHERE pghistory_context.metadata != EXCLUDED.metadata;
            RETURN _pgh_context_id;
        ELSE
            RETURN NULL;
        END IF;
    END;
$$ LANGUAGE plpgsql;
"""


def _units(rows: int):
    """N units in a new division: the core's row-level audited model."""
    division = Division.objects.create(code="999999", name="基准区", level=DivisionLevel.DISTRICT)
    units = [Unit(name=f"基准单位{i}", kind="department", division=division) for i in range(rows)]
    return Unit, units


def _applications(rows: int):
    """N service applications of one demo item: the statement-level audited model."""
    item = ServiceItem.objects.select_related("unit").first()
    received = datetime(2024, 3, 1, 9, tzinfo=UTC)
    applications = [
        ServiceApplication(
            unit=item.unit,
            item=item,
            number=f"BENCH-AUDIT-{i}",
            channel="online",
            received_at=received,
            received_on=received.date(),
            result="approved",
            promised_days=5,
            due_date=date(2024, 3, 8),
        )
        for i in range(rows)
    ]
    return ServiceApplication, applications


def _insert(rows: int, build, *, triggers: bool, context: bool, original: bool = False) -> float:
    start = time.perf_counter()
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                if original:  # pghistory 3.9's own function, inside the rolled-back transaction
                    cursor.execute(ORIGINAL)
                cursor.execute(
                    f"SET LOCAL session_replication_role = {'origin' if triggers else 'replica'}"
                )
            model, objects = build(rows)
            if context:
                with pghistory.context(reason="基准测试"):
                    model.objects.bulk_create(objects, batch_size=1000)
            else:
                model.objects.bulk_create(objects, batch_size=1000)
            raise Rollback
    except Rollback:
        pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE core_unit")
    print(f"{args.rows:,} units (row-level audit trigger):")
    _compare(args.rows, args.runs, _units)
    if ServiceItem.objects.exists():
        print(f"{args.rows:,} service applications (statement-level audit trigger):")
        _compare(args.rows, args.runs, _applications)


def _compare(rows: int, runs: int, build) -> None:
    results = {}
    for label, triggers, context, original in (
        ("pghistory's function, no context", True, False, True),
        ("triggers on, no context", True, False, False),
        ("triggers on, in a context", True, True, False),
        ("triggers off (limit)", False, False, False),
    ):
        times = [
            _insert(rows, build, triggers=triggers, context=context, original=original)
            for _ in range(runs)
        ]
        results[label] = statistics.median(times)
        print(f"{label:34s} best {min(times):.2f} s  median {results[label]:.2f} s")
    worst = max(results["triggers on, no context"], results["triggers on, in a context"])
    print(f"audited ÷ trigger-free: {worst / results['triggers off (limit)']:.2f}×")


if __name__ == "__main__":
    main()
