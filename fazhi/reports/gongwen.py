"""The report as a 公文 .docx laid out per GB/T 9704-2012 (党政机关公文格式).

A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title 方正小标宋简体 二号 (22 pt)
centred; body 仿宋_GB2312 三号 (16 pt); first-level headings 黑体, second-level 楷体_GB2312; 22 lines
of 28 characters: a `lines` document grid with a 28.95 pt pitch (579 twips), exact 28.95 pt line
spacing and −0.25 pt character spacing, which LibreOffice honours as Word does (a `linesAndChars`
grid makes LibreOffice set about 14 characters a line); first-line indent of two characters; page
numbers "— N —" in 宋体 四号 (14 pt), odd pages right and even pages left, one character in;
the issuing body and the date at the end, then the annexes.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from fazhi.reports.assemble import RenderedReport, cn_date

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
TITLE_SIZE = Pt(22)  # 二号
BODY_SIZE = Pt(16)  # 三号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
LINE_PITCH_TWIPS = 579  # 28.95 pt: 22 lines in the 225 mm type area
LINE_SPACING = Pt(28.95)
CHAR_SPACING = -5  # twentieths of a point: −0.25 pt
INDENT_CHARS = 200  # hundredths of a character: two characters
INDENT_TWIPS = 640  # two 16 pt characters, for readers that ignore *Chars
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}


def _set_fonts(rpr_parent, name: str, size=None) -> None:
    """Set all four font slots (ascii, hAnsi, eastAsia, cs) and drop theme fonts that win over them."""
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        rpr.append(spacing)
    spacing.set(qn("w:val"), str(CHAR_SPACING))
    if size is not None:
        for tag in ("w:sz", "w:szCs"):
            element = rpr.find(qn(tag))
            if element is None:
                element = OxmlElement(tag)
                rpr.append(element)
            element.set(qn("w:val"), str(int(size.pt * 2)))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _run(paragraph, text: str, font: str, size=BODY_SIZE):
    run = paragraph.add_run(text)
    run.font.size = size
    _set_fonts(run._r, font, size)
    return run


def _paragraph(document, *, indent: bool = True, align=None, keep_spacing: bool = True):
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if keep_spacing:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = LINE_SPACING
    if align is not None:
        paragraph.alignment = align
    ppr = paragraph._p.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is None:
        ind = OxmlElement("w:ind")
        ppr.append(ind)
    if indent:
        ind.set(qn("w:firstLineChars"), str(INDENT_CHARS))
        ind.set(qn("w:firstLine"), str(INDENT_TWIPS))
    else:
        ind.set(qn("w:firstLineChars"), "0")
        ind.set(qn("w:firstLine"), "0")
    return paragraph


def _page_setup(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(15)
    section.footer_distance = Mm(25)
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))


def _normal_style(document) -> None:
    style = document.styles["Normal"]
    style.font.size = BODY_SIZE
    _set_fonts(style.element, BODY_FONT, BODY_SIZE)
    fmt = style.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_SPACING


def _page_number(footer, *, odd: bool) -> None:
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    fmt = paragraph.paragraph_format
    if odd:
        fmt.right_indent = Pt(14)
    else:
        fmt.left_indent = Pt(14)
    _run(paragraph, "— ", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1")):
        run = paragraph.add_run()
        _set_fonts(run._r, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        run.font.size = PAGE_NUMBER_SIZE
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "text":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
    end = paragraph.add_run()
    _set_fonts(end._r, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    end.font.size = PAGE_NUMBER_SIZE
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)
    _run(paragraph, " —", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)


def _outline_level(paragraph, level: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    element = OxmlElement("w:outlineLvl")
    element.set(qn("w:val"), str(level))
    ppr.append(element)


def render_docx(rendered: RenderedReport) -> bytes:
    document = Document()
    _normal_style(document)
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    _page_setup(section)
    _page_number(section.footer, odd=True)
    _page_number(section.even_page_footer, odd=False)
    core = document.core_properties
    core.title = rendered.title
    core.author = rendered.body_name
    core.language = "zh-CN"

    title = _paragraph(document, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER, keep_spacing=False)
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    title.paragraph_format.line_spacing = Pt(35)
    _run(title, rendered.title, TITLE_FONT, TITLE_SIZE)
    _paragraph(document, indent=False)  # 标题下空一行

    for rsection in rendered.sections:
        if rsection.heading:
            heading = _paragraph(document)
            _outline_level(heading, 0)
            _run(heading, rsection.heading, H1_FONT)
        for para in rsection.paragraphs:
            paragraph = _paragraph(document)
            if para.heading:
                _run(paragraph, para.heading, H2_FONT)
            for run in para.runs:
                if run.text:
                    _run(paragraph, run.text, BODY_FONT)

    if rendered.annexes:
        _paragraph(document, indent=False)
        for index, annex in enumerate(rendered.annexes):
            paragraph = _paragraph(document)
            if index == 0:
                _run(paragraph, "附件：", BODY_FONT)
            else:
                paragraph.paragraph_format.first_line_indent = None
                ppr = paragraph._p.get_or_add_pPr()
                ind = ppr.find(qn("w:ind"))
                ind.set(qn("w:firstLineChars"), "0")
                ind.set(qn("w:firstLine"), "0")
                ind.set(qn("w:leftChars"), "500")
                ind.set(qn("w:left"), "1600")
            _run(paragraph, f"{annex.number}．{annex.title}", BODY_FONT)

    _paragraph(document, indent=False)
    signer = _paragraph(document, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    signer.paragraph_format.right_indent = Pt(32)
    _run(signer, rendered.body_name, BODY_FONT)
    dated = _paragraph(document, indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    dated.paragraph_format.right_indent = Pt(32)
    _run(dated, cn_date(rendered.signed_on), BODY_FONT)

    for annex in rendered.annexes:
        breaker = _paragraph(document, indent=False)
        _run(breaker, "", BODY_FONT).add_break(WD_BREAK.PAGE)
        label = _paragraph(document, indent=False)
        _run(label, f"附件{annex.number}", H1_FONT)
        _paragraph(document, indent=False)
        heading = _paragraph(document, indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)
        _run(heading, annex.title, TITLE_FONT, TITLE_SIZE)
        _paragraph(document, indent=False)
        for number, name in enumerate(annex.unit_names, start=1):
            line = _paragraph(document)
            _run(line, f"{number}．{name}", BODY_FONT)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


__all__ = ["render_docx", "MARGINS_MM", "WD_SECTION"]
