"""The exported .docx read back: figures, page setup, fonts on every run, grid (GB/T 9704)."""

import io

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from fazhi.reports import services
from fazhi.reports.models import ProblemState

pytestmark = pytest.mark.django_db

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def document(seed_values, office_staff, government, template):
    report = services.report_create(
        actor=office_staff, unit=government, year=2024, template=template
    )
    report.signed_on = __import__("datetime").date(2025, 1, 22)
    report.save()
    services.report_section_save(
        actor=office_staff,
        report=report,
        key="plan",
        body="（一）强化复议监督。依法纠错。\n（二）加强学法。每年专题学法不少于四次。",
    )
    for problem in report.problems.all():
        services.problem_decide(actor=office_staff, problem=problem, decision=ProblemState.ACCEPTED)
    export = services.report_export(actor=office_staff, report=report)
    return Document(io.BytesIO(bytes(export.content)))


def _fonts(run):
    fonts = run._r.rPr.find(qn("w:rFonts"))
    return {k.split("}")[1]: v for k, v in fonts.attrib.items()}


def test_page_is_a4_with_the_official_margins(document):
    section = document.sections[0]

    def mm(length):  # Word stores twips: compare to a tenth of a millimetre
        return round(length.mm, 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert mm(section.top_margin) == 37
    assert mm(section.bottom_margin) == 35
    assert mm(section.left_margin) == 28
    assert mm(section.right_margin) == 26


def test_grid_of_22_lines(document):
    grid = document.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert grid.get(qn("w:linePitch")) == "579"
    # 22 lines fill the type area: 297 − 37 − 35 = 225 mm ≈ 22 × 28.95 pt.
    assert abs(22 * 28.95 - (297 - 37 - 35) / 25.4 * 72) < 14


def test_every_run_carries_its_font_size_and_spacing(document):
    paragraphs = [p for p in document.paragraphs if p.runs]
    title = paragraphs[0].runs[0]
    assert _fonts(title)["eastAsia"] == "方正小标宋简体" and title.font.size == Pt(22)
    for paragraph in paragraphs:
        for run in paragraph.runs:
            fonts = _fonts(run)
            assert fonts["eastAsia"] == fonts["ascii"] == fonts["hAnsi"]
            assert fonts["eastAsia"] in {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"}
            assert run._r.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"
            if fonts["eastAsia"] != "方正小标宋简体":
                assert run.font.size == Pt(16)  # 三号


def test_headings_and_body_fonts(document):
    by_text = {p.text: p for p in document.paragraphs}
    heading = by_text["一、2024年法治政府建设情况"]
    assert _fonts(heading.runs[0])["eastAsia"] == "黑体"
    sub = next(p for p in document.paragraphs if p.text.startswith("（一）化解行政争议。"))
    assert sub.runs[0].text == "（一）化解行政争议。"
    assert _fonts(sub.runs[0])["eastAsia"] == "楷体_GB2312"
    assert {_fonts(r)["eastAsia"] for r in sub.runs[1:]} == {"仿宋_GB2312"}
    plan = next(p for p in document.paragraphs if p.text.startswith("（二）加强学法。"))
    assert _fonts(plan.runs[0])["eastAsia"] == "楷体_GB2312"


def test_paragraph_spacing_and_indent(document):
    body = next(p for p in document.paragraphs if p.text.startswith("（一）化解行政争议。"))
    ppr = body._p.pPr
    spacing = ppr.find(qn("w:spacing"))
    assert spacing.get(qn("w:line")) == "579" and spacing.get(qn("w:lineRule")) == "exact"
    indent = ppr.find(qn("w:ind"))
    assert indent.get(qn("w:firstLineChars")) == "200"
    assert indent.get(qn("w:firstLine")) == "640"


def test_figures_are_in_the_text(document):
    text = "\n".join(p.text for p in document.paragraphs)
    for figure in ("99件", "80件", "53.75%", "304.62万元", "3万余份", "3项"):
        assert figure in text, figure


def test_page_numbers_in_song_four(document):
    settings = document.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    section = document.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        xml = paragraph._p.xml
        assert "PAGE" in xml and 'w:fldCharType="begin"' in xml
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert paragraph._p.pPr.find(qn("w:jc")).get(qn("w:val")) == align
        for run in paragraph.runs:
            assert _fonts(run)["eastAsia"] == "宋体"
            assert run._r.rPr.find(qn("w:sz")).get(qn("w:val")) == "28"  # 四号 14 pt


def test_issuing_body_and_date_at_the_end_then_annexes(document):
    texts = [p.text for p in document.paragraphs if p.text]
    index = texts.index("衡阳市蒸湘区人民政府")
    assert texts[index + 1] == "2025年1月22日"
    assert texts[index - 1].startswith("附件：") or texts[index - 2].startswith("附件：")
    assert any(t == "附件1" for t in texts[index + 2 :]) or "附件：" not in "".join(texts)
