"""The change log behind kept figures: which tables report their writes, and when an earlier
snapshot is still current (nothing it did not see has committed since)."""

import threading

import pytest
from django.db import connection, transaction

from fazhi.core import changes
from fazhi.core.db_roles import audit_tables
from fazhi.core.models import Unit
from fazhi.core.testing.factories import UnitFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _tables_with_trigger() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname = %s",
            [changes.TRIGGER],
        )
        return {row[0] for row in cursor.fetchall()}


def test_every_table_of_the_platform_reports_its_writes_and_the_audit_tables_do_not():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "AND tablename ~ '^(core|reconsideration|enforcement|govservices|indicators)_'"
        )
        platform = {row[0] for row in cursor.fetchall()}
    audit = set(audit_tables())
    expected = platform - audit - {changes.TABLE}
    assert "reconsideration_reconsiderationcase" in expected
    assert "govservices_serviceapplication" in expected
    with_trigger = _tables_with_trigger()
    assert expected <= with_trigger
    assert not (audit & with_trigger)


def test_a_snapshot_stays_current_until_a_write_commits(district):
    before = changes.read([]).snapshot
    assert changes.read([before]).unchanged == (True,)
    UnitFactory(division=district, name="新设单位")  # committed (autocommit)
    after = changes.read([before, None])
    assert after.unchanged == (False, False)  # a snapshot never taken is never current
    assert not after.writing
    assert changes.read([after.snapshot]).unchanged == (True,)


def test_a_rolled_back_write_changes_nothing(district):
    before = changes.read([]).snapshot
    with pytest.raises(RuntimeError), transaction.atomic():
        UnitFactory(division=district, name="未成立单位")
        assert changes.read([before]).writing  # the transaction sees its own write
        raise RuntimeError
    assert not Unit.objects.filter(name="未成立单位").exists()
    assert changes.read([before]).unchanged == (True,)


def test_a_transaction_open_at_the_snapshot_that_commits_later_is_a_change(district):
    wrote, may_commit = threading.Event(), threading.Event()

    def writer():
        try:
            with transaction.atomic():
                UnitFactory(division=district, name="并发单位")
                wrote.set()
                may_commit.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=writer)
    thread.start()
    assert wrote.wait(10)
    during = changes.read([]).snapshot  # the writer is open: its row is not seen
    assert not Unit.objects.filter(name="并发单位").exists()
    assert changes.read([during]).unchanged == (True,)
    may_commit.set()
    thread.join(10)
    assert Unit.objects.filter(name="并发单位").exists()
    assert changes.read([during]).unchanged == (False,)


def test_prune_keeps_recent_changes_and_removes_old_ones(district):
    UnitFactory(division=district, name="近期单位")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {changes.TABLE} (xid, at) VALUES ('3'::xid8, now() - interval '3 days')"  # noqa: S608
        )
        cursor.execute(f"SELECT count(*) FROM {changes.TABLE}")  # noqa: S608
        (rows,) = cursor.fetchone()
    assert changes.prune(days=2) == 1
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {changes.TABLE}")  # noqa: S608
        assert cursor.fetchone()[0] == rows - 1
