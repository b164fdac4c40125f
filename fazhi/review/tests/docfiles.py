"""Real .docx files for the assisted-review tests, built with python-docx, and the hostile ones:
no text, a password-protected package, 20 MB, an old .doc renamed."""

from __future__ import annotations

import io
import os
import struct
import zipfile
from pathlib import Path

from docx import Document

DATA = Path(__file__).resolve().parent / "data"

# A normative document with three planted defects: a licence (第三条), a fine (第四条) and an
# exclusive right (第五条). Everything else a document needs is there.
PLANTED = [
    "蒸湘区人民政府办公室关于印发《蒸湘区城区停车管理办法》的通知",
    "蒸政办发〔2024〕21号",
    "第一条 为加强城区停车管理，根据《中华人民共和国道路交通安全法》，结合本区实际，制定本办法。",
    "第二条 本办法适用于本区城区道路停车泊位的设置和管理。",
    "第三条 在城区道路设置停车泊位经营的，须经区城市管理局审批后方可经营。",
    "第四条 违反本办法第三条规定的，由区城市管理局处以5000元罚款。",
    "第五条 授予区城投公司城区道路停车泊位独家经营权。",
    "第六条 区城市管理局负责本办法的组织实施。",
    "第七条 本办法自2024年5月1日起施行，有效期5年。",
    "蒸湘区人民政府办公室",
    "2024年3月1日",
]


def build_docx(paragraphs, table=None) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def empty_docx() -> bytes:
    """A real .docx whose paragraphs hold only spaces."""
    return build_docx(["", "   ", "\u3000"])


def oversized_docx(megabytes: int = 20) -> bytes:
    """A real .docx carrying a 20 MB picture part (incompressible bytes)."""
    buffer = io.BytesIO(build_docx(PLANTED))
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/media/image1.png", os.urandom(megabytes * 1024 * 1024))
    return buffer.getvalue()


def legacy_doc() -> bytes:
    """An old binary Word file (.doc) written by LibreOffice (tests/data/legacy.doc)."""
    return (DATA / "legacy.doc").read_bytes()


def _directory_entry(name: str, kind: int, child=0xFFFFFFFF, right=0xFFFFFFFF, start=0, size=0):
    encoded = (name + "\0").encode("utf-16-le") if name else b""
    return (
        encoded.ljust(64, b"\0")
        + struct.pack("<HBB", len(encoded), kind, 1)
        + struct.pack("<III", 0xFFFFFFFF, right, child)
        + b"\0" * 16  # CLSID
        + b"\0" * 4  # state bits
        + b"\0" * 16  # creation, modification times
        + struct.pack("<IQ", start, size)
    )


def encrypted_docx() -> bytes:
    """What Word writes for a .docx with an opening password (MS-OFFCRYPTO agile encryption):
    an OLE2 compound file holding the streams EncryptionInfo and EncryptedPackage instead of
    the zip package. Streams ≥ 4096 bytes, so no mini stream is needed."""
    info = struct.pack("<HHI", 4, 4, 0x40) + (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption">'
        b'<keyData saltSize="16" blockSize="16" keyBits="256" hashSize="64" '
        b'cipherAlgorithm="AES" cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"/>'
        b"</encryption>"
    )
    streams = [("EncryptionInfo", info.ljust(4096, b" ")), ("EncryptedPackage", os.urandom(8192))]
    sector = 512
    data_sectors, starts, next_free = [], [], 2
    for _, content in streams:
        count = -(-len(content) // sector)
        starts.append(next_free)
        data_sectors.append((next_free, count))
        next_free += count
    fat = [0xFFFFFFFD, 0xFFFFFFFE]
    for start, count in data_sectors:
        fat.extend(range(start + 1, start + count))
        fat.append(0xFFFFFFFE)
    fat += [0xFFFFFFFF] * (sector // 4 - len(fat))
    header = (
        bytes.fromhex("d0cf11e0a1b11ae1")
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0)
        + struct.pack("<I", 0)
        + struct.pack("<108I", *([0xFFFFFFFF] * 108))
    )
    directory = (
        _directory_entry("Root Entry", 5, child=1, start=0xFFFFFFFE)
        + _directory_entry(streams[0][0], 2, right=2, start=starts[0], size=len(streams[0][1]))
        + _directory_entry(streams[1][0], 2, start=starts[1], size=len(streams[1][1]))
        + b"\0" * 128
    )
    body = b"".join(
        content.ljust(-(-len(content) // sector) * sector, b"\0") for _, content in streams
    )
    return header + struct.pack(f"<{len(fat)}I", *fat) + directory + body
