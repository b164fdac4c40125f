"""One import path for every register's Excel import (architecture: the register machinery).

A register declares an `ImportSpec` in its `imports.py`: the sheet's columns, the service that
stores the rows, and the natural key that names one record. `run_import` does the rest, the
same way for every register:

size limit → hardened parse (`fazhi.core.xlsx.read_table`: any file-level failure is a Chinese
error) → duplicates within the file → one transaction holding an advisory lock per register and
unit (two simultaneous imports of one file serialise) → rows already in the database skipped
(re-importing a file changes nothing; a file entirely imported before is refused, saying so) →
the register's service stores the rest, all or none → an access-log entry.

The helpers below (`choice`, `UnitResolver`, `RowCollector`) are what the registers' row rules
share: Chinese choice labels in cells, unit names the importing user may see, and errors named
by row and column.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q

from fazhi.core.access import visible_unit_ids
from fazhi.core.audit import record_access_event
from fazhi.core.models import AccessEventKind, Unit
from fazhi.core.xlsx import Column, ImportProblems, RowError, read_table

MAX_IMPORT_BYTES = 5 * 1024 * 1024

Store = Callable[[object, list[dict]], int]  # (actor, rows) -> records written
ExistingKeys = Callable[[object, set[tuple]], set[tuple]]  # (actor, keys) -> keys already stored


@dataclass(frozen=True)
class ImportSpec:
    """What a register declares for one Excel import."""

    name: str  # the register and ledger, e.g. "review.ReviewRequest": names the advisory lock
    columns: Sequence[Column]
    store: Store
    natural_key: tuple[str, ...] = ()  # column keys naming one record
    existing_keys: ExistingKeys | None = None
    max_bytes: int = MAX_IMPORT_BYTES

    def key_of(self, row: dict) -> tuple:
        return tuple(_key_part(row.get(k)) for k in self.natural_key)


@dataclass(frozen=True)
class ImportResult:
    rows: int
    created: int
    skipped: int

    @property
    def message(self) -> str:
        text = f"已导入 {self.created} 条记录。"
        if self.skipped:
            text += f"另有 {self.skipped} 行此前已导入，未重复写入。"
        return text


def _key_part(value):
    return value.strip() if isinstance(value, str) else value


def run_import(spec: ImportSpec, data: bytes, *, actor, request=None) -> ImportResult:
    """Parse, check and store one file; every failure is a Chinese `ValidationError` or
    `ImportProblems` (row, column, reason) and writes nothing."""
    if len(data) > spec.max_bytes:
        raise ValidationError(
            f"文件超过 {spec.max_bytes // 1024 // 1024} MB，请分批导入（每个文件不超过"
            f" {spec.max_bytes // 1024 // 1024} MB）。"
        )
    rows = read_table(data, spec.columns)
    if not rows:
        raise ValidationError("文件中没有数据行（第1行是表头，数据从第2行开始）。")
    _refuse_duplicates_within(spec, rows)
    try:
        with transaction.atomic():
            _lock(spec, actor)
            fresh = _not_yet_stored(spec, rows, actor)
            if not fresh:
                raise ValidationError(
                    f"文件中的 {len(rows)} 行此前均已导入，本次未写入任何记录（重复导入同一文件不会产生重复记录）。"
                )
            created = spec.store(actor, fresh)
    except IntegrityError as exc:
        raise ValidationError(
            "导入的记录与已有记录重复（可能有人同时导入了相同内容），本次未写入任何记录，请刷新后核对。"
        ) from exc
    result = ImportResult(rows=len(rows), created=created, skipped=len(rows) - len(fresh))
    record_access_event(
        request,
        AccessEventKind.IMPORT,
        user=actor,
        detail={"ledger": spec.name, "rows": result.rows, "created": result.created},
    )
    return result


def _refuse_duplicates_within(spec: ImportSpec, rows: list[dict]) -> None:
    if not spec.natural_key:
        return
    seen: dict[tuple, int] = {}
    problems = ImportProblems()
    header = {c.key: c.header for c in spec.columns}[spec.natural_key[0]]
    for row in rows:
        key = spec.key_of(row)
        if key in seen:
            problems.errors.append(RowError(row["_row"], header, f"与第{seen[key]}行重复"))
        else:
            seen[key] = row["_row"]
    if problems.errors:
        raise problems


def _lock(spec: ImportSpec, actor) -> None:
    """Serialise imports into one register by one unit until the transaction ends."""
    unit_id = getattr(actor, "unit_id", None) or 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s), %s)", [f"import:{spec.name}", unit_id]
        )


def _not_yet_stored(spec: ImportSpec, rows: list[dict], actor) -> list[dict]:
    if not spec.natural_key or spec.existing_keys is None:
        return rows
    stored = spec.existing_keys(actor, {spec.key_of(row) for row in rows})
    return [row for row in rows if spec.key_of(row) not in stored]


# --- what the registers' row rules share ---------------------------------------------------


def choice(choices_class) -> Callable[[object], str]:
    """Parse a cell holding the Chinese label (or the code) of a TextChoices member."""
    by_label = {str(label): value for value, label in choices_class.choices}

    def parse(raw) -> str:
        text = str(raw).strip()
        if text in by_label:
            return by_label[text]
        if text in choices_class.values:
            return text
        allowed = "、".join(by_label)
        raise ValueError(f"“{text}”不是有效值（可填：{allowed}）")

    return parse


class UnitResolver:
    """Unit names (full or short) the importing user may see."""

    def __init__(self, user):
        visible = visible_unit_ids(user)
        units = Unit.objects.all() if visible is None else Unit.objects.filter(pk__in=visible)
        self.units = units
        self.cache: dict[str, Unit | None] = {}

    def get(self, name: str) -> Unit | None:
        name = (name or "").strip()
        if name not in self.cache:
            matches = list(self.units.filter(Q(name=name) | Q(short_name=name))[:2])
            self.cache[name] = matches[0] if len(matches) == 1 else None
        return self.cache[name]

    def any(self, name: str) -> Unit | None:
        """Any unit by name (a counterpart such as a lead unit or reviewing body: units are
        public structure, not another unit's records)."""
        matches = list(Unit.objects.filter(Q(name=name.strip()) | Q(short_name=name.strip()))[:2])
        return matches[0] if len(matches) == 1 else None


class RowCollector:
    """Collects row errors; `field_errors` maps a ValidationError's fields to column headers."""

    def __init__(self, columns):
        self.problems = ImportProblems()
        self.headers = {c.key: c.header for c in columns}

    def add(self, row: int, column: str, reason: str) -> None:
        self.problems.errors.append(RowError(row, column, reason))

    def field_errors(self, row: int, exc: ValidationError, fallback: str = "-") -> None:
        if hasattr(exc, "error_dict"):
            for name, messages in exc.message_dict.items():
                header = self.headers.get(name, fallback)
                for message in messages:
                    self.add(row, header, message)
        else:
            for message in exc.messages:
                self.add(row, fallback, message)

    def raise_if_any(self) -> None:
        if self.problems.errors:
            raise self.problems
