from django.apps import AppConfig


class NormdocsConfig(AppConfig):
    name = "fazhi.normdocs"
    label = "normdocs"
    verbose_name = "行政规范性文件"

    def ready(self):
        from fazhi.normdocs import receivers  # noqa: F401 - signal receivers
