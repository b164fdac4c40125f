"""Restore an encrypted backup into an EMPTY database on the same server, then compare."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from fazhi.core import backup


class Command(BaseCommand):
    help = "把加密备份恢复到一个空数据库（--into），并逐表比对行数和校验和。"

    def add_arguments(self, parser):
        parser.add_argument("backup_file")
        parser.add_argument("--into", required=True, help="目标数据库名（须已创建且为空）")
        parser.add_argument(
            "--compare", action="store_true", help="与当前数据库逐表比对行数和校验和"
        )

    def handle(self, *args, backup_file, into, compare=False, **options):
        key = backup.backup_key()
        try:
            backup.restore(connection, Path(backup_file), key, into=into)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已恢复到数据库 {into}。")
        if compare:
            differences = compare_with(into)
            if differences:
                raise CommandError("恢复结果与当前数据库不一致：" + "；".join(differences))
            self.stdout.write("逐表比对一致（行数与校验和）。")


def compare_with(name: str) -> list[str]:
    from django.db import connections
    from django.db.utils import ConnectionHandler

    handler = ConnectionHandler({"default": {**connections["default"].settings_dict, "NAME": name}})
    restored = handler["default"]
    try:
        with connection.cursor() as cursor:
            source = backup.table_fingerprints(cursor)
        with restored.cursor() as cursor:
            copy = backup.table_fingerprints(cursor)
    finally:
        restored.close()
    return [
        f"{table}: {source.get(table)} ≠ {copy.get(table)}"
        for table in sorted(set(source) | set(copy))
        if source.get(table) != copy.get(table)
    ]
