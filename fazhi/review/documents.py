"""合法性审查意见书 (.docx) generated from the accepted points of the assisted review
(issue 20 item 3; 《重大行政决策程序暂行条例》第二十七条: the opinion states the review's
findings). A4, 仿宋 body, 小标宋 title, as the other 文书 of the platform."""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from fazhi.core.dates import cn_date
from fazhi.review.models import ReviewRequest

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "方正小标宋简体"


def _run(paragraph, text: str, *, font: str = BODY_FONT, size: float = 16, bold: bool = False):
    run = paragraph.add_run(text)
    run.font.name = font
    run._element.rPr.rFonts.set(qn("w:eastAsia"), font)
    run.font.size = Pt(size)
    run.bold = bold
    return run


def opinion_docx(
    review: ReviewRequest, points: list, *, fair_competition: list | None, today: date
) -> bytes:
    """The 意见书: one numbered point per accepted flag (clause, problem, article, advice)."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(title, "合法性审查意见书", font=TITLE_FONT, size=22)
    number = document.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(number, review.number)

    _run(document.add_paragraph(), f"{review.unit.name}：")
    intro = document.add_paragraph()
    intro.paragraph_format.first_line_indent = Pt(32)
    _run(
        intro,
        f"你单位{cn_date(review.submitted_on)}报送的《{review.title}》（送审稿）收悉。"
        f"经审查，提出以下意见：",
    )
    if points:
        for n, flag in enumerate(points, start=1):
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(32)
            where = flag.clause_ref or "全文"
            quoted = f"“{flag.clause_text}”" if flag.clause_text else ""
            _run(paragraph, f"{n}. {where}{quoted}", bold=True)
            _run(paragraph, f"存在{flag.get_kind_display()}问题。{flag.explanation}")
            _run(paragraph, f"（依据：{flag.article}）")
    else:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)
        _run(paragraph, "经逐条审查，未发现违法设定许可、处罚、强制、收费等问题。")
    if fair_competition is not None:
        involved = [row for row in fair_competition if row["involved"]]
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(32)
        if involved:
            items = "；".join(f"{row['text']}（{row['article']}）" for row in involved)
            _run(paragraph, f"公平竞争审查：送审稿涉及{items}，应当修改后再行审查。")
        else:
            _run(paragraph, "公平竞争审查：经逐项对照，未发现排除、限制竞争的内容。")
    signature = document.add_paragraph()
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(signature, review.reviewer_unit.name)
    dated = document.add_paragraph()
    dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(dated, cn_date(today))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
