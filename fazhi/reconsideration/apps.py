from django.apps import AppConfig


class ReconsiderationConfig(AppConfig):
    name = "fazhi.reconsideration"
    label = "reconsideration"
    verbose_name = "行政复议"

    def ready(self):
        from fazhi.reconsideration import workbench  # noqa: F401 - registers the 工作台 provider
