"""Rotate field encryption (security.md D2): every encrypted value not under the current key is
decrypted with its own key and encrypted again with FAZHI_FIELD_KEY_ID; with --reindex the
blind indexes are recomputed (after a change of FAZHI_BLIND_INDEX_KEY). Audit-history copies
are rotated too, so the old key can be removed afterwards. --check only counts."""

from collections import Counter

import pgtrigger
from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from fazhi.core import crypto

BATCH = 500


def protect_triggers(model) -> list[str]:
    return [
        f"{model._meta.label}:{trigger.name}"
        for registered_model, trigger in pgtrigger.registered()
        if registered_model is model and isinstance(trigger, pgtrigger.Protect)
    ]


def encrypted_models():
    return [m for m in apps.get_models() if crypto.encrypted_fields(m) and m._meta.managed]


class Command(BaseCommand):
    help = "用当前密钥重新加密所有加密字段（含审计历史副本）；--reindex 同时重算盲索引。"

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="只统计各密钥下的密文数量")
        parser.add_argument("--reindex", action="store_true", help="重算盲索引")

    def handle(self, *args, check=False, reindex=False, **options):
        crypto.reset_keyring()
        ring = crypto.keyring()
        totals: Counter = Counter()
        for model in encrypted_models():
            counts = self._rotate(model, ring, dry_run=check, reindex=reindex)
            totals.update(counts)
            if counts:
                summary = "，".join(f"{k}：{n}" for k, n in sorted(counts.items()))
                self.stdout.write(f"{model._meta.label}：{summary}")
        for table, pk, column, purpose in crypto.EXTRA_ENCRYPTED_COLUMNS:
            counts = self._rotate_column(table, pk, column, purpose, ring, dry_run=check)
            totals.update(counts)
            if counts:
                summary = "，".join(f"{k}：{n}" for k, n in sorted(counts.items()))
                self.stdout.write(f"{table}.{column}：{summary}")
        stale = sum(n for k, n in totals.items() if k not in (ring.current, "rotated"))
        if check:
            self.stdout.write(f"当前密钥 {ring.current}；其他密钥下的密文 {stale} 个。")
            if stale:
                raise CommandError("仍有密文使用旧密钥：请运行 manage.py rekey。")
        else:
            self.stdout.write(f"已用密钥 {ring.current} 重新加密 {totals['rotated']} 个值。")

    def _rotate(self, model, ring, *, dry_run: bool, reindex: bool) -> Counter:
        fields = crypto.encrypted_fields(model)
        indexes = crypto.blind_index_fields(model) if reindex else []
        table = connection.ops.quote_name(model._meta.db_table)
        pk = connection.ops.quote_name(model._meta.pk.column)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        counts: Counter = Counter()
        with transaction.atomic(), pgtrigger.ignore(*protect_triggers(model)):
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {pk}, {columns} FROM {table} ORDER BY {pk}")  # noqa: S608 - quoted names
                rows = cursor.fetchall()
            for start in range(0, len(rows), BATCH):
                for row in rows[start : start + BATCH]:
                    self._rotate_row(model, ring, row, fields, indexes, counts, dry_run)
        return counts

    def _rotate_row(self, model, ring, row, fields, indexes, counts, dry_run) -> None:
        updates: dict[str, str] = {}
        plain: dict[str, str] = {}
        for field, stored in zip(fields, row[1:], strict=True):
            if not stored:
                continue
            key_id = crypto.key_id_of(stored)
            counts[key_id] += 1
            plain[field.name] = ring.decrypt(stored, field.aad)  # raises when altered
            if key_id != ring.current:
                updates[field.column] = ring.encrypt(plain[field.name], field.aad)
        for index in indexes:
            source = model._meta.get_field(index.source)
            value = plain.get(source.name) if source in fields else None
            updates[index.column] = crypto.blind_index(value, index.purpose or index.source)
        if dry_run or not updates:
            return
        counts["rotated"] += sum(1 for f in fields if f.column in updates)
        assignments = ", ".join(f"{connection.ops.quote_name(c)} = %s" for c in updates)
        table = connection.ops.quote_name(model._meta.db_table)
        pk = connection.ops.quote_name(model._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {assignments} WHERE {pk} = %s",  # noqa: S608 - quoted names
                [*updates.values(), row[0]],
            )

    def _rotate_column(self, table, pk, column, purpose, ring, *, dry_run: bool) -> Counter:
        """A column of binary secrets sealed with `seal_bytes` (the TOTP keys)."""
        counts: Counter = Counter()
        quoted = [connection.ops.quote_name(n) for n in (table, pk, column)]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"SELECT {quoted[1]}, {quoted[2]} FROM {quoted[0]}")  # noqa: S608 - quoted names
            for row_pk, stored in cursor.fetchall():
                if not crypto.is_ciphertext(stored):
                    continue
                key_id = crypto.key_id_of(stored)
                counts[key_id] += 1
                if key_id == ring.current or dry_run:
                    continue
                fresh = ring.seal_bytes(ring.open(stored, purpose), purpose)
                cursor.execute(
                    f"UPDATE {quoted[0]} SET {quoted[2]} = %s WHERE {quoted[1]} = %s",  # noqa: S608
                    [fresh, row_pk],
                )
                counts["rotated"] += 1
        return counts
