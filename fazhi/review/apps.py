from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "fazhi.review"
    label = "review"
    verbose_name = "合法性审查"

    def ready(self):
        from fazhi.review import workbench  # noqa: F401 - registers the 工作台 provider
