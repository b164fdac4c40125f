from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "fazhi.indicators"
    label = "indicators"
    verbose_name = "指标与统计"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from fazhi.indicators.registry import autodiscover

        autodiscover()
        post_migrate.connect(_sync_catalog, sender=self)


def _sync_catalog(sender, **kwargs):
    """Code-registered indicators are written into the catalog after every migrate."""
    from fazhi.indicators.catalog import catalog_sync

    catalog_sync()
