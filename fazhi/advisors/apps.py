from django.apps import AppConfig


class AdvisorsConfig(AppConfig):
    name = "fazhi.advisors"
    label = "advisors"
    verbose_name = "法律顾问"

    def ready(self):
        from fazhi.advisors import workbench  # noqa: F401 - registers the 工作台 provider
