from django.apps import AppConfig


class GovservicesConfig(AppConfig):
    name = "fazhi.govservices"
    label = "govservices"
    verbose_name = "政务服务"
