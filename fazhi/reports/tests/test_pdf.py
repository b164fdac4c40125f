"""PDF through LibreOffice with the shipped font mapping, and a rendered page image.

The image (test-results/annual-report/page-1.png) shows the first page in the official layout.
Skipped with a clear message where LibreOffice or poppler is not installed.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from fazhi.reports import pdf, services
from fazhi.reports.models import ProblemState, ReportExport

pytestmark = pytest.mark.django_db
OUTPUT = Path(__file__).resolve().parents[3] / "test-results" / "annual-report"


def test_clear_message_without_libreoffice(
    seed_values, office_staff, government, template, monkeypatch
):
    report = services.report_create(
        actor=office_staff, unit=government, year=2024, template=template
    )
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    with pytest.raises(ValidationError, match="未安装 LibreOffice"):
        services.report_export(actor=office_staff, report=report, fmt="pdf")
    assert not ReportExport.objects.exists()


@pytest.mark.skipif(
    pdf.soffice_path() is None or shutil.which("pdftoppm") is None,
    reason="未安装 LibreOffice（soffice）或 poppler-utils（pdftoppm）：跳过 PDF 渲染测试。"
    "CI 通过 apt 安装 libreoffice-writer-nogui、poppler-utils 和中文字体。",
)
def test_pdf_page_image_in_the_official_layout(seed_values, office_staff, government, template):
    report = services.report_create(
        actor=office_staff, unit=government, year=2024, template=template
    )
    for problem in report.problems.all():
        services.problem_decide(actor=office_staff, problem=problem, decision=ProblemState.ACCEPTED)
    export = services.report_export(actor=office_staff, report=report, fmt="pdf")
    content = bytes(export.content)
    assert content.startswith(b"%PDF")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    target = OUTPUT / "report.pdf"
    target.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, check=True
    ).stdout.decode()
    flat = re.sub(r"\s+", "", text)
    assert "衡阳市蒸湘区人民政府关于2024年法治政府建设情况的报告" in flat
    assert "304.62万元" in flat and "—1—" in flat
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, check=True).stdout
    fonts = fonts.decode()
    assert "UMing" in fonts  # 仿宋_GB2312 mapped by fonts/fonts.conf
    assert "NotoSerifCJK" in fonts or "Noto Serif CJK" in fonts  # 方正小标宋简体
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(target), str(OUTPUT / "page")],
        check=True,
    )
    image = next(OUTPUT.glob("page-*1.png"))
    assert image.stat().st_size > 20_000
