import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from fazhi.core.xlsx import (
    Column,
    ImportProblems,
    build_workbook,
    check_zip_size,
    parse_count,
    parse_date,
    read_table,
)

COLUMNS = [
    Column("单位", "unit"),
    Column("日期", "day", parse_date),
    Column("件数", "count", parse_count),
]


def workbook_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_good_rows_are_parsed():
    rows = read_table(
        workbook_bytes([["单位", "日期", "件数"], ["司法局", "2024-03-01", 5]]), COLUMNS
    )
    assert rows == [{"_row": 2, "unit": "司法局", "day": parse_date("2024-03-01"), "count": 5}]


def test_every_bad_cell_is_named_with_row_and_column():
    data = workbook_bytes(
        [["单位", "日期", "件数"], ["司法局", "昨天", -1], ["", "2024-01-01", "五"]]
    )
    with pytest.raises(ImportProblems) as raised:
        read_table(data, COLUMNS)
    messages = [str(e) for e in raised.value.errors]
    assert "第2行“日期”列：“昨天”不是日期（应为 2024-01-31 格式）" in messages
    assert "第2行“件数”列：不能为负数" in messages
    assert "第3行“单位”列：不能为空" in messages
    assert "第3行“件数”列：“五”不是数字" in messages


def test_missing_column_is_reported_on_the_header_row():
    with pytest.raises(ImportProblems, match="第1行“件数”列：缺少该列"):
        read_table(workbook_bytes([["单位", "日期"], ["司法局", "2024-01-01"]]), COLUMNS)


def test_zip_bomb_is_refused_before_opening():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    assert len(buffer.getvalue()) < 1024 * 1024
    with pytest.raises(ValidationError, match="解压后过大"):
        check_zip_size(buffer.getvalue())


def test_export_escapes_formulas():
    data = build_workbook(["名称"], [['=HYPERLINK("http://x")'], ["普通文本"]])
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["A2"].value == '\'=HYPERLINK("http://x")' and sheet["A2"].data_type == "s"
    assert sheet["A3"].value == "普通文本"


def test_defusedxml_is_installed_for_openpyxl():
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True
