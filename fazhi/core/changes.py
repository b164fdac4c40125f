"""Whether anything was written since an earlier snapshot: what lets figures be kept between
requests and still never be stale.

Every table of the platform's apps (the audit tables aside: they only follow the others)
carries a statement-level trigger that records the writing transaction's id in
`core_datachange`, once per transaction (migration `core.0007`; the triggers are attached after
each migrate by `attach_triggers`). A reader that kept a result computed under snapshot S asks,
in the same statement that gives it its own snapshot, whether any transaction that S did not
see has committed since (`read`). If none has, every row it read is as it was: the result still
holds.

The rule is exact: a transaction still open when S was taken, which commits later, is seen as a
change. A reader whose own transaction has written (tests, a service that writes then reads)
is told so and must not use what others kept: it reads its own writes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.db import connection

TRIGGER = "fazhi_change"
TABLE = "core_datachange"
KEPT_DAYS = 2  # change rows older than this are pruned (`prune`)


def watched_tables() -> list[str]:
    """The tables of the platform's apps, the audit tables (history, access log) left out."""
    from fazhi.core.db_roles import audit_tables

    audit = set(audit_tables())
    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("fazhi.")
        and model._meta.managed
        and not model._meta.proxy
        and model._meta.db_table not in audit
    }
    return sorted(tables)


def attach_triggers(using: str = "default") -> int:
    """Attach the change trigger to every watched table (idempotent). Returns the count."""
    from django.db import connections

    tables = watched_tables()
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [TABLE])
        if not cursor.fetchone()[0]:
            return 0  # migrated back before core.0007
        for table in tables:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [table])
            if not cursor.fetchone()[0]:
                continue
            quoted = connection.ops.quote_name(table)
            cursor.execute(
                f"CREATE OR REPLACE TRIGGER {TRIGGER} "  # noqa: S608 - table names from the models
                f"AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {quoted} "
                "FOR EACH STATEMENT EXECUTE FUNCTION fazhi_note_change()"
            )
    return len(tables)


def attach_triggers_after_migrate(sender, using="default", **kwargs) -> None:
    attach_triggers(using)


@dataclass(frozen=True)
class Reading:
    """What one statement said: whether this transaction has written (then nothing kept by
    others may be used, nor anything kept from it), the current snapshot, and for each
    snapshot asked about whether nothing has been written since it."""

    writing: bool
    snapshot: str
    unchanged: tuple[bool, ...]


_READ = f"""
SELECT pg_current_xact_id_if_assigned() IS NOT NULL,
       pg_current_snapshot()::text,
       (SELECT coalesce(array_agg(s.snap <> '' AND NOT EXISTS (
                    SELECT 1 FROM {TABLE} c
                    WHERE c.xid >= pg_snapshot_xmin(nullif(s.snap, '')::pg_snapshot)
                      AND NOT pg_visible_in_snapshot(c.xid, nullif(s.snap, '')::pg_snapshot)
                ) ORDER BY s.n), '{{}}')
          FROM unnest(%s::text[]) WITH ORDINALITY AS s(snap, n))
"""  # noqa: S608 - constant table name


def read(snapshots: list[str]) -> Reading:
    """One statement: this transaction's state, its snapshot, and whether each earlier snapshot
    (None: never taken) is still current (no transaction it did not see has committed)."""
    asked = [s or "" for s in snapshots]
    with connection.cursor() as cursor:
        cursor.execute(_READ, [asked])
        writing, snapshot, unchanged = cursor.fetchone()
    return Reading(writing=writing, snapshot=snapshot, unchanged=tuple(unchanged))


def prune(days: int = KEPT_DAYS) -> int:
    """Delete the change rows of transactions that ended more than `days` ago and that every
    running transaction sees; results kept from before that have long expired."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE at < now() - make_interval(days => %s) "  # noqa: S608
            "AND xid < pg_snapshot_xmin(pg_current_snapshot())",
            [days],
        )
        return cursor.rowcount
