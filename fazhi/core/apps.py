from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "fazhi.core"
    label = "core"
    verbose_name = "系统管理"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, pre_save

        from fazhi.core import audit, db_roles, lockout, sanitise  # noqa: F401  (signal receivers)

        post_migrate.connect(db_roles.grant_runtime_role_after_migrate, sender=self)
        pre_save.connect(sanitise.strip_invisible, dispatch_uid="fazhi_strip_invisible")
