"""Daily: first-instance judgments take effect once every party's appeal period ended with no
appeal (《行政诉讼法》第八十五条)."""

from datetime import date

from django.core.management.base import BaseCommand

from fazhi.litigation.services import scan_effective


class Command(BaseCommand):
    help = "行政应诉每日扫描：一审裁判生效。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--today", type=date.fromisoformat, default=None, help="按指定日期扫描（YYYY-MM-DD）"
        )

    def handle(self, *args, today=None, **options):
        effective = scan_effective(today=today)
        for lawsuit in effective:
            self.stdout.write(f"{lawsuit.court_case_number}：{lawsuit.get_status_display()}")
        self.stdout.write(f"一审裁判生效 {len(effective)} 件。")
