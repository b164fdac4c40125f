from django.apps import AppConfig


class EmploymentConfig(AppConfig):
    name = "fazhi.employment"
    label = "employment"
    verbose_name = "就业服务"
