"""D3: recompute the access-log hash chain; exit non-zero at the first row that was changed,
removed or inserted out of band. Prints the head hash (compare with the one in the central
JSON log, which a database superuser cannot rewrite)."""

import hashlib

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

CHAIN_SQL = (
    "SELECT chain_seq, chain_hash, fazhi_accessevent_canonical(e) "
    "FROM core_accessevent e WHERE chain_seq > 0 ORDER BY chain_seq"
)


def verify_chain() -> tuple[int, str, str | None]:
    """(rows checked, head hash, first problem or None)."""
    previous, expected_seq, checked = "", 1, 0
    with connection.cursor() as cursor:
        cursor.execute(CHAIN_SQL)
        for seq, stored, canonical in cursor:
            if seq != expected_seq:
                return checked, previous, f"第{expected_seq}条审计记录缺失（链序号跳到了{seq}）"
            computed = hashlib.sha256(f"{previous}|{canonical}".encode()).hexdigest()
            if computed != stored:
                return checked, previous, f"第{seq}条审计记录被改动（哈希不符）"
            previous, expected_seq, checked = stored, seq + 1, checked + 1
    return checked, previous, None


class Command(BaseCommand):
    help = "校验访问审计日志的哈希链：发现被改动、删除的记录时以非零状态退出。"

    def handle(self, *args, **options):
        checked, head, problem = verify_chain()
        if problem:
            raise CommandError(f"审计日志哈希链校验失败：{problem}（此前 {checked} 条完好）。")
        self.stdout.write(f"审计日志哈希链完好：{checked} 条，链头 {head or '（空）'}。")
