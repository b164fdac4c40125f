from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "fazhi.indicators"
    label = "indicators"
    verbose_name = "指标与统计"

    def ready(self) -> None:
        from fazhi.indicators.registry import autodiscover

        autodiscover()
