from django.apps import AppConfig


class AdvisorsConfig(AppConfig):
    name = "fazhi.advisors"
    label = "advisors"
    verbose_name = "法律顾问"
