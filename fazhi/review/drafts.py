"""Reading a draft for the assisted review (issue 20 item 1): the .docx container is checked
before any XML parser runs (the same checks as the Excel imports, `fazhi.core.xlsx`), then the
text is split into numbered clauses keeping the structure: 第X章, 第X条, 一、, （一）, 1., （1）.

Every refusal is a Chinese `ValidationError` saying what to do; nothing is stored by this module.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
import zipfile
import zlib
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from docx import Document
from docx.table import Table

from fazhi.core.xlsx import DECLARATION, DECLARATION_UTF16, OLE2_MAGIC, check_entries, read_entry

MAX_DRAFT_BYTES = 10 * 1024 * 1024
MAX_UNCOMPRESSED = 60 * 1024 * 1024
MAX_TEXT_CHARS = 500_000
PASTE_INSTEAD = "也可以把正文复制后粘贴到“粘贴正文”框中。"
SAVE_AS = "请在 Word 中打开该文件，选择“另存为”→“Word 文档（*.docx）”后再上传；" + PASTE_INSTEAD
UNREADABLE = "无法读取该文件：不是有效的 Word 文档（.docx），或文件已损坏。" + SAVE_AS
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
WORD_STREAM = "WordDocument".encode("utf-16-le")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def check_size(size: int) -> None:
    if size > MAX_DRAFT_BYTES:
        raise ValidationError(
            f"文件为 {_mb(size)}，超过 {_mb(MAX_DRAFT_BYTES)} 的上限。"
            "请删除文中的图片等非文字内容后再上传；" + PASTE_INSTEAD
        )


def sniff_docx(data: bytes) -> None:
    """The file type by content, not by its name."""
    if not data:
        raise ValidationError("上传的文件是空的。")
    check_size(len(data))
    if data.startswith(OLE2_MAGIC):
        if ENCRYPTED_STREAM in data:
            raise ValidationError(
                "该 Word 文件设置了打开密码（已加密），无法读取。请在 Word 中取消密码后再上传；"
                + PASTE_INSTEAD
            )
        if WORD_STREAM in data:
            raise ValidationError(
                "这是旧版 Word（.doc）文件，只是扩展名改成了 .docx，无法读取。" + SAVE_AS
            )
        raise ValidationError("该文件不是 Word 文档（.docx）。" + SAVE_AS)
    if not data.startswith(b"PK"):
        if data.lstrip().startswith((b"{\\rtf", b"<")):
            raise ValidationError("该文件是 RTF 或网页文件，不是 Word 文档（.docx）。" + SAVE_AS)
        raise ValidationError("该文件不是 Word 文档（.docx）。" + SAVE_AS)


def inspect_docx(data: bytes) -> dict[str, bytes]:
    """Zip structure, sizes, encryption flags (the core's container checks) and XML
    declarations, before python-docx runs."""
    sniff_docx(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            check_entries(
                infos,
                len(data),
                document="该 Word 文件",
                save_as=SAVE_AS,
                unlock="无法读取。请取消加密后再上传；" + PASTE_INSTEAD,
                max_uncompressed=MAX_UNCOMPRESSED,
                too_large="",
            )
            names = [info.filename for info in infos]
            parts = {
                info.filename: read_entry(archive, info)
                for info in infos
                if info.filename.endswith((".xml", ".rels"))
            }
    except ValidationError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
        RuntimeError,
        KeyError,
        zlib.error,
    ) as exc:
        raise ValidationError(UNREADABLE) from exc
    if "word/document.xml" not in parts or "[Content_Types].xml" not in parts:
        if "xl/workbook.xml" in parts:
            raise ValidationError("这是 Excel 工作簿，不是 Word 文档（.docx）。" + SAVE_AS)
        raise ValidationError("文件缺少 Word 文档的必要部件（不是完整的 .docx 文件）。" + SAVE_AS)
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise ValidationError("该文件含有宏（.docm），出于安全原因不能上传。" + SAVE_AS)
    for content in parts.values():
        if DECLARATION.search(content) or DECLARATION_UTF16.search(content):
            raise ValidationError(
                "文件中含有不允许的 XML 声明（DOCTYPE/ENTITY），可能是恶意构造的文件，已拒绝。"
            )
    return parts


def _cell_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        seen = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # merged cells repeat
                continue
            seen.add(id(cell._tc))
            lines.extend(p.text for p in cell.paragraphs)
    return lines


def docx_lines(data: bytes) -> list[str]:
    """The paragraphs of the body in order (tables row by row), hostile files refused."""
    inspect_docx(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = Document(io.BytesIO(data))
            lines = []
            for block in document.iter_inner_content():
                if isinstance(block, Table):
                    lines.extend(_cell_lines(block))
                else:
                    lines.append(block.text)
    except ValidationError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure is a bad file for the user
        raise ValidationError(UNREADABLE) from exc
    if not any(line.strip() for line in lines):
        raise ValidationError(
            "该 Word 文件中没有可读取的文字（可能是空白文档、扫描件或图片）。"
            "请上传含文字的 .docx；" + PASTE_INSTEAD
        )
    return lines


# --- text and structure -------------------------------------------------------------------

CN_NUM = "一二三四五六七八九十百千零〇两"
CHAPTER = re.compile(rf"^第[{CN_NUM}\d]+[章节编]\s*")
ARTICLE = re.compile(rf"^(第[{CN_NUM}\d]+条)\s*")
CN_ITEM = re.compile(rf"^([{CN_NUM}]+)[、．.]\s*")
PAREN_CN = re.compile(rf"^[（(]([{CN_NUM}]+)[）)]\s*")
ARABIC = re.compile(r"^(\d{1,3})[.．、](?!\d)\s*")
PAREN_ARABIC = re.compile(r"^[（(](\d{1,3})[）)]\s*")
CIRCLED = re.compile(r"^([①-⑳])\s*")
ARTICLE_SPLIT = re.compile(rf"(?<=[。；！？”])\s*(?=第[{CN_NUM}]+条[\s　])")
CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)

# rank of each numbering style: 第X条 or 一、 (the top level of a 办法 or of a 通知) > （一） >
# 1. > （1） > ①
STYLES = (
    (ARTICLE, 1, "{}"),
    (CN_ITEM, 1, "{}、"),
    (PAREN_CN, 3, "（{}）"),
    (ARABIC, 4, "{}."),
    (PAREN_ARABIC, 5, "（{}）"),
    (CIRCLED, 6, "{}"),
)


@dataclass
class Clause:
    index: int
    ref: str  # where it stands: 第三条, 第三条第二款, 二、（一）1.
    label: str  # its own number as written: 第三条, （一）, 1. ("" when unnumbered)
    level: int  # 0 heading (章/节), 1…6 numbering rank, 9 unnumbered paragraph
    text: str

    def as_dict(self) -> dict:
        return asdict(self)


def clean_text(text: str) -> str:
    """Normalise line ends and drop control and bidirectional-override characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL.sub("", unicodedata.normalize("NFC", text))


def split_lines(text: str) -> list[str]:
    lines = []
    for raw in clean_text(text).split("\n"):
        line = raw.strip().strip("\u3000").strip()
        if not line:
            continue
        lines.extend(part.strip() for part in ARTICLE_SPLIT.split(line) if part.strip())
    return lines


def _article_paragraph(n: int) -> str:
    digits = "一二三四五六七八九十"
    return f"第{digits[n - 1]}款" if 1 <= n <= 10 else f"第{n}款"


def parse_clauses(lines: list[str]) -> list[Clause]:
    """Number every paragraph with its place in the structure (stack of numbering styles)."""
    clauses: list[Clause] = []
    stack: list[tuple[int, str]] = []  # (rank, label)
    paragraphs_in_article = 0
    for line in lines:
        if CHAPTER.match(line):
            stack = []
            paragraphs_in_article = 0
            clauses.append(Clause(len(clauses), line[:32], line[:32], 0, line))
            continue
        for pattern, rank, shape in STYLES:
            match = pattern.match(line)
            if match:
                label = shape.format(match.group(1))
                while stack and stack[-1][0] >= rank:
                    stack.pop()
                stack.append((rank, label))
                if pattern is ARTICLE:
                    paragraphs_in_article = 1
                ref = "".join(part for _, part in stack)
                clauses.append(Clause(len(clauses), ref, label, rank, line))
                break
        else:
            ref = "".join(part for _, part in stack)
            if stack and stack[-1][0] == 1 and stack[-1][1].startswith("第"):
                paragraphs_in_article += 1
                ref += _article_paragraph(paragraphs_in_article)
            clauses.append(Clause(len(clauses), ref or "正文", "", 9, line))
    return clauses


def parse_text(text: str) -> list[Clause]:
    """Pasted text → clauses; an empty paste is refused."""
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationError(f"粘贴的正文超过 {MAX_TEXT_CHARS} 字，请分段审查。")
    clauses = parse_clauses(split_lines(text))
    if not clauses:
        raise ValidationError("正文是空的：请上传送审稿（.docx）或粘贴正文。")
    return clauses


def parse_docx(data: bytes) -> tuple[str, list[Clause]]:
    """A .docx → (its text, its clauses)."""
    lines = docx_lines(data)
    text = "\n".join(line for line in lines if line.strip())
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationError(f"文件正文超过 {MAX_TEXT_CHARS} 字，请分段审查。")
    clauses = parse_clauses(split_lines(text))
    return "\n".join(c.text for c in clauses), clauses
