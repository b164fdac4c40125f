from django.core.management.base import BaseCommand
from django.db import connection, transaction

from fazhi.demo.loader import load_demo
from fazhi.demo.users import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "载入演示区（衡阳市蒸湘区，结构为示意）及每个角色的演示账号。可重复执行。"

    def handle(self, *args, **options):
        with transaction.atomic():
            summary = load_demo()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # fresh planner statistics for the pages' first visitors
        for line in summary:
            self.stdout.write(line)
        self.stdout.write(f"\n演示账号（密码均为 {DEMO_PASSWORD}）：")
        for username, full_name, _title, unit, roles in DEMO_USERS:
            labels = "、".join(role.label for role in roles)
            self.stdout.write(f"  {username:<11} {full_name}（{unit}，{labels}）")
        self.stdout.write("依法治区办、复议人员和三员账号首次登录须绑定动态口令（TOTP）。")
