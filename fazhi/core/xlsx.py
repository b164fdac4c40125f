"""The one hardened workbook reader every import uses, the value parsers, and the export helper
(security.md H1–H9; stack.md: openpyxl traps).

Reading a workbook is in three stages, and every failure of any of them is a Chinese
`ValidationError` naming what to do, never a traceback:

1. The container (`inspect_container`), before any XML parser runs: size of the upload, zip
   structure (encrypted, unsupported compression, duplicate or too many entries), declared
   uncompressed size and ratio, every entry read once so that a CRC mismatch or a lying size
   shows here, the file type by content (.xls/encrypted OLE2, .xlsb, .xlsm, Strict Open XML,
   CSV), DOCTYPE/ENTITY declarations (XXE, entity expansion), the number of cell styles and the
   size of the shared strings (the two parts openpyxl loads whole before the first row).
2. openpyxl in read-only mode with defusedxml: any exception it raises becomes a file-level
   error. The declared sheet dimension is ignored; rows and columns are bounded; a time limit
   stops a slow parse. The rows are walked here (`_iter_values`), each `<row>` handed to
   openpyxl's cell parser; plain strings are read without openpyxl's rich-text objects.
3. What the user cannot see is never imported: a hidden sheet carrying the import's headers,
   hidden rows or hidden columns with content are refused; two visible sheets with the headers
   are refused as ambiguous; the header must be row 1 (and a header found lower is named).

Values: every text cell loses zero-width characters and refuses control and bidirectional
override characters; identifiers (案号, 文号, 证号, ID numbers, 信用代码) are NFKC-normalised;
dates must be plausible (1949-10-01 … today + 50 years by default; Excel serials ≤ 60 refused);
NaN and Infinity are refused.
Export: any string beginning with = + - @ is escaped so that it is not a live formula.
"""

from __future__ import annotations

import contextvars
import io
import re
import struct
import time
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import defusedxml  # noqa: F401 - openpyxl uses it automatically when installed
from defusedxml.ElementTree import iterparse as defused_iterparse
from django.core.exceptions import ValidationError
from django.utils import timezone

# --- limits (security.md H2, H6) ---
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # the file as uploaded (compressed)
MAX_UNCOMPRESSED = 50 * 1024 * 1024  # sum of the declared sizes of every entry
MAX_RATIO = 100  # declared / compressed, for entries above RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_ENTRIES = 1000
MAX_STYLES = 10_000  # style records (cell formats, fonts, fills, borders …) in styles.xml
MAX_SHARED_STRINGS = 10 * 1024 * 1024  # bytes of xl/sharedStrings.xml
MAX_SHARED_ITEMS = 100_000  # openpyxl builds one object per string (≈ 36 µs each)
MAX_ROWS = 20_000
MAX_CELLS = 300_000  # cell elements in one worksheet part, empty ones included
MAX_COLUMNS = 200
MAX_SECONDS = 20.0
HEADER_SEARCH_ROWS = 30

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
SAVE_AS = "请在 Excel 中打开该文件，选择“另存为”→“Excel 工作簿（*.xlsx）”后再导入。"
UNREADABLE = "无法读取该文件：不是有效的 Excel（.xlsx）文件，或文件已损坏。" + SAVE_AS

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
STRICT_NAMESPACE = b"purl.oclc.org/ooxml/spreadsheetml"
DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
DECLARATION_UTF16 = re.compile(
    b"|".join(
        re.escape(word.encode(codec))
        for word in ("<!DOCTYPE", "<!ENTITY", "<!doctype", "<!entity")
        for codec in ("utf-16-le", "utf-16-be")
    )
)
STYLE_RECORD = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(?:xf|font|fill|border|numFmt|dxf|cellStyle|tableStyle)[\s/>]"
)
ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row\b([^>]*?)(/?)>")
ROW_END = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?row\s*>")
CELL_VALUE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:v|is)\b")
COL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?col\b([^>]*)>")
HIDDEN = re.compile(rb"""\bhidden\s*=\s*["'](?:1|true)["']""")
ZERO_HEIGHT = re.compile(rb"""\bht\s*=\s*["']0*(?:\.0*)?["']""")
CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s/>]")
DIMENSION_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension[\s/>]")
SHEET_DATA_TAG = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?)sheetData[\s/>]")
SHARED_ITEM = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
ATTRIBUTE = re.compile(rb"""\b(r|min|max)\s*=\s*["'](\d+)["']""")


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


# ---------------------------------------------------------------------------
# 1. The container
# ---------------------------------------------------------------------------


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def check_upload_size(data: bytes, limit: int = MAX_UPLOAD_BYTES) -> None:
    if len(data) > limit:
        raise ValidationError(f"文件为 {_mb(len(data))}，超过 {_mb(limit)} 的上限，请分批导入。")


def sniff_workbook(data: bytes) -> None:
    """The file type by content, not by its name (H4): refuse what is not a .xlsx."""
    if not data:
        raise ValidationError("上传的文件是空的。")
    if data.startswith(OLE2_MAGIC):
        raise ValidationError(
            "这是旧版 Excel（.xls）文件，或设置了打开密码的 Excel 文件：无法导入。"
            "请取消密码，并“另存为”Excel 工作簿（*.xlsx）后再导入。"
        )
    if not data.startswith(b"PK"):
        if _looks_like_text(data[:4096]):
            raise ValidationError(
                "该文件不是 Excel 工作簿（可能是改了扩展名的 CSV 或文本文件）。" + SAVE_AS
            )
        raise ValidationError("该文件不是 Excel 工作簿（.xlsx）。" + SAVE_AS)


def _looks_like_text(head: bytes) -> bool:
    for codec in ("utf-8", "gb18030"):
        try:
            text = head.decode(codec)
        except UnicodeDecodeError:
            continue
        return not any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in text)
    return False


def check_zip_size(data: bytes, limit: int = MAX_UNCOMPRESSED) -> None:
    """Declared sizes only (no XML is parsed): kept for callers that check a container early."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            declared = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise ValidationError("文件不是有效的 Excel（.xlsx）文件。") from exc
    if declared > limit:
        raise ValidationError(
            f"Excel 文件解压后过大（{declared // 1024 // 1024} MB，上限 {limit // 1024 // 1024} MB），"
            "已拒绝。"
        )


def inspect_container(data: bytes) -> dict[str, bytes]:
    """Every check that needs no XML parser; returns the parts by name (each read once)."""
    check_upload_size(data)
    sniff_workbook(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            check_entries(infos, len(data))
            parts = {info.filename: read_entry(archive, info) for info in infos}
    except ValidationError:
        raise
    except zipfile.LargeZipFile as exc:
        raise ValidationError("Excel 文件过大（ZIP64），已拒绝。") from exc
    except (
        zipfile.BadZipFile,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
        RuntimeError,
        UnicodeDecodeError,
        KeyError,
        OverflowError,
        MemoryError,
        zlib.error,
        struct.error,
    ) as exc:
        raise ValidationError(UNREADABLE) from exc
    _check_parts(parts)
    return parts


def check_entries(
    infos: list[zipfile.ZipInfo],
    compressed_total: int,
    *,
    document: str = "Excel 文件",
    save_as: str = SAVE_AS,
    unlock: str = "无法导入。请取消加密后另存为 .xlsx。",
    max_uncompressed: int = MAX_UNCOMPRESSED,
    too_large: str = "请分批导入。",
) -> None:
    """The entries of an Office (ZIP) container, before any of them is read: their number,
    names, encryption, compression, ratio and declared sizes. Shared by the Excel imports and
    the Word drafts of the assisted review; `document` names the file in the refusal."""
    if len(infos) > MAX_ENTRIES:
        raise ValidationError(f"{document}内部部件过多（{len(infos)} 个），已拒绝。")
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        raise ValidationError(f"{document}内部有重复的部件，文件可能被篡改，已拒绝。" + save_as)
    declared = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ValidationError(f"{document}内部被加密，{unlock}")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise ValidationError(f"{document}使用了不支持的压缩方式。" + save_as)
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise ValidationError(
                f"{document}内部部件压缩比异常（{info.file_size // max(info.compress_size, 1)} 倍），"
                "疑似“压缩炸弹”，已拒绝。"
            )
        declared += info.file_size
    if declared > max_uncompressed:
        raise ValidationError(
            f"{document}解压后过大（{declared // 1024 // 1024} MB，上限 "
            f"{max_uncompressed // 1024 // 1024} MB），已拒绝。{too_large}"
        )
    if compressed_total and declared > MAX_RATIO * 10 * compressed_total:
        raise ValidationError(f"{document}解压后与文件大小极不相称，疑似“压缩炸弹”，已拒绝。")


def read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read one entry whole; never more than its declared size (+1 byte to catch a lie)."""
    with archive.open(info) as handle:
        content = handle.read(info.file_size + 1)
    if len(content) != info.file_size:
        raise zipfile.BadZipFile("size mismatch")
    return content


def _check_parts(parts: dict[str, bytes]) -> None:
    names = set(parts)
    if "xl/workbook.bin" in names or any(n.endswith(".bin") and "/worksheets/" in n for n in names):
        raise ValidationError("这是二进制工作簿（.xlsb），无法导入。" + SAVE_AS)
    if "xl/vbaProject.bin" in names:
        raise ValidationError(
            "该文件含有宏（.xlsm），出于安全原因不能导入。请另存为不含宏的 Excel 工作簿（*.xlsx）。"
        )
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise ValidationError(
            "文件缺少 Excel 工作簿的必要部件（不是完整的 .xlsx 文件）。" + SAVE_AS
        )
    for name, content in parts.items():
        if not name.endswith((".xml", ".rels", ".vml")):
            continue
        if DECLARATION.search(content) or DECLARATION_UTF16.search(content):
            raise ValidationError(
                "文件中含有不允许的 XML 声明（DOCTYPE/ENTITY），可能是恶意构造的文件，已拒绝。"
                + SAVE_AS
            )
        if b"\x00" in content and not content.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise ValidationError(
                "文件内部含有空字符（NUL），文件已损坏或被篡改，已拒绝。" + SAVE_AS
            )
    if STRICT_NAMESPACE in parts["xl/workbook.xml"][:4096]:
        raise ValidationError(
            "该文件是“Strict Open XML 电子表格”格式，无法导入。"
            + SAVE_AS.replace("（*.xlsx）", "（*.xlsx，非 Strict）")
        )
    styles = parts.get("xl/styles.xml", b"")
    style_count = len(STYLE_RECORD.findall(styles))
    if style_count > MAX_STYLES:
        raise ValidationError(
            f"文件中的单元格格式过多（{style_count} 个，上限 {MAX_STYLES} 个），读取会很慢，已拒绝。"
            "请把数据“选择性粘贴→数值”到一个新建的工作簿后再导入。"
        )
    for name, content in parts.items():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            cells = len(CELL_TAG.findall(content))
            if cells > MAX_CELLS:
                raise ValidationError(
                    f"工作表中的单元格过多（{cells} 个，上限 {MAX_CELLS} 个，含只有格式的空单元格），"
                    "读取会很慢，已拒绝。请删除多余的行列或分批导入。"
                )
    shared = parts.get("xl/sharedStrings.xml", b"")
    items = len(SHARED_ITEM.findall(shared)) if len(shared) <= MAX_SHARED_STRINGS else 0
    if len(shared) > MAX_SHARED_STRINGS or items > MAX_SHARED_ITEMS:
        raise ValidationError(
            f"文件中的文字内容过多（{_mb(len(shared))}，{items or '大量'} 段不同的文字；上限 "
            f"{_mb(MAX_SHARED_STRINGS)}、{MAX_SHARED_ITEMS} 段），读取会很慢，已拒绝。请分批导入。"
        )


# ---------------------------------------------------------------------------
# 2. openpyxl, guarded
# ---------------------------------------------------------------------------


class _Deadline:
    def __init__(self, seconds: float):
        self.until = time.monotonic() + seconds
        self.seconds = seconds

    def check(self) -> None:
        if time.monotonic() > self.until:
            raise ValidationError(
                f"读取该文件超过 {self.seconds:.0f} 秒，已停止。请删除无关内容或分批导入。"
            )


@dataclass
class SheetRows:
    """The rows of the one sheet to import: (row number, values), blank rows skipped."""

    title: str
    rows: list[tuple[int, tuple]]


def _load(parts: dict[str, bytes]):
    """openpyxl reads exactly the parts inspected, re-packed without compression; a worksheet
    without <dimension> gets one (the reader would otherwise parse the whole sheet to look for
    it; the value is ignored anyway, see `_iter_values`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, content in parts.items():
            if name.startswith("xl/worksheets/") and not DIMENSION_TAG.search(content, 0, 4096):
                content = SHEET_DATA_TAG.sub(
                    lambda m: b"<" + m.group(1) + b'dimension ref="A1"/>' + m.group(0),
                    content,
                    count=1,
                )
            archive.writestr(name, content)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = _workbook_reader()(buffer, read_only=True, data_only=True)
        reader.read()
        return reader.wb


SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
SHEET_ROW = SHEET_NS + "row"
SHEET_TEXT = SHEET_NS + "t"
SHEET_STRING_ITEM = SHEET_NS + "si"
SHEET_INLINE = SHEET_NS + "is"


def _text_content(node) -> str:
    """The text of a shared or inline string (`<si>`/`<is>`), as openpyxl's `Text.content`
    gives it; a plain `<t>` alone is read directly, anything else (runs, phonetics) by openpyxl."""
    if len(node) == 1 and node[0].tag == SHEET_TEXT:
        return node[0].text or ""
    from openpyxl.cell.text import Text

    return Text.from_tree(node).content


def _iterparse(source):
    """defusedxml's parser (DOCTYPE and ENTITY refused while parsing too), end events only."""
    return defused_iterparse(source, events=("end",))


def _read_shared_strings(source) -> list[str]:
    """openpyxl's `read_string_table`, with the plain-text fast path of `_text_content`."""
    strings = []
    for _event, node in _iterparse(source):
        if node.tag == SHEET_STRING_ITEM:
            strings.append(_text_content(node).replace("x005F_", ""))
            node.clear()
    return strings


_READER = None


def _workbook_reader():
    """openpyxl's workbook reader with the shared strings read by `_read_shared_strings`."""
    global _READER
    if _READER is None:
        from openpyxl.reader.excel import SHARED_STRINGS, ExcelReader

        class Reader(ExcelReader):
            def read_strings(self):
                part = self.package.find(SHARED_STRINGS)
                if part is not None:
                    with self.archive.open(part.PartName[1:]) as source:
                        self.shared_strings = _read_shared_strings(source)

        _READER = Reader
    return _READER


_CELL_PARSER = None


def _cell_parser():
    """openpyxl's worksheet parser whose inline strings use the fast path of `_text_content`
    (the rest of a cell, number, date, boolean, shared string, error, is openpyxl's)."""
    global _CELL_PARSER
    if _CELL_PARSER is None:
        from openpyxl.utils import coordinate_to_tuple
        from openpyxl.worksheet._reader import WorkSheetParser

        class Parser(WorkSheetParser):
            def parse_cell(self, element):
                if not self.data_only or element.get("t") != "inlineStr":
                    return super().parse_cell(element)
                coordinate = element.get("r")
                style_id = element.get("s", 0)
                if style_id:
                    style_id = int(style_id)
                if coordinate:
                    row, column = coordinate_to_tuple(coordinate)
                    self.col_counter = column
                else:
                    self.col_counter += 1
                    row, column = self.row_counter, self.col_counter
                value, data_type = None, "inlineStr"
                child = element.find(SHEET_INLINE)
                if child is not None:
                    value, data_type = _text_content(child), "s"
                return {
                    "row": row,
                    "column": column,
                    "value": value,
                    "data_type": data_type,
                    "style_id": style_id,
                }

        _CELL_PARSER = Parser
    return _CELL_PARSER


def _guarded(action: Callable[[], Any]):
    """Run an openpyxl step: our own errors pass, anything else is a bad file."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return action()
    except (ValidationError, ImportProblems):
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure is a bad file for the user
        raise ValidationError(UNREADABLE) from exc


def _iter_values(
    worksheet, max_columns: int, max_row: int | None = None
) -> Iterator[tuple[int, tuple]]:
    """(row number, values) for every row, blank rows included. The declared dimension is
    ignored (a lying <dimension> must not drive the loop); `max_row` ends the walk."""
    workbook = worksheet.parent
    parser = _cell_parser()(
        None,
        worksheet._shared_strings,
        data_only=workbook.data_only,
        epoch=workbook.epoch,
        date_formats=workbook._date_formats,
        timedelta_formats=workbook._timedelta_formats,
    )
    empty = (None,) * max_columns
    counter = 1
    with worksheet._get_source() as source:
        # The walk of openpyxl's read-only `iter_rows(values_only=True)` from row 1: missing
        # rows are blank, a row number going backwards is skipped, cells past `max_columns`
        # are dropped.
        for _event, element in _iterparse(source):
            if element.tag != SHEET_ROW:
                continue
            number, cells = parser.parse_row(element)
            element.clear()
            if max_row is not None and number > max_row:
                while counter <= max_row:
                    yield counter, empty
                    counter += 1
                return
            while counter < number:
                yield counter, empty
                counter += 1
            if counter == number:
                values = [None] * max_columns
                for cell in cells:
                    column = cell["column"]
                    if 1 <= column <= max_columns:
                        values[column - 1] = cell["value"]
                yield number, tuple(values)
                counter += 1


def _is_blank(values: Sequence) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _head(worksheet, rows: int = HEADER_SEARCH_ROWS) -> list[tuple[int, tuple]]:
    head = []
    for number, values in _iter_values(worksheet, MAX_COLUMNS):
        head.append((number, values))
        if number >= rows:
            break
    return head


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


# ---------------------------------------------------------------------------
# 3. What the user can see
# ---------------------------------------------------------------------------


@dataclass
class SheetScan:
    """What a byte-level pass over a worksheet part finds before openpyxl reads it."""

    hidden_rows: list[int] = field(default_factory=list)  # hidden rows that hold a value
    rows_with_content: int = 0
    last_row_with_content: int = 0
    hidden_columns: list[tuple[int, int]] = field(default_factory=list)


def scan_sheet(xml: bytes) -> SheetScan:
    scan = SheetScan()
    number = 0
    for match in ROW_TAG.finditer(xml):
        attributes, self_closing = match.group(1), match.group(2)
        declared = dict(ATTRIBUTE.findall(attributes)).get(b"r")
        number = int(declared) if declared else number + 1
        if self_closing:
            continue
        end = ROW_END.search(xml, match.end())
        if not CELL_VALUE.search(xml, match.end(), end.start() if end else len(xml)):
            continue
        scan.rows_with_content += 1
        scan.last_row_with_content = max(scan.last_row_with_content, number)
        if HIDDEN.search(attributes) or ZERO_HEIGHT.search(attributes):
            scan.hidden_rows.append(number)
    for match in COL_TAG.finditer(xml):
        attributes = match.group(1)
        if HIDDEN.search(attributes):
            bounds = dict(ATTRIBUTE.findall(attributes))
            low = int(bounds.get(b"min", b"1"))
            scan.hidden_columns.append((low, int(bounds.get(b"max", str(low).encode()))))
    return scan


def _sheet_scan(parts: dict[str, bytes], worksheet) -> SheetScan:
    scan = scan_sheet(parts.get(getattr(worksheet, "_worksheet_path", ""), b""))
    if scan.rows_with_content > MAX_ROWS + 1 or scan.last_row_with_content > MAX_ROWS + 1:
        raise ValidationError(
            f"工作表“{worksheet.title}”超过 {MAX_ROWS} 行（第{scan.last_row_with_content}行仍有内容），"
            "请删除多余的内容或分批导入。"
        )
    return scan


def _refuse_hidden_content(scan: SheetScan, worksheet, width: int) -> None:
    rows = scan.hidden_rows
    if rows:
        shown = "、".join(str(r) for r in rows[:5]) + ("等" if len(rows) > 5 else "")
        raise ValidationError(
            f"工作表“{worksheet.title}”第{shown}行是隐藏的（或被筛选隐藏），导入不读取看不见的内容。"
            "请取消隐藏或清除筛选，核对这些行后删除不需要导入的行，再导入。"
        )
    columns = [
        _column_letter(i)
        for low, high in scan.hidden_columns
        for i in range(low, min(high, width) + 1)
    ]
    if columns:
        raise ValidationError(
            f"工作表“{worksheet.title}”的 {'、'.join(columns[:5])} 列是隐藏的，导入不读取看不见的内容。"
            "请取消隐藏这些列并核对后再导入。"
        )


def normalise_header(value) -> str:
    if value is None:
        return ""
    text = unicodedata.normalize("NFKC", str(value))
    text = "".join(ch for ch in text if not _invisible(ch))
    return re.sub(r"\s+", "", text).rstrip("*")


def _matching_headers(values: tuple, wanted: set[str]) -> int:
    return len({normalise_header(v) for v in values} & wanted)


def _header_threshold(wanted: set[str]) -> int:
    return max(1, (len(wanted) + 1) // 2)


@dataclass
class _Candidate:
    position: int
    worksheet: Any
    head: list[tuple[int, tuple]]

    @property
    def label(self) -> str:
        return f"第{self.position}个工作表“{self.worksheet.title}”"

    @property
    def hidden(self) -> bool:
        return self.worksheet.sheet_state != "visible"

    @property
    def has_content(self) -> bool:
        return any(not _is_blank(values) for _, values in self.head)

    def header_row(self, wanted: set[str]) -> int | None:
        for number, values in self.head:
            if _matching_headers(values, wanted) >= _header_threshold(wanted):
                return number
        return None


def _candidates(workbook, sheet: str | None) -> list[_Candidate]:
    sheets = [ws for ws in workbook.worksheets if hasattr(ws, "iter_rows")]
    if not sheets:
        raise ValidationError("文件中没有工作表。")
    found = [
        _Candidate(position, ws, _guarded(lambda ws=ws: _head(ws)))
        for position, ws in enumerate(sheets, start=1)
        if sheet is None or ws.title == sheet
    ]
    if not found:
        raise ValidationError(f"文件中没有名为“{sheet}”的工作表。")
    return found


def _only_one(pool: list[_Candidate], what: str) -> _Candidate:
    hidden = [c for c in pool if c.hidden]
    if hidden:
        raise ValidationError(
            f"{hidden[0].label}是隐藏的工作表，且{what}；导入不读取看不见的内容。"
            "请取消隐藏（右键工作表标签→取消隐藏）并核对，把要导入的数据放在一个可见的工作表中，"
            "删除其他工作表后再导入。"
        )
    if len(pool) > 1:
        labels = "、".join(c.label for c in pool[:4])
        raise ValidationError(
            f"文件中有 {len(pool)} 个工作表都{what}（{labels}），无法确定导入哪一个。"
            "请把要导入的数据放在一个工作表中，删除其他工作表（或分别另存为单独的文件）后再导入。"
        )
    return pool[0]


def _choose_sheet(workbook, *, wanted: set[str], sheet: str | None) -> _Candidate:
    """The one sheet to import. With `wanted` headers: the sheet whose row 1 carries them; a
    hidden sheet carrying them, or two sheets carrying them, are refused; a header found lower
    than row 1 is named. Without: the one sheet with content."""
    candidates = _candidates(workbook, sheet)
    if not wanted:
        with_content = [c for c in candidates if c.has_content]
        if not with_content:
            raise ValidationError("文件中没有任何内容。")
        return _only_one(with_content, "有内容")
    at_row_one = [c for c in candidates if c.header_row(wanted) == 1]
    if at_row_one:
        return _only_one(at_row_one, "带有导入表头")
    lower = [c for c in candidates if c.header_row(wanted)]
    if lower:
        found = next((c for c in lower if not c.hidden), lower[0])
        number = found.header_row(wanted)
        raise ValidationError(
            f"表头应在第1行，但在{found.label}的第{number}行找到了表头。"
            f"请删除表头上方的 {number - 1} 行（标题、说明等），使表头位于第1行后再导入。"
        )
    visible = [c for c in candidates if not c.hidden]
    if len(visible) == 1:
        return visible[0]
    raise ValidationError(
        "文件中没有找到导入表头：表头应在第1行。请下载导入模板，按模板的表头填写后再导入。"
    )


def read_rows(
    data: bytes,
    *,
    max_columns: int = MAX_COLUMNS,
    sheet: str | None = None,
    wanted: Iterable[str] = (),
) -> SheetRows:
    """Rows of the one sheet with content, no header parsing (the calendar import, the
    platform exports); with `wanted` headers, a header found below row 1 is refused as in
    `read_table`. Every container, parser and visibility check of `read_table` applies."""
    parts = inspect_container(data)
    workbook = _guarded(lambda: _load(parts))
    try:
        wanted_set = {normalise_header(h) for h in wanted}
        chosen = _choose_sheet(workbook, wanted=wanted_set, sheet=sheet)
        scan = _sheet_scan(parts, chosen.worksheet)
        _refuse_hidden_content(scan, chosen.worksheet, max_columns)
        rows = _collect(chosen.worksheet, max_columns, start=1, last=scan.last_row_with_content)
        return SheetRows(chosen.worksheet.title, rows)
    finally:
        workbook.close()


def _collect(worksheet, max_columns: int, *, start: int, last: int) -> list[tuple[int, tuple]]:
    deadline = _Deadline(MAX_SECONDS)

    def run():
        collected = []
        for number, values in _iter_values(worksheet, max_columns, max(last, start)):
            deadline.check()
            if number < start:
                continue
            if number > MAX_ROWS + 1:
                raise ValidationError(
                    f"工作表“{worksheet.title}”超过 {MAX_ROWS} 行（第{number}行仍有行），"
                    "请删除多余的行或分批导入。"
                )
            if _is_blank(values):
                continue
            collected.append((number, _trim(values)))
        return collected

    return _guarded(run)


def _trim(values: tuple) -> tuple:
    end = len(values)
    while end and values[end - 1] is None:
        end -= 1
    return values[:end]


def read_table(data: bytes, columns: Sequence[Column], *, sheet: str | None = None) -> list[dict]:
    """Parse the one sheet carrying the columns' headers: row 1 holds headers, data from row 2.

    Returns a list of dicts (with `_row`, the Excel row number). A file-level problem is a
    `ValidationError`; bad cells are an `ImportProblems` listing every one (row, column,
    reason); a missing column is reported once, on row 1.
    """
    parts = inspect_container(data)
    wanted = {normalise_header(c.header) for c in columns}
    workbook = _guarded(lambda: _load(parts))
    try:
        chosen = _choose_sheet(workbook, wanted=wanted, sheet=sheet)
        header_row = chosen.head[0][1] if chosen.head else ()
        width = check_header_row(chosen.worksheet.title, header_row)
        index = _header_index(chosen.worksheet, header_row, columns)
        scan = _sheet_scan(parts, chosen.worksheet)
        _refuse_hidden_content(scan, chosen.worksheet, max(width, 1))
        rows = _collect(chosen.worksheet, max(width, 1), start=2, last=scan.last_row_with_content)
    finally:
        workbook.close()
    problems = ImportProblems()
    token = _TODAY.set(timezone.localdate())
    try:
        result = [_parse_row(number, values, columns, index, problems) for number, values in rows]
    finally:
        _TODAY.reset(token)
    if problems.errors:
        raise problems
    return result


def check_header_row(title: str, header_row: tuple) -> int:
    """The header row's width; refused when too wide or when a header appears twice."""
    width = len(_trim(header_row))
    if width >= MAX_COLUMNS:
        raise ValidationError(f"表头超过 {MAX_COLUMNS} 列，请删除无关的列后再导入。")
    seen: dict[str, int] = {}
    for position, header in enumerate(normalise_header(h) for h in header_row):
        if header and header in seen:
            raise ValidationError(
                f"工作表“{title}”的表头“{header}”出现了两次（"
                f"{_column_letter(seen[header] + 1)}列和{_column_letter(position + 1)}列），"
                "无法确定使用哪一列。请删除重复的列后再导入。"
            )
        seen.setdefault(header, position)
    return width


def _header_index(worksheet, header_row: tuple, columns: Sequence[Column]) -> dict[str, int]:
    headers = [normalise_header(h) for h in header_row]
    seen: dict[str, int] = {}
    for position, header in enumerate(headers):
        seen.setdefault(header, position)
    index = {}
    problems = ImportProblems()
    for column in columns:
        wanted = normalise_header(column.header)
        if wanted in seen:
            index[column.key] = seen[wanted]
        else:
            problems.errors.append(RowError(1, column.header, "缺少该列"))
    if len(problems.errors) == len(columns):
        raise ValidationError(
            f"工作表“{worksheet.title}”的第1行不是导入表头（应含“{columns[0].header}”等列）。"
            "请下载导入模板，按模板的表头填写后再导入。"
        )
    if problems.errors:
        raise problems
    return index


def _parse_row(number, values, columns, index, problems) -> dict:
    parsed: dict[str, Any] = {"_row": number}
    for column in columns:
        position = index.get(column.key)
        raw = values[position] if position is not None and position < len(values) else None
        try:
            raw = clean_cell(raw)
            if raw is None or raw == "":
                if column.required:
                    problems.errors.append(RowError(number, column.header, "不能为空"))
                parsed[column.key] = None
                continue
            parsed[column.key] = column.parse(raw)
        except ValidationError as exc:
            problems.errors.append(RowError(number, column.header, exc.messages[0]))
        except ValueError as exc:
            problems.errors.append(RowError(number, column.header, reason(exc)))
        except (TypeError, ArithmeticError):
            problems.errors.append(RowError(number, column.header, f"“{raw}”格式不正确"))
    return parsed


def clean_cell(raw):
    """A cell's value as read: text cleaned (`clean_text`); NaN, infinities and Excel error
    values refused with a Chinese `ValueError`."""
    if isinstance(raw, str):
        raw = clean_text(unescape_ooxml(raw))
    if isinstance(raw, float) and (raw != raw or raw in (float("inf"), float("-inf"))):
        raise ValueError("不是有效的数字（NaN 或无穷大）")
    if isinstance(raw, str) and raw in EXCEL_ERRORS:
        raise ValueError(f"单元格是 Excel 错误值 {raw}，请改为实际内容")
    return raw


def reason(exc: Exception) -> str:
    """A parse error's Chinese reason (a generic one when the exception has none)."""
    text = str(exc)
    if not text or not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        return "格式不正确"
    return text


# ---------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------

EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}
ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u180e"}
BIDI_CONTROLS = {
    "\u200e",
    "\u200f",
    "\u061c",
    *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2066, 0x206A)),
}


def _invisible(ch: str) -> bool:
    return ch in ZERO_WIDTH or ch in BIDI_CONTROLS


def unescape_ooxml(value: str) -> str:
    """Excel writes characters XML cannot hold as _xHHHH_ (ECMA-376 ST_Xstring); decode them so
    that the control-character check sees them."""
    if "_x" not in value:
        return value
    return OOXML_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value)


def clean_text(value: str) -> str:
    """Strip zero-width characters and surrounding space; refuse control characters and
    bidirectional overrides (they can disguise what a text says)."""
    if value.isprintable():
        # No control, format (zero-width, bidi), surrogate or separator character other than
        # the space: nothing to refuse or strip inside (the common case, checked in C).
        return value.strip()
    bidi = sorted({ch for ch in value if ch in BIDI_CONTROLS})
    if bidi:
        codes = "、".join(f"U+{ord(ch):04X}" for ch in bidi)
        raise ValueError(f"含有文字方向控制字符（{codes}），可能用于伪装内容，请删除后再导入")
    controls = sorted(
        {ch for ch in value if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r"}
    )
    if controls:
        codes = "、".join(f"U+{ord(ch):04X}" for ch in controls)
        raise ValueError(f"含有不可见的控制字符（{codes}），请删除后再导入")
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        raise ValueError("含有无效的字符编码，请重新输入该单元格")
    return "".join(ch for ch in value if ch not in ZERO_WIDTH).strip()


def sanitise_text(value: str) -> str:
    """For text that cannot be refused (a model save): drop invisible, bidi and control chars."""
    return "".join(
        ch
        for ch in value
        if not _invisible(ch)
        and not (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r")
        and not ("\ud800" <= ch <= "\udfff")
    )


ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
YEAR_BRACKETS = re.compile(r"[\[［(（【〔﹝]\s*(\d{4})\s*[\]］)）】〕﹞]")


def normalise_identifier(value) -> str:
    """案号, 文号, 证号, ID numbers, credit codes: NFKC (full-width digits and letters become
    ASCII), no spaces or invisible characters, ASCII letters upper-cased, the year in 〔〕."""
    if isinstance(value, float) and value.is_integer():
        if abs(value) > 2**53:
            raise ValueError(
                f"“{value:.0f}”位数过长，Excel 已把它当作数字并丢失了精度：请把该列设置为文本格式后重新输入"
            )
        value = int(value)
    text = clean_text(str(value))
    text = unicodedata.normalize("NFKC", text)
    text = re.sub(r"\s+", "", text)
    text = YEAR_BRACKETS.sub(r"〔\1〕", text)
    return text.translate(ASCII_UPPER)


def parse_identifier(value) -> str:
    text = normalise_identifier(value)
    if not text:
        raise ValueError("不能为空")
    return text


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def parse_id_number(value) -> str:
    """居民身份证号码 (GB 11643-1999): 17 digits, a check character (0-9 or X) that matches the
    ISO 7064 MOD 11-2 checksum, and a birth date that exists."""
    text = parse_identifier(value)
    wrong = f"“{text}”不是有效的居民身份证号码"
    if len(text) != 18 or not text[:17].isdigit() or text[17] not in "0123456789X":
        raise ValueError(f"{wrong}（应为18位，末位可为X）")
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError as exc:
        raise ValueError(f"{wrong}（出生日期不存在）") from exc
    if not date(1880, 1, 1) <= born <= _today():
        raise ValueError(f"{wrong}（出生日期不合理）")
    expected = ID_CHECK[sum(int(d) * w for d, w in zip(text[:17], ID_WEIGHTS, strict=True)) % 11]
    if text[17] != expected:
        raise ValueError(f"{wrong}（末位校验码错误）")
    return text


def parse_credit_code(value) -> str:
    """统一社会信用代码 (GB 32100-2015): 18 characters with a valid checksum."""
    from stdnum.cn import uscc
    from stdnum.exceptions import ValidationError as NumberError

    text = parse_identifier(value)
    try:
        return uscc.validate(text)
    except NumberError as exc:
        raise ValueError(f"“{text}”不是有效的统一社会信用代码（18位，校验码须正确）") from exc


EARLIEST_DATE = date(1949, 10, 1)
FUTURE_YEARS = 50
DATE_TEXT = re.compile(
    r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"
)
EXCEL_EPOCH = date(1899, 12, 30)


def date_parser(*, earliest: date = EARLIEST_DATE, future_years: int = FUTURE_YEARS):
    """A parser for one date column with its own plausible range."""

    def parse(value) -> date:
        day = _to_date(value)
        latest = _latest(future_years)
        if not earliest <= day <= latest:
            raise ValueError(
                f"日期 {day.isoformat()} 不在合理范围内（{earliest.isoformat()} 至 "
                f"{latest.isoformat()}），请核对"
            )
        return day

    return parse


# Today's date while one table is parsed (set by `read_table`: one clock read per file, not
# per date cell); outside a parse, the parsers read the clock themselves.
_TODAY: contextvars.ContextVar[date | None] = contextvars.ContextVar("xlsx_today", default=None)


def _today() -> date:
    return _TODAY.get() or timezone.localdate()


def _latest(future_years: int) -> date:
    today = _today()
    try:
        return today.replace(year=today.year + future_years)
    except ValueError:  # 29 February
        return today.replace(year=today.year + future_years, day=28)


def _to_date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        raise ValueError(f"“{value}”不是日期（应为 2024-01-31 格式）")
    if isinstance(value, int | float | Decimal):
        return _excel_serial(value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    match = DATE_TEXT.match(text)
    if not match:
        raise ValueError(f"“{value}”不是日期（应为 2024-01-31 格式）")
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueError(f"“{value}”不是存在的日期") from exc


def _excel_serial(value) -> date:
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"“{value}”不是日期")
    if number <= 60:
        raise ValueError(
            f"Excel 日期序号 {value} 无效（60 及以下对应 1900 年 3 月之前，含 Excel 虚构的 1900-02-29），"
            "请填写 2024-01-31 格式的日期"
        )
    if number >= 2958466:
        raise ValueError(f"“{value}”不是日期")
    return EXCEL_EPOCH + timedelta(days=int(number))


def parse_date(value) -> date:
    """A date from 1949-10-01 to today + 50 years (ISO text, 2024年1月31日, a date cell)."""
    return date_parser()(value)


def _number(value) -> Decimal:
    if isinstance(value, bool):
        raise ValueError(f"“{value}”不是数字")
    text = unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
    try:
        number = Decimal(text)
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"“{value}”不是数字") from exc
    if not number.is_finite():
        raise ValueError(f"“{value}”不是有效的数字（NaN 或无穷大）")
    if abs(number) >= Decimal("1e15"):
        raise ValueError(f"“{value}”数值过大")
    return number


def parse_count(value) -> int:
    number = _number(value)
    if number != number.to_integral_value():
        raise ValueError(f"“{value}”不是整数")
    if number < 0:
        raise ValueError("不能为负数")
    return int(number)


def parse_decimal(value) -> Decimal:
    number = _number(value)
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


# ---------------------------------------------------------------------------
# Export
# ---------------------------------------------------------------------------


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
