from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "系统管理"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, post_save, pre_save

        from fazhi.core import accounts, audit, changes, db_roles, lockout, otp_secrets, sanitise  # noqa: F401
        from fazhi.core.models import User

        post_migrate.connect(db_roles.grant_runtime_role_after_migrate, sender=self)
        post_migrate.connect(changes.attach_triggers_after_migrate, sender=self)
        pre_save.connect(sanitise.strip_invisible, dispatch_uid="fazhi_strip_invisible")
        pre_save.connect(accounts.remember_previous_state, sender=User, dispatch_uid="fazhi_acct")
        post_save.connect(accounts.end_sessions_on_change, sender=User, dispatch_uid="fazhi_acct")
        otp_secrets.connect()
