"""Import templates that help (issue 17): what `ExcelImportMixin.import_template_view` serves.

Sheet 导入数据: the import's headers in row 1 (required ones shaded, each with a note), no data
rows, and per column the help Excel can give: a drop-down of the Chinese labels for an
enumerated column (a `Column` whose parse is `fazhi.core.imports.choice(...)`, or any parser
built on a TextChoices class), 是/否 for a yes/no column, the user's units suggested for a unit
column, dates shown as 2024-05-20 with a note of the styles the import accepts (2024-05-20,
2024/5/20, 2024.5.20, 2024年5月20日 or an Excel date, `fazhi.core.xlsx.parse_date`), and text
format for numbers-as-identifiers (案号, 证件号码) so Excel does not turn them into 1.23E+17.
Sheet 填写说明: the rules, one line per column (required, what to write, an example) and a
sample row. Sheet 选项: the drop-down lists. Only the first sheet carries the headers in row 1,
so the filled template imports as it is (the reader takes the one sheet with the headers).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Choices
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from fazhi.core.access import visible_unit_ids
from fazhi.core.models import Unit
from fazhi.core.xlsx import (
    Column,
    escape_cell,
    parse_bool,
    parse_count,
    parse_credit_code,
    parse_date,
    parse_decimal,
    parse_id_number,
    parse_identifier,
)

DATA_SHEET = "导入数据"
NOTES_SHEET = "填写说明"
LISTS_SHEET = "选项"
DATA_ROWS = 1000  # drop-downs and formats reach this far
SAMPLE_DATE = date(2024, 5, 20)
DATE_STYLES = "2024-05-20、2024/5/20、2024.5.20、2024年5月20日，或 Excel 日期"
REQUIRED_FILL = PatternFill("solid", fgColor="FDE2E1")
HEADER_FILL = PatternFill("solid", fgColor="EEF2F7")
IDENTIFIER_PARSERS = (parse_identifier, parse_id_number, parse_credit_code)


@dataclass(frozen=True)
class ColumnHelp:
    """What the template says and offers for one column."""

    header: str
    required: bool
    kind: str  # choice | bool | date | count | decimal | unit | identifier | text
    choices: tuple[str, ...] = ()
    sample: Any = None

    @property
    def hint(self) -> str:
        return {
            "choice": "从下拉列表选择：" + "、".join(self.choices),
            "bool": "填“是”或“否”（可从下拉列表选择）",
            "date": f"日期，可填 {DATE_STYLES}",
            "count": "整数，不能为负数",
            "decimal": "数字，不能为负数，可带小数",
            "unit": "单位全称或简称（下拉列表列出您可选择的单位，也可填写其他单位）",
            "identifier": "按原文填写（已设为文本格式，长数字不会变成科学计数）",
            "text": "文字",
        }[self.kind]


def choices_of(parse: Callable) -> tuple[str, ...]:
    """The Chinese labels an enumerated column accepts: `parse.choices` when the parser states
    them, else the TextChoices class the parser closes over (`imports.choice(...)` and the
    registers' own choice parsers)."""
    stated = getattr(parse, "choices", None)
    if stated:
        return tuple(str(label) for label in stated)
    for cell in getattr(parse, "__closure__", None) or ():
        try:
            value = cell.cell_contents
        except ValueError:  # an empty cell
            continue
        if isinstance(value, type) and issubclass(value, Choices):
            return tuple(str(label) for _value, label in value.choices)
    return ()


def _is_date_parser(parse: Callable) -> bool:
    return parse is parse_date or getattr(parse, "__qualname__", "").startswith("date_parser.")


def unit_names_for(user, limit: int = 500) -> list[str]:
    """The units the user may import records for, the user's own first (a unit column's
    drop-down)."""
    visible = visible_unit_ids(user)
    units = Unit.objects.all() if visible is None else Unit.objects.filter(pk__in=visible)
    names = list(units.order_by("name").values_list("name", flat=True)[:limit])
    own = getattr(getattr(user, "unit", None), "name", None)
    if own in names:
        names.remove(own)
        names.insert(0, own)
    return names


def describe(column: Column, *, units: Sequence[str] = ()) -> ColumnHelp:
    parse = column.parse
    labels = choices_of(parse)
    if labels:
        return ColumnHelp(column.header, column.required, "choice", labels, labels[0])
    if parse is parse_bool:
        return ColumnHelp(column.header, column.required, "bool", ("是", "否"), "是")
    if _is_date_parser(parse):
        return ColumnHelp(column.header, column.required, "date", sample=SAMPLE_DATE)
    if parse is parse_count:
        return ColumnHelp(column.header, column.required, "count", sample=1)
    if parse is parse_decimal:
        return ColumnHelp(column.header, column.required, "decimal", sample=10000)
    if parse in IDENTIFIER_PARSERS:
        return ColumnHelp(
            column.header, column.required, "identifier", sample=f"（{column.header}）"
        )
    if parse is str and (column.key == "unit" or column.key.endswith("_unit")) and units:
        return ColumnHelp(column.header, column.required, "unit", tuple(units), units[0])
    return ColumnHelp(column.header, column.required, "text", sample=f"（{column.header}）")


def build_import_template(
    columns: Sequence[Column],
    *,
    title: str,
    units: Sequence[str] = (),
    samples: dict[str, Any] | None = None,
) -> bytes:
    """The .xlsx template of one import; `samples` (header → value) overrides the sample row."""
    helps = [describe(c, units=units) for c in columns]
    sample_row = [(samples or {}).get(h.header, h.sample) for h in helps]
    workbook = Workbook()
    data = workbook.active
    data.title = DATA_SHEET
    lists = workbook.create_sheet(LISTS_SHEET)
    _headers(data, helps)
    _validations(data, lists, helps)
    _notes(workbook.create_sheet(NOTES_SHEET, 1), title, helps, sample_row)
    lists.sheet_state = "visible"  # hidden sheets are refused by the import on principle
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _headers(sheet, helps: list[ColumnHelp]) -> None:
    sheet.append([h.header for h in helps])
    for index, help_ in enumerate(helps, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if help_.required else HEADER_FILL
        cell.comment = Comment(("必填。" if help_.required else "选填。") + help_.hint, "平台")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, min(40, len(help_.header) * 2 + 6))
        number_format = {"date": "yyyy-mm-dd", "identifier": "@"}.get(help_.kind)
        if number_format:  # a column style: Excel gives it to every cell typed in the column
            sheet.column_dimensions[letter].number_format = number_format
    sheet.freeze_panes = "A2"


def _validations(sheet, lists, helps: list[ColumnHelp]) -> None:
    list_column = 0
    for index, help_ in enumerate(helps, start=1):
        letter = get_column_letter(index)
        cells = f"{letter}2:{letter}{DATA_ROWS + 1}"
        if help_.choices:
            list_column += 1
            source = get_column_letter(list_column)
            lists.cell(row=1, column=list_column, value=f"{help_.header}（可选值）").font = Font(
                bold=True
            )
            for row, label in enumerate(help_.choices, start=2):
                lists.cell(row=row, column=list_column, value=escape_cell(label))
            lists.column_dimensions[source].width = max(16, len(help_.header) * 2 + 10)
            last = len(help_.choices) + 1
            validation = DataValidation(
                type="list",
                formula1=f"'{LISTS_SHEET}'!${source}$2:${source}${last}",
                allow_blank=not help_.required,
                showErrorMessage=help_.kind != "unit",  # another unit may be typed
                errorTitle="不是可选值",
                error=f"“{help_.header}”请从下拉列表中选择。",
                promptTitle=help_.header,
                prompt=help_.hint[:255],
                showInputMessage=True,
            )
        else:
            validation = DataValidation(
                allow_blank=True,
                promptTitle=help_.header,
                prompt=help_.hint[:255],
                showInputMessage=True,
            )
        validation.add(cells)
        sheet.add_data_validation(validation)


def _notes(sheet, title: str, helps: list[ColumnHelp], sample_row: list) -> None:
    lines: Iterable[str] = (
        f"{title}：填写说明（本表不导入）",
        f"1. 在“{DATA_SHEET}”表第2行起每行填写一条记录；不要修改、删除或移动第1行的表头。",
        "2. 表头标红的列必填；把鼠标停在表头上可看到每列的填写要求。",
        f"3. 日期可填 {DATE_STYLES}。",
        "4. 带下拉箭头的列请从列表中选择；可选值见“选项”表。",
        "5. 任何一行有误，整个文件都不会导入，页面会列出出错的行、列和原因；改正后重新上传即可。",
        "6. 同一文件重复导入不会产生重复记录。",
    )
    for line in lines:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([])
    sheet.append(["列名", "是否必填", "填写要求", "示例"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
    for help_, sample in zip(helps, sample_row, strict=True):
        sheet.append(
            [help_.header, "必填" if help_.required else "选填", help_.hint, _shown(sample)]
        )
    sheet.append([])
    sheet.append([f"示例行（可复制到“{DATA_SHEET}”表第2行，再按实际修改）"])
    sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    sheet.append([f"示例：{h.header}" for h in helps])
    sheet.append([_shown(v) for v in sample_row])
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 60
    sheet.column_dimensions["D"].width = 24
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _shown(value):
    if isinstance(value, date):
        return value.isoformat()
    return escape_cell(value)
