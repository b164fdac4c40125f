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


def _sheet_part(data: bytes, rewrite) -> bytes:
    """The same workbook with its worksheet XML rewritten (for layouts openpyxl never writes)."""
    source, target = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            content = old.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                content = rewrite(content)
            new.writestr(info.filename, content)
    return target.getvalue()


def with_shared_strings(data: bytes) -> bytes:
    """The workbook as Excel saves it: every inline string moved to xl/sharedStrings.xml."""
    import re

    strings: list[bytes] = []

    def shared(match):
        strings.append(match.group(2))
        return match.group(1) + b't="s"><v>' + str(len(strings) - 1).encode() + b"</v></c>"

    def rewrite(xml):
        return re.sub(rb'(<c r="[A-Z]+\d+" )t="inlineStr"><is>(.*?)</is></c>', shared, xml)

    data = _sheet_part(data, rewrite)
    table = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        + f'count="{len(strings)}" uniqueCount="{len(strings)}">'.encode()
        + b"".join(b"<si>" + s + b"</si>" for s in strings)
        + b"</sst>"
    )
    source, target = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            content = old.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
                )
            if info.filename == "xl/_rels/workbook.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
                    b"</Relationships>",
                )
            new.writestr(info.filename, content)
        new.writestr("xl/sharedStrings.xml", table)
    return target.getvalue()


def test_rich_text_runs_are_read_whole_in_shared_and_inline_strings():
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    workbook = Workbook()
    workbook.active.append(["单位", "日期", "件数"])
    workbook.active.append(
        [CellRichText(["司法", TextBlock(InlineFont(b=True), "局")]), "2024-03-01", 5]
    )
    workbook.active.append(["卫健局", "2024-03-02", 6])
    buffer = io.BytesIO()
    workbook.save(buffer)
    inline = buffer.getvalue()
    shared = with_shared_strings(inline)
    assert b"<r><rPr><b" in zipfile.ZipFile(io.BytesIO(shared)).read("xl/sharedStrings.xml")
    for data in (inline, shared):
        rows = read_table(data, COLUMNS)
        assert [(r["_row"], r["unit"], r["day"], r["count"]) for r in rows] == [
            (2, "司法局", parse_date("2024-03-01"), 5),
            (3, "卫健局", parse_date("2024-03-02"), 6),
        ]


def test_rows_are_numbered_as_excel_numbers_them():
    data = workbook_bytes(
        [["单位", "日期", "件数"], ["司法局", "2024-03-01", 5], ["卫健局", "2024-03-02", 6]]
    )
    # Row 3 written as row 7 (rows 3-6 missing), and a stray cell beyond the header's width.
    data = _sheet_part(
        data,
        lambda xml: (
            xml.replace(b'<row r="3"', b'<row r="7"')
            .replace(b'r="A3"', b'r="A7"')
            .replace(b'r="B3"', b'r="B7"')
            .replace(b'r="C3"', b'r="C7"')
            .replace(b"</row></sheetData>", b'<c r="H7" t="n"><v>9</v></c></row></sheetData>')
        ),
    )
    rows = read_table(data, COLUMNS)
    assert [(r["_row"], r["unit"], r["count"]) for r in rows] == [
        (2, "司法局", 5),
        (7, "卫健局", 6),
    ]


def test_a_bad_cell_on_a_numbered_row_names_that_row():
    data = workbook_bytes([["单位", "日期", "件数"], ["司法局", "2024-03-01", 5]])
    data = _sheet_part(
        data,
        lambda xml: (
            xml.replace(b'<row r="2"', b'<row r="12"')
            .replace(b'r="A2"', b'r="A12"')
            .replace(b'r="B2"', b'r="B12"')
            .replace(b'r="C2"', b'r="C12"')
            .replace(b"<v>5</v>", b"<v>-5</v>")
        ),
    )
    with pytest.raises(ImportProblems, match="第12行“件数”列：不能为负数"):
        read_table(data, COLUMNS)
