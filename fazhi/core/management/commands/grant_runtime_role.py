from django.core.management.base import BaseCommand

from fazhi.core.db_roles import RUNTIME_ROLE, grant_runtime_role


class Command(BaseCommand):
    help = "为运行时数据库角色授权，并收回其对审计表的修改、删除、清空权限。"

    def add_arguments(self, parser):
        parser.add_argument("--role", default=RUNTIME_ROLE)

    def handle(self, *args, role, **options):
        tables = grant_runtime_role(role)
        self.stdout.write(f"已为 {role} 授权；{len(tables)} 张审计表只可追加。")
