from django.apps import AppConfig


class StudyConfig(AppConfig):
    name = "fazhi.study"
    label = "study"
    verbose_name = "学法述法"
