"""Statistics tables as .xlsx: a breakdown with counts, shares and the comparison with an
earlier period, one table per sheet or several tables stacked on one sheet.

Registers build their official statistics (e.g. the reconsideration office's yearly and half-yearly
statistics) from `selectors.breakdown` and `selectors.comparison` and write them with
`statistics_workbook`. Counts are numbers, shares are numbers in Excel's percent format (so
the sheet can be summed), and every table ends with its 合计 row and its notes (rounding, rules).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from fazhi.core.xlsx import escape_cell
from fazhi.indicators.breakdown import HUNDRED, SHARE_STEP, Breakdown

PERCENT_FORMAT = "0.0%"


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    percent_columns: tuple[int, ...] = ()  # 0-based columns holding shares (fractions of 1)


def _share(value: Decimal | None):
    if value is None:
        return None
    return float((value.quantize(SHARE_STEP) / HUNDRED).quantize(Decimal("0.0001")))


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def breakdown_table(
    result: Breakdown, *, previous: Breakdown | None = None, title: str = ""
) -> Table:
    """One table: each part's count and share, then 合计; with `previous`, the earlier period's
    count and the change beside each part."""
    total = result.total
    measure = total.measure or "数值"
    headers = [result.dimension.name, f"数量（{measure}）", "占比"]
    if previous is not None:
        headers += [f"上年同期（{measure}）", "增减", "增幅"]
    rows = []
    for part in result.parts:
        row = [part.label, _number(part.value), _share(part.share)]
        if previous is not None:
            earlier = next((p for p in previous.parts if p.key == part.key), None)
            row += _changes(part.value, earlier.value if earlier else None)
        rows.append(row)
    whole = [
        "合计",
        _number(total.value),
        _share(HUNDRED if total.value else None),
    ]
    if previous is not None:
        whole += _changes(total.value, previous.total.value)
    rows.append(whole)
    notes = []
    if result.rounding_note:
        notes.append(result.rounding_note + "。")
    notes += [f.message for f in result.findings()]
    return Table(
        title=title or f"{total.name}（按{result.dimension.name}，{total.scope_label}）",
        headers=headers,
        rows=rows,
        notes=notes,
        percent_columns=(2, 5) if previous is not None else (2,),
    )


def _changes(current: Decimal | None, earlier: Decimal | None) -> list:
    if current is None or earlier is None:
        return [_number(earlier), None, None]
    change = current - earlier
    percent = change / earlier if earlier else None
    return [
        _number(earlier),
        _number(change),
        None if percent is None else float(percent.quantize(Decimal("0.0001"))),
    ]


def statistics_workbook(sheets: dict[str, list[Table]]) -> bytes:
    """{sheet name: [tables]} → .xlsx bytes (tables stacked with a blank row between them)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, tables in sheets.items():
        sheet = workbook.create_sheet(name[:31])
        row_number = 1
        for table in tables:
            width = max(len(table.headers), 1)
            sheet.cell(row=row_number, column=1, value=escape_cell(table.title)).font = Font(
                bold=True, size=13
            )
            sheet.merge_cells(
                start_row=row_number, start_column=1, end_row=row_number, end_column=width
            )
            row_number += 1
            for column, header in enumerate(table.headers, start=1):
                cell = sheet.cell(row=row_number, column=column, value=escape_cell(header))
                cell.font = Font(bold=True)
                cell.alignment = Alignment(horizontal="center")
            row_number += 1
            for values in table.rows:
                for column, value in enumerate(values, start=1):
                    cell = sheet.cell(row=row_number, column=column, value=escape_cell(value))
                    if column - 1 in table.percent_columns and value is not None:
                        cell.number_format = PERCENT_FORMAT
                if values and values[0] == "合计":
                    for column in range(1, len(values) + 1):
                        sheet.cell(row=row_number, column=column).font = Font(bold=True)
                row_number += 1
            for note in table.notes:
                sheet.cell(row=row_number, column=1, value=escape_cell(f"注：{note}"))
                row_number += 1
            row_number += 1
        sheet.column_dimensions["A"].width = 28
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
