"""Encrypted pg_dump of the configured database (security.md D4, E1); see fazhi/core/backup.py."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone

from fazhi.core import backup


class Command(BaseCommand):
    help = "备份数据库（pg_dump，用 FAZHI_BACKUP_KEY 加密）。"

    def add_arguments(self, parser):
        parser.add_argument("--out", default="var/backups", help="备份目录或文件名")

    def handle(self, *args, out, **options):
        key = backup.backup_key()
        target = Path(out)
        if target.suffix != ".fzbk":
            target = target / f"fazhi-{timezone.localtime():%Y%m%d-%H%M%S}.fzbk"
        try:
            backup.dump(connection, target, key)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"已备份到 {target}（{target.stat().st_size} 字节，密钥 {key.key_id}）。")
