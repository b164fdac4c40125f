"""Daily: deem accepted the applications whose 5-WD review ended (复议法 30(3)), flag missed
replies (复议法 70), and let first-instance judgments take effect when no appeal came."""

from datetime import date

from django.core.management.base import BaseCommand

from fazhi.litigation.services import scan_effective
from fazhi.reconsideration.services import scan_intake


class Command(BaseCommand):
    help = "复议应诉每日扫描：视为受理、逾期未答复、一审裁判生效。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="按指定日期扫描（YYYY-MM-DD）"
        )

    def handle(self, *args, today=None, **options):
        changed = scan_intake(today=today)
        effective = scan_effective(today=today)
        for case in changed:
            self.stdout.write(f"{case.case_number}：{case.get_status_display()}")
        self.stdout.write(f"行政复议案件更新 {len(changed)} 件；一审裁判生效 {len(effective)} 件。")
