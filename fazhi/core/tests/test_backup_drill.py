"""Backup drill (security.md D4, E1): an encrypted pg_dump restores into an empty database with
every table's row count and row checksum equal to the source; the artefact is unreadable by
pg_restore until decrypted, and one changed byte refuses the restore."""

import base64
import subprocess

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from fazhi.core import backup
from fazhi.core.models import AccessEvent, AccessEventKind
from fazhi.core.testing.factories import UnitFactory, UserFactory

KEY = "bk1:sm4gcm:" + base64.b64encode(b"backup-key-16-by").decode()


@pytest.fixture
def restore_db(transactional_db):
    name = f"{connection.settings_dict['NAME']}_restore"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def seeded(transactional_db, district):
    unit = UnitFactory(name="蒸湘区司法局", division=district)
    users = [UserFactory(unit=unit, full_name=f"用户{i}") for i in range(5)]
    for user in users:
        AccessEvent.objects.create(kind=AccessEventKind.LOGIN, user=user, username=user.username)
    return users


def test_restore_drill_is_row_exact(seeded, restore_db, tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_BACKUP_KEY", KEY)
    target = tmp_path / "drill.fzbk"
    call_command("backup", "--out", str(target), stdout=open("/dev/null", "w"))  # noqa: SIM115
    data = target.read_bytes()
    assert data.startswith(backup.MAGIC)
    assert "用户0".encode() not in data and b"PGDMP" not in data
    listing = subprocess.run(
        [backup.tool("pg_restore", backup.server_major(connection)), "--list", str(target)],
        capture_output=True,
    )
    assert listing.returncode != 0  # pg_restore cannot read it before decryption

    call_command(
        "restore_backup",
        str(target),
        "--into",
        restore_db,
        "--compare",
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )
    with connection.cursor() as cursor:
        source = backup.table_fingerprints(cursor)
    assert source["core_user"][0] == 5 and source["core_accessevent"][0] == 5
    from fazhi.core.management.commands.restore_backup import compare_with

    assert compare_with(restore_db) == []


def test_a_changed_byte_refuses_the_restore(seeded, restore_db, tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_BACKUP_KEY", KEY)
    target = tmp_path / "drill.fzbk"
    call_command("backup", "--out", str(target), stdout=open("/dev/null", "w"))  # noqa: SIM115
    blob = bytearray(target.read_bytes())
    blob[len(blob) // 2] ^= 0x01
    target.write_bytes(bytes(blob))
    with pytest.raises(CommandError, match="校验失败"):
        call_command("restore_backup", str(target), "--into", restore_db)


def test_restore_refuses_a_database_that_is_not_empty(seeded, tmp_path, monkeypatch):
    monkeypatch.setenv("FAZHI_BACKUP_KEY", KEY)
    target = tmp_path / "drill.fzbk"
    call_command("backup", "--out", str(target), stdout=open("/dev/null", "w"))  # noqa: SIM115
    with pytest.raises(CommandError, match="不是空库"):
        call_command("restore_backup", str(target), "--into", connection.settings_dict["NAME"])


def test_backup_needs_a_key(monkeypatch, tmp_path, transactional_db):
    monkeypatch.delenv("FAZHI_BACKUP_KEY", raising=False)
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="FAZHI_BACKUP_KEY"):
        call_command("backup", "--out", str(tmp_path / "x.fzbk"))
