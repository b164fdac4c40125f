"""Deploy check (security.md A1): exits non-zero if a default account name exists or an active
account uses a password published in this repository (demo or test fixtures)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from fazhi.core.accounts import account_findings


class Command(BaseCommand):
    help = "部署前检查：不得存在默认账号名或使用公开演示/测试密码的账号。"

    def handle(self, *args, **options):
        findings = account_findings(get_user_model())
        if findings:
            raise CommandError("账号检查未通过：" + "；".join(findings))
        self.stdout.write("账号检查通过：没有默认账号，没有公开密码。")
