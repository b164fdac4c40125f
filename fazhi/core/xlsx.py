"""Excel import and export helpers shared by every register (stack.md: openpyxl traps).

Import: the zip's declared uncompressed size is checked before openpyxl opens it (a 1 MB
bomb can inflate to 1 GiB); rows are read in read-only mode and never by `max_row`; any bad
cell rejects the whole file with row, column and reason, so the caller stores nothing.
Export: any string beginning with = + - @ is escaped so that it is not a live formula.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

import defusedxml  # noqa: F401 - openpyxl uses it automatically when installed
from django.core.exceptions import ValidationError

MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_ROWS = 20_000
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    header: str  # the Chinese header in row 1
    key: str  # the field it fills
    parse: Callable[[Any], Any] = str
    required: bool = True


@dataclass
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"第{self.row}行“{self.column}”列：{self.reason}"


@dataclass
class ImportProblems(Exception):
    errors: list[RowError] = field(default_factory=list)

    def as_validation_error(self) -> ValidationError:
        return ValidationError([str(e) for e in self.errors])

    def __str__(self) -> str:
        return "；".join(str(e) for e in self.errors)


def check_zip_size(data: bytes, limit: int = MAX_UNCOMPRESSED) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            declared = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise ValidationError("文件不是有效的 Excel（.xlsx）文件。") from exc
    if declared > limit:
        raise ValidationError(f"Excel 文件解压后过大（{declared // 1024 // 1024} MB），已拒绝。")


def read_table(data: bytes, columns: Sequence[Column], *, sheet: str | None = None) -> list[dict]:
    """Parse the first (or named) sheet: row 1 holds headers, data from row 2.

    Returns a list of dicts (with `_row`, the Excel row number). Raises ImportProblems
    listing every bad cell; a missing column is reported once, on row 1.
    """
    from openpyxl import load_workbook

    check_zip_size(data)
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        rows = worksheet.iter_rows(values_only=True)
        header_row = next(rows, None) or ()
        headers = [str(h).strip() if h is not None else "" for h in header_row]
        problems = ImportProblems()
        index = {}
        for column in columns:
            if column.header in headers:
                index[column.key] = headers.index(column.header)
            else:
                problems.errors.append(RowError(1, column.header, "缺少该列"))
        if problems.errors:
            raise problems
        result = []
        for number, values in enumerate(rows, start=2):
            if number > MAX_ROWS + 1:
                problems.errors.append(RowError(number, "-", f"超过{MAX_ROWS}行上限"))
                break
            if values is None or all(v is None or str(v).strip() == "" for v in values):
                continue
            result.append(_parse_row(number, values, columns, index, problems))
        if problems.errors:
            raise problems
        return result
    finally:
        workbook.close()


def _parse_row(number, values, columns, index, problems) -> dict:
    parsed: dict[str, Any] = {"_row": number}
    for column in columns:
        position = index[column.key]
        raw = values[position] if position < len(values) else None
        if raw is None or (isinstance(raw, str) and raw.strip() == ""):
            if column.required:
                problems.errors.append(RowError(number, column.header, "不能为空"))
            parsed[column.key] = None
            continue
        try:
            parsed[column.key] = column.parse(raw.strip() if isinstance(raw, str) else raw)
        except (ValueError, TypeError, InvalidOperation, ValidationError) as exc:
            reason = exc.messages[0] if isinstance(exc, ValidationError) else str(exc)
            problems.errors.append(RowError(number, column.header, reason or "格式不正确"))
    return parsed


def parse_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"“{value}”不是日期（应为 2024-01-31 格式）") from exc


def parse_count(value) -> int:
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValueError(f"“{value}”不是数字") from exc
    if number != number.to_integral_value():
        raise ValueError(f"“{value}”不是整数")
    if number < 0:
        raise ValueError("不能为负数")
    return int(number)


def parse_decimal(value) -> Decimal:
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValueError(f"“{value}”不是数字") from exc
    if number < 0:
        raise ValueError("不能为负数")
    return number


def parse_bool(value) -> bool:
    text = str(value).strip()
    if text in {"是", "Y", "y", "1", "TRUE", "True", "true"}:
        return True
    if text in {"否", "N", "n", "0", "FALSE", "False", "false"}:
        return False
    raise ValueError(f"“{value}”应填“是”或“否”")


def escape_cell(value):
    """A string that Excel would read as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def build_workbook(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str = "台账"
) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(title[:31])
    worksheet.append(list(headers))
    for row in rows:
        worksheet.append([escape_cell(v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
