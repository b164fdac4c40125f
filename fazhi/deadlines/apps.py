from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "fazhi.deadlines"
    label = "deadlines"
    verbose_name = "法定期限"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each register declares its period rules in <app>/deadlines.py.
        autodiscover_modules("deadlines")
        from fazhi.deadlines import workbench  # noqa: F401 - registers the 工作台 provider
