"""Benchmark: the whole annual report for one district-year at city scale.

Data: `manage.py synth --districts 10 --years 5` (run here if missing). For 合成一区 and 2024 it
times, best and median of 7 runs:
- the whole report from nothing: open it (duties with their deadlines, problems proposed from the
  compliance checks, first draft from the phrase templates) and export the 公文 .docx (figures,
  checks before export, document, export record) — each run rolled back so the next starts clean;
- exporting an existing draft again (figures, checks, .docx);
- the same through `manage.py annual_report` (in-process call_command, file written atomically).
Target: the whole report under 5 s.

Usage: DATABASE_URL=… DJANGO_SETTINGS_MODULE=config.settings .venv/bin/python bench/bench_report.py
"""

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402

from fazhi.core.models import Division, Unit  # noqa: E402
from fazhi.demo.synth import CITY, run_synth  # noqa: E402
from fazhi.reports import services  # noqa: E402
from fazhi.reports.assemble import build  # noqa: E402

DISTRICTS, YEARS, YEAR = 10, 5, 2024
RUNS = 7
TARGET_S = 5.0
BODY = "合成一区人民政府"


class Rollback(Exception):
    pass


def timed(func) -> list[float]:
    times = []
    for _ in range(RUNS):
        try:
            with transaction.atomic():
                start = time.perf_counter()
                result = func()
                times.append(time.perf_counter() - start)
                timed.last = result
                raise Rollback
        except Rollback:
            pass
    return times


def line(label: str, times: list[float], target: float | None = None) -> str:
    best, median = min(times), statistics.median(times)
    verdict = "" if target is None else ("met" if best < target and median < target else "MISSED")
    return f"| {label} | {best * 1000:.0f} ms | {median * 1000:.0f} ms | {verdict} |"


def main() -> int:
    if (
        not Division.objects.filter(code=CITY[0]).exists()
        or not Unit.objects.filter(name=BODY).exists()
    ):
        print("生成合成数据（synth --districts 10 --years 5）…")
        for summary in run_synth(districts=DISTRICTS, years=YEARS):
            print(" ", summary)
    government = Unit.objects.get(name=BODY)

    def whole():
        report = services.report_create(actor=None, unit=government, year=YEAR)
        export = services.report_export(actor=None, report=report)
        return report, export

    whole_times = timed(whole)
    report, export = timed.last
    rendered_counts = (len(export.figures), len(export.warnings), export.size)

    with transaction.atomic():
        report = services.report_create(actor=None, unit=government, year=YEAR)

        def again():
            return services.report_export(actor=None, report=report)

        again_times = timed(again)

        def figures_and_checks():
            return build(report)

        build_times = timed(figures_and_checks)
        problems = report.problems.count()

        with tempfile.TemporaryDirectory() as folder:

            def command():
                call_command(
                    "annual_report",
                    unit=BODY,
                    year=YEAR,
                    out=str(Path(folder) / "report.docx"),
                    stdout=io.StringIO(),
                )

            command_times = timed(command)
        transaction.set_rollback(True)

    units = Unit.objects.filter(division__path__startswith=Division.objects.get(code=CITY[0]).path)
    print(f"数据：合成市 {units.count()} 个单位；{BODY} {YEAR} 年度。")
    print(
        f"报告：{rendered_counts[0]} 个数字，{rendered_counts[1]} 条警示，"
        f"{problems} 条问题建议，.docx {rendered_counts[2]} 字节。"
    )
    print("| measure | best | median | target < 5 s |")
    print("|---|---|---|---|")
    print(
        line(
            "whole report from nothing (open, duties, problems, draft, figures, checks, .docx)",
            whole_times,
            TARGET_S,
        )
    )
    print(
        line(
            "export an existing draft (figures, checks, .docx, export record)",
            again_times,
            TARGET_S,
        )
    )
    print(line("figures and checks only (build)", build_times))
    print(line("`manage.py annual_report` in-process (existing draft)", command_times, TARGET_S))
    worst = max(statistics.median(t) for t in (whole_times, again_times, command_times))
    return 0 if worst < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
