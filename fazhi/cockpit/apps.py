from django.apps import AppConfig


class CockpitConfig(AppConfig):
    name = "fazhi.cockpit"
    label = "cockpit"
    verbose_name = "督察看板"
