"""`manage.py annual_report`: the file, the stored export, and bad input leaving nothing behind."""

import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document

from fazhi.reports.models import Report, ReportExport

pytestmark = pytest.mark.django_db


def test_writes_the_docx_for_the_short_unit_name(
    seed_values, office_staff, government, template, tmp_path
):
    from fazhi.reports import services

    services.report_create(actor=office_staff, unit=government, year=2024, template=template)
    out = tmp_path / "report.docx"
    stdout = io.StringIO()
    call_command(
        "annual_report",
        unit="蒸湘区人民政府",
        year=2024,
        out=str(out),
        signed_on="2025-01-22",
        stdout=stdout,
    )
    document = Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "衡阳市蒸湘区人民政府关于2024年法治政府建设情况的报告" in text
    assert text.rstrip().endswith("2025年1月22日") or "2025年1月22日" in text
    export = ReportExport.objects.get()
    assert export.size == out.stat().st_size
    assert "已导出" in stdout.getvalue()
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]


def test_year_without_data_fails_clearly_and_leaves_no_file(figures, government, tmp_path):
    out = tmp_path / "report.docx"
    out.write_bytes(b"previous")
    with pytest.raises(CommandError, match="2019年没有任何统计数据"):
        call_command("annual_report", unit="蒸湘区人民政府", year=2019, out=str(out))
    assert out.read_bytes() == b"previous"  # not overwritten
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"]  # no temporary file left
    assert not Report.objects.filter(year=2019).exists()  # nothing stored either


def test_unknown_unit_and_missing_directory(figures, government, tmp_path):
    with pytest.raises(CommandError, match="没有名为“不存在局”的单位"):
        call_command("annual_report", unit="不存在局", year=2024, out=str(tmp_path / "r.docx"))
    with pytest.raises(CommandError, match="输出目录不存在"):
        call_command(
            "annual_report", unit="蒸湘区人民政府", year=2024, out=str(tmp_path / "no" / "r.docx")
        )
