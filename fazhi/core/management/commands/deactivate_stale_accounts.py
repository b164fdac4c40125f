"""Daily job (security.md A1): deactivate accounts unused for 90 days and delete their sessions."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from fazhi.core.accounts import deactivate, stale_accounts


class Command(BaseCommand):
    help = "停用超过规定天数未登录的账号（默认90天），并删除其会话。"

    def handle(self, *args, **options):
        days = settings.STALE_ACCOUNT_AFTER.days
        users = list(stale_accounts(get_user_model()))
        for user in users:
            deactivate(user, reason=f"超过{days}天未登录（定期清理）")
        self.stdout.write(f"已停用 {len(users)} 个超过{days}天未登录的账号。")
