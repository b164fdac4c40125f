"""`manage.py scan_deadlines`: the daily reminder scan (run it from cron or a systemd timer)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "扫描未结期限：更新状态，为承办人和单位负责人生成即将到期、今日到期、已逾期提醒（不重复）。"
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按指定日期扫描（YYYY-MM-DD），默认今天")
        parser.add_argument(
            "--enqueue", action="store_true", help="交给 django-tasks 后台任务执行（db_worker）"
        )

    def handle(self, *args, **options):
        from fazhi.core.changes import prune
        from fazhi.deadlines.services import scan_deadlines
        from fazhi.deadlines.tasks import scan_deadlines_task

        if options["enqueue"]:
            result = scan_deadlines_task.enqueue()
            self.stdout.write(f"已加入后台任务队列：{result.id}")
            return
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError as exc:
            raise CommandError("日期格式应为 YYYY-MM-DD。") from exc
        report = scan_deadlines(today=today)
        self.stdout.write(
            f"{report.today:%Y-%m-%d}：状态更新 {report.states_changed} 项，"
            f"临近或逾期 {report.open_due} 项，新提醒 {report.reminders_created} 条。"
        )
        # the daily job also drops the change log's old rows (`fazhi.core.changes`)
        self.stdout.write(f"已清理两天前的数据变更记录 {prune()} 条。")
