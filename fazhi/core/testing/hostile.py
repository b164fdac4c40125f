"""Hostile and malformed workbooks, built in memory for the import tests (security.md H2–H6).

`hostile_workbooks(headers)` returns one `Hostile` per class: the bytes, and the words the
Chinese refusal must contain (`expect`, any one of them; `header_specific` when the refusal
depends on the import declaring headers). The parts are written by hand (not by openpyxl) so
that each can be bent: DOCTYPEs, lying sizes, CRC mismatches, hidden sheets and rows …
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
STRICT_MAIN_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main"


@dataclass(frozen=True)
class Hostile:
    name: str
    data: bytes
    expect: tuple[str, ...]
    header_specific: bool = False


@dataclass
class SheetSpec:
    name: str
    rows: list[list]
    state: str = "visible"
    row_attrs: dict[int, str] | None = None  # row number -> extra attributes
    cols: str = ""  # raw <cols> content
    dimension: str = ""
    extra_rows_xml: str = ""


def column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def sheet_xml(spec: SheetSpec, namespace: str = MAIN_NS) -> str:
    rows = []
    for number, values in enumerate(spec.rows, start=1):
        attrs = (spec.row_attrs or {}).get(number, "")
        cells = "".join(
            _cell(f"{column_letter(i)}{number}", v) for i, v in enumerate(values, start=1)
        )
        rows.append(f'<row r="{number}" {attrs}>{cells}</row>')
    dimension = f'<dimension ref="{spec.dimension}"/>' if spec.dimension else ""
    cols = f"<cols>{spec.cols}</cols>" if spec.cols else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<worksheet xmlns="{namespace}" xmlns:r="{REL_NS}">{dimension}{cols}'
        f"<sheetData>{''.join(rows)}{spec.extra_rows_xml}</sheetData></worksheet>"
    )


def styles_xml(extra_xfs: int = 0) -> str:
    xfs = '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' * (1 + extra_xfs)
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="{MAIN_NS}">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        f'<cellXfs count="{1 + extra_xfs}">{xfs}</cellXfs>'
        "</styleSheet>"
    )


def workbook_parts(
    sheets: Sequence[SheetSpec], *, namespace: str = MAIN_NS, shared_strings: str | None = None
) -> dict[str, bytes]:
    entries = "".join(
        f'<sheet name="{escape(s.name)}" sheetId="{i}" r:id="rId{i}"'
        + (f' state="{s.state}"' if s.state != "visible" else "")
        + "/>"
        for i, s in enumerate(sheets, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    n = len(sheets)
    rels += f'<Relationship Id="rId{n + 1}" Type="{REL_NS}/styles" Target="styles.xml"/>'
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, n + 1)
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>"
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="{PKG_REL_NS}">'
            f'<Relationship Id="rId1" Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<workbook xmlns="{namespace}" xmlns:r="{REL_NS}"><sheets>{entries}</sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="{PKG_REL_NS}">{rels}</Relationships>'
        ),
        "xl/styles.xml": styles_xml(),
    }
    for i, spec in enumerate(sheets, start=1):
        parts[f"xl/worksheets/sheet{i}.xml"] = sheet_xml(spec, namespace)
    if shared_strings is not None:
        parts["xl/sharedStrings.xml"] = shared_strings
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            "</Types>",
            '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
            "</Relationships>",
            f'<Relationship Id="rId{n + 2}" Type="{REL_NS}/sharedStrings" '
            'Target="sharedStrings.xml"/></Relationships>',
        )
    return {k: v.encode() if isinstance(v, str) else v for k, v in parts.items()}


def zip_parts(
    parts: dict[str, bytes] | list[tuple[str, bytes]],
    *,
    compression: int = zipfile.ZIP_DEFLATED,
) -> bytes:
    buffer = io.BytesIO()
    items = parts.items() if isinstance(parts, dict) else parts
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in items:
            archive.writestr(name, content)
    return buffer.getvalue()


def good_rows(headers: Sequence[str], value: str = "测试") -> list[list]:
    return [list(headers), [value] * len(headers)]


def good_workbook(headers: Sequence[str]) -> bytes:
    return zip_parts(workbook_parts([SheetSpec("台账", good_rows(headers))]))


# --- byte-level tampering -------------------------------------------------------------------


def _patch_central_size(data: bytes, name: str, *, delta: int) -> bytes:
    """Change the declared uncompressed size of one entry (central directory and local header)."""
    blob = bytearray(data)
    encoded = name.encode()
    central = blob.find(b"PK\x01\x02")
    while central != -1:
        name_len = struct.unpack_from("<H", blob, central + 28)[0]
        if bytes(blob[central + 46 : central + 46 + name_len]) == encoded:
            size = struct.unpack_from("<I", blob, central + 24)[0]
            struct.pack_into("<I", blob, central + 24, max(size + delta, 0))
            local = struct.unpack_from("<I", blob, central + 42)[0]
            struct.pack_into("<I", blob, local + 22, max(size + delta, 0))
        central = blob.find(b"PK\x01\x02", central + 4)
    return bytes(blob)


def _flip_stored_byte(data: bytes, marker: bytes) -> bytes:
    """Change one byte of a STORED entry's content: the CRC no longer matches."""
    blob = bytearray(data)
    position = blob.find(marker)
    blob[position] = ord("Y") if blob[position] != ord("Y") else ord("Z")
    return bytes(blob)


def _set_flag(data: bytes, bit: int) -> bytes:
    blob = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        position = blob.find(signature)
        while position != -1:
            flags = struct.unpack_from("<H", blob, position + offset)[0]
            struct.pack_into("<H", blob, position + offset, flags | bit)
            position = blob.find(signature, position + 4)
    return bytes(blob)


# --- the classes ----------------------------------------------------------------------------


def _replace_sheet(headers, old: str, new: str, **kwargs) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))], **kwargs)
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(old, new, 1).encode()
    return zip_parts(parts)


def doctype_xxe(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers, "&xxe;"))])
    sheet = parts["xl/worksheets/sheet1.xml"].decode().replace("&amp;xxe;", "&xxe;")
    sheet = sheet.replace(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    )
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    return zip_parts(parts)


def billion_laughs(headers) -> bytes:
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    shared = (
        f'<?xml version="1.0"?><!DOCTYPE sst [{entities}]>'
        f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>'
    )
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))], shared_strings=shared)
    return zip_parts(parts)


def doctype_in_rels(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    parts["_rels/.rels"] = parts["_rels/.rels"].replace(
        b"?>", b'?><!DOCTYPE r [<!ENTITY e SYSTEM "http://127.0.0.1:9/x">]>', 1
    )
    return zip_parts(parts)


def doctype_utf16(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    text = parts["xl/worksheets/sheet1.xml"].decode()
    text = text.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace(
        "?>", '?><!DOCTYPE w [<!ENTITY a "b">]>', 1
    )
    parts["xl/worksheets/sheet1.xml"] = b"\xff\xfe" + text.encode("utf-16-le")
    return zip_parts(parts)


def crc_mismatch(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers, "CRCMARK"))])
    data = zip_parts(parts, compression=zipfile.ZIP_STORED)
    return _flip_stored_byte(data, b"CRCMARK")


def lying_size_smaller(headers) -> bytes:
    return _patch_central_size(good_workbook(headers), "xl/worksheets/sheet1.xml", delta=-40)


def lying_size_larger(headers) -> bytes:
    return _patch_central_size(good_workbook(headers), "xl/worksheets/sheet1.xml", delta=4000)


def no_content_types(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    del parts["[Content_Types].xml"]
    return zip_parts(parts)


def no_workbook_part(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    del parts["xl/workbook.xml"]
    return zip_parts(parts)


def missing_sheet_part(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    del parts["xl/worksheets/sheet1.xml"]
    return zip_parts(parts)


def missing_relationships(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    del parts["xl/_rels/workbook.xml.rels"]
    return zip_parts(parts)


def xlsb(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    parts["xl/workbook.bin"] = b"\x83\x01\x00" * 20
    parts["xl/worksheets/sheet1.bin"] = b"\x81\x01\x00" * 20
    return zip_parts(parts)


def strict_ooxml(headers) -> bytes:
    return zip_parts(
        workbook_parts([SheetSpec("台账", good_rows(headers))], namespace=STRICT_MAIN_NS)
    )


def xlsm(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    parts["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0" + b"\x00" * 64
    return zip_parts(parts)


def nul_bytes(headers) -> bytes:
    return _replace_sheet(headers, "</t>", "\x00</t>")


def surrogate_reference(headers) -> bytes:
    return _replace_sheet(headers, "</t>", "&#xD800;</t>")


def malformed_xml(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:-60]
    return zip_parts(parts)


def bad_utf8(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"</t>", b"\xff\xfe\xc3</t>", 1
    )
    return zip_parts(parts)


def not_a_number(headers) -> bytes:
    return _replace_sheet(
        headers, "</row></sheetData>", '<c r="ZZ2"><v>NaN</v></c></row></sheetData>'
    )


def duplicate_entries(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    items = list(parts.items())
    other = workbook_parts([SheetSpec("台账", good_rows(headers, "重复"))])
    items.append(("xl/worksheets/sheet1.xml", other["xl/worksheets/sheet1.xml"]))
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return zip_parts(items)


def encrypted_entry_flag(headers) -> bytes:
    return _set_flag(good_workbook(headers), 0x1)


def unsupported_compression(headers) -> bytes:
    return zip_parts(
        workbook_parts([SheetSpec("台账", good_rows(headers))]), compression=zipfile.ZIP_BZIP2
    )


def too_many_entries(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    for i in range(1200):
        parts[f"customXml/item{i}.xml"] = b"<a/>"
    return zip_parts(parts)


def zip_bomb(headers) -> bytes:
    """8 MB of zeros in a few KB: the compression ratio gives it away."""
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    parts["xl/media/padding.xml"] = b"<a>" + b"0" * (8 * 1024 * 1024) + b"</a>"
    return zip_parts(parts)


@cache
def _declared_too_large() -> bytes:
    """Parts that compress only 10:1 but add up to 60 MB declared."""
    parts = workbook_parts([SheetSpec("台账", good_rows(["表头"]))])
    block = bytes(random.Random(7).choices(b"0" * 97 + b"123", k=1024 * 1024))  # noqa: S311
    for i in range(56):
        parts[f"xl/media/part{i}.xml"] = block
    return zip_parts(parts)


def declared_too_large(headers) -> bytes:
    return _declared_too_large()


def style_bomb(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    parts["xl/styles.xml"] = styles_xml(extra_xfs=300_000).encode()
    return zip_parts(parts)


def shared_strings_bomb(headers) -> bytes:
    return _shared_strings_bomb()


@cache
def _shared_strings_bomb() -> bytes:
    """45 MB of shared strings (the case reported: 9 s for openpyxl): refused unread."""
    headers = ["表头"]
    items = "".join(f"<si><t>{i:08d}填充文字填充文字</t></si>" for i in range(1_200_000))
    shared = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}">{items}</sst>'
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))], shared_strings=shared)
    return zip_parts(parts)


def style_bomb_varied(headers) -> bytes:
    """Styles that do not compress well: the style count, not the ratio, refuses them."""
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    xfs = "".join(
        f'<xf numFmtId="{(i * 7) % 164}" fontId="0" fillId="0" borderId="0" xfId="{i % 97}"/>'
        for i in range(30_000)
    )
    parts["xl/styles.xml"] = styles_xml().replace("</cellXfs>", xfs + "</cellXfs>").encode()
    return zip_parts(parts)


def shared_strings_many(headers) -> bytes:
    """200,000 short distinct strings (≈ 7 s for openpyxl): refused by count."""
    items = "".join(f"<si><t>{(i * 2654435761) % 10**9}号</t></si>" for i in range(200_000))
    shared = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN_NS}">{items}</sst>'
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))], shared_strings=shared)
    return zip_parts(parts)


def lying_dimension(headers) -> bytes:
    spec = SheetSpec("台账", good_rows(headers), dimension="A1:XFD1048576")
    spec.extra_rows_xml = (
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    )
    return zip_parts(workbook_parts([spec]))


def too_many_rows(headers) -> bytes:
    spec = SheetSpec("台账", good_rows(headers))
    spec.extra_rows_xml = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>行</t></is></c></row>'
        for n in range(3, 20_010)
    )
    return zip_parts(workbook_parts([spec]))


def too_many_columns(headers) -> bytes:
    wide = list(headers) + [f"列{i}" for i in range(250)]
    return zip_parts(workbook_parts([SheetSpec("台账", [wide, ["测试"] * len(wide)])]))


def hidden_first_sheet(headers) -> bytes:
    return zip_parts(
        workbook_parts(
            [
                SheetSpec("隐藏", good_rows(headers, "隐藏数据"), state="hidden"),
                SheetSpec("台账", good_rows(headers)),
            ]
        )
    )


def very_hidden_sheet(headers) -> bytes:
    return zip_parts(
        workbook_parts(
            [
                SheetSpec("台账", good_rows(headers)),
                SheetSpec("隐藏", good_rows(headers, "隐藏数据"), state="veryHidden"),
            ]
        )
    )


def hidden_rows(headers) -> bytes:
    rows = good_rows(headers) + [["隐藏行"] * len(headers)]
    return zip_parts(workbook_parts([SheetSpec("台账", rows, row_attrs={3: 'hidden="1"'})]))


def zero_height_rows(headers) -> bytes:
    rows = good_rows(headers) + [["零高行"] * len(headers)]
    attrs = {3: 'ht="0" customHeight="1"'}
    return zip_parts(workbook_parts([SheetSpec("台账", rows, row_attrs=attrs)]))


def hidden_columns(headers) -> bytes:
    spec = SheetSpec("台账", good_rows(headers), cols='<col min="1" max="1" width="0" hidden="1"/>')
    return zip_parts(workbook_parts([spec]))


def two_sheets_same_header(headers) -> bytes:
    return zip_parts(
        workbook_parts(
            [SheetSpec("台账", good_rows(headers)), SheetSpec("台账2", good_rows(headers, "第二"))]
        )
    )


def header_on_row_three(headers) -> bytes:
    rows = [["2024年度台账"], ["填表说明：按模板填写"], *good_rows(headers)]
    return zip_parts(workbook_parts([SheetSpec("台账", rows)]))


def duplicate_header(headers) -> bytes:
    doubled = [*headers, headers[0]]
    return zip_parts(workbook_parts([SheetSpec("台账", [doubled, ["测试"] * len(doubled)])]))


def bidi_override(headers) -> bytes:
    rows = [list(headers), ["\u202e测试gpj.exe"] + ["测试"] * (len(headers) - 1)]
    return zip_parts(workbook_parts([SheetSpec("台账", rows)]))


def control_character(headers) -> bytes:
    rows = [list(headers), ["测试_x0007_响铃"] + ["测试"] * (len(headers) - 1)]
    return zip_parts(workbook_parts([SheetSpec("台账", rows)]))


def excel_error_value(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace(
        '<c r="A2" t="inlineStr"><is><t>测试</t></is></c>', '<c r="A2" t="e"><v>#REF!</v></c>'
    )
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    return zip_parts(parts)


def no_worksheets(headers) -> bytes:
    parts = workbook_parts([])
    return zip_parts(parts)


def blank_sheet(headers) -> bytes:
    return zip_parts(workbook_parts([SheetSpec("台账", [])]))


def csv_renamed(headers) -> bytes:
    return (",".join(headers) + "\n" + ",".join("测试" for _ in headers) + "\n").encode()


def xls_ole2(headers) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4096


def empty_file(headers) -> bytes:
    return b""


def random_bytes(headers) -> bytes:
    return bytes((i * 7919 + 13) % 256 for i in range(4096))


def truncated_zip(headers) -> bytes:
    data = good_workbook(headers)
    return data[: len(data) // 2]


def zip_without_excel(headers) -> bytes:
    return zip_parts({"readme.txt": "不是表格".encode()})


def oversized_upload(headers) -> bytes:
    parts = workbook_parts([SheetSpec("台账", good_rows(headers))])
    parts["xl/media/image1.png"] = random.Random(1).randbytes(6 * 1024 * 1024)  # noqa: S311
    return zip_parts(parts, compression=zipfile.ZIP_STORED)


# (builder, words the refusal must contain: any one, header-specific?)
CLASSES: dict[str, tuple[Callable, tuple[str, ...], bool]] = {
    "doctype_xxe": (doctype_xxe, ("DOCTYPE",), False),
    "billion_laughs": (billion_laughs, ("DOCTYPE",), False),
    "doctype_in_rels": (doctype_in_rels, ("DOCTYPE",), False),
    "doctype_utf16": (doctype_utf16, ("DOCTYPE", "无法读取"), False),
    "crc_mismatch": (crc_mismatch, ("无法读取",), False),
    "lying_size_smaller": (lying_size_smaller, ("无法读取",), False),
    "lying_size_larger": (lying_size_larger, ("无法读取",), False),
    "no_content_types": (no_content_types, ("必要部件",), False),
    "no_workbook_part": (no_workbook_part, ("必要部件",), False),
    "missing_sheet_part": (missing_sheet_part, ("没有工作表", "无法读取"), False),
    "missing_relationships": (missing_relationships, ("没有工作表", "无法读取"), False),
    "xlsb": (xlsb, ("xlsb",), False),
    "strict_ooxml": (strict_ooxml, ("Strict",), False),
    "xlsm": (xlsm, ("宏",), False),
    "nul_bytes": (nul_bytes, ("空字符",), False),
    "surrogate_reference": (surrogate_reference, ("无法读取",), False),
    "malformed_xml": (malformed_xml, ("无法读取",), False),
    "bad_utf8": (bad_utf8, ("无法读取",), False),
    "not_a_number": (not_a_number, ("无法读取", "NaN", "不是有效的数字"), False),
    "duplicate_entries": (duplicate_entries, ("重复的部件",), False),
    "encrypted_entry_flag": (encrypted_entry_flag, ("加密",), False),
    "unsupported_compression": (unsupported_compression, ("压缩方式",), False),
    "too_many_entries": (too_many_entries, ("部件过多",), False),
    "zip_bomb": (zip_bomb, ("压缩炸弹", "解压后过大"), False),
    "declared_too_large": (declared_too_large, ("解压后过大",), False),
    "style_bomb": (style_bomb, ("单元格格式过多", "压缩炸弹"), False),
    "shared_strings_bomb": (shared_strings_bomb, ("文字内容过多", "压缩炸弹", "解压后过大"), False),
    "style_bomb_varied": (style_bomb_varied, ("单元格格式过多",), False),
    "shared_strings_many": (shared_strings_many, ("文字内容过多",), False),
    "lying_dimension": (lying_dimension, ("超过 20000 行",), False),
    "too_many_rows": (too_many_rows, ("超过 20000 行",), False),
    "hidden_first_sheet": (hidden_first_sheet, ("隐藏的工作表",), False),
    "very_hidden_sheet": (very_hidden_sheet, ("隐藏的工作表",), False),
    "hidden_rows": (hidden_rows, ("隐藏",), False),
    "zero_height_rows": (zero_height_rows, ("隐藏",), False),
    "hidden_columns": (hidden_columns, ("隐藏",), True),
    "two_sheets_same_header": (two_sheets_same_header, ("无法确定导入哪一个",), False),
    "header_on_row_three": (header_on_row_three, ("表头应在第1行",), True),
    "duplicate_header": (duplicate_header, ("出现了两次",), True),
    "too_many_columns": (too_many_columns, ("200 列",), True),
    "bidi_override": (bidi_override, ("文字方向控制字符",), True),
    "control_character": (control_character, ("控制字符",), True),
    "excel_error_value": (excel_error_value, ("错误值",), True),
    "no_worksheets": (no_worksheets, ("没有工作表", "没有任何内容"), False),
    "blank_sheet": (blank_sheet, ("没有", "不是导入表头"), False),
    "csv_renamed": (csv_renamed, ("CSV",), False),
    "xls_ole2": (xls_ole2, (".xls",), False),
    "empty_file": (empty_file, ("空",), False),
    "random_bytes": (random_bytes, ("不是 Excel",), False),
    "truncated_zip": (truncated_zip, ("无法读取",), False),
    "zip_without_excel": (zip_without_excel, ("必要部件",), False),
    "oversized_upload": (oversized_upload, ("超过", "过大"), False),
}


def hostile_workbook(name: str, headers: Sequence[str]) -> Hostile:
    build, expect, header_specific = CLASSES[name]
    return Hostile(name, build(list(headers) or ["日期"]), expect, header_specific)
