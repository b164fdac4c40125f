"""`manage.py annual_report --unit 蒸湘区人民政府 --year 2024 --out report.docx`

Opens the body's report for the year (creating it with a first draft if there is none), runs the
checks, and writes the 公文 .docx (or a PDF with `--format pdf`). The file is written to a
temporary file beside the target and renamed, so a failed export leaves no half-written file.
Warnings are printed and kept with the export record; errors refuse the export.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fazhi.reports import services
from fazhi.reports.models import Report
from fazhi.reports.selectors import unit_by_name


class Command(BaseCommand):
    help = "生成法治政府建设年度报告（公文格式 .docx，可选 PDF）。"

    def add_arguments(self, parser):
        parser.add_argument("--unit", required=True, help="报告主体，如“蒸湘区人民政府”")
        parser.add_argument("--year", required=True, type=int, help="报告年度，如 2024")
        parser.add_argument("--out", required=True, help="输出文件路径，如 report.docx")
        parser.add_argument("--format", choices=["docx", "pdf"], default="", help="默认按扩展名")
        parser.add_argument(
            "--redraft", action="store_true", help="按提纲和最新数据重新生成初稿后再导出"
        )
        parser.add_argument("--signed-on", default="", help="成文日期 YYYY-MM-DD（默认今天）")
        parser.add_argument(
            "--confirm-changes",
            action="store_true",
            help="已导出的版本数字有变化时，确认以最新数据另存为新版本并导出（否则列出变化并停止）",
        )

    def handle(self, *args, **options):
        out = Path(options["out"]).expanduser()
        fmt = options["format"] or ("pdf" if out.suffix.lower() == ".pdf" else "docx")
        if not out.parent.exists():
            raise CommandError(f"输出目录不存在：{out.parent}")
        try:
            with transaction.atomic():
                export = self._export(options, fmt)
        except services.FiguresChanged as exc:
            raise CommandError(
                exc.messages[0] + "（如确认，请加 --confirm-changes 重新运行）"
            ) from None
        except ValidationError as exc:
            raise CommandError("\n".join(exc.messages)) from None
        _write_atomically(out, bytes(export.content))
        for warning in export.warnings:
            where = f"［{warning['section_title']}］" if warning.get("section_title") else ""
            self.stdout.write(self.style.WARNING(f"警示{where}{warning['message']}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"已导出 {out}（第{export.version.number}版，{export.size} 字节，"
                f"警示 {len(export.warnings)} 条，已随版本保存）。"
            )
        )

    def _export(self, options, fmt):
        unit = unit_by_name(options["unit"])
        report = Report.objects.filter(unit=unit, year=options["year"]).first()
        if report is None:
            report = services.report_create(
                actor=None,
                unit=unit,
                year=options["year"],
                signed_on=_date(options["signed_on"]),
            )
            self.stdout.write(f"已为{unit}创建{report.year}年度报告并生成初稿。")
        elif options["redraft"]:
            services.problems_propose(actor=None, report=report)
            services.report_redraft(actor=None, report=report)
        if options["signed_on"]:
            report.signed_on = _date(options["signed_on"])
            report.save(update_fields=["signed_on"])
        return services.report_export(
            actor=None, report=report, fmt=fmt, confirm=options["confirm_changes"]
        )


def _date(text: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"成文日期“{text}”格式应为 YYYY-MM-DD。") from None


def _write_atomically(target: Path, content: bytes) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".annual-report-", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
