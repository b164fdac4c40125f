from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    name = "fazhi.corrections"
    label = "corrections"
    verbose_name = "社区矫正"
