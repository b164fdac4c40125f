"""Daily: deem accepted the applications whose 5-WD review ended (复议法 30(3)), flag missed
replies (复议法 70), and open the 15-day window to sue of 复议前置 cases left undecided (复议法 34).
The lawsuits' own daily scan is `litigation_scan`."""

from datetime import date

from django.core.management.base import BaseCommand

from fazhi.reconsideration.services import scan_intake


class Command(BaseCommand):
    help = "行政复议每日扫描：视为受理、逾期未答复、复议前置案件的起诉期限。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="按指定日期扫描（YYYY-MM-DD）"
        )

    def handle(self, *args, today=None, **options):
        changed = scan_intake(today=today)
        for case in changed:
            self.stdout.write(f"{case.case_number}：{case.get_status_display()}")
        self.stdout.write(f"行政复议案件更新 {len(changed)} 件。")
