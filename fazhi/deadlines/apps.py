from django.apps import AppConfig


class DeadlinesConfig(AppConfig):
    name = "fazhi.deadlines"
    label = "deadlines"
    verbose_name = "法定期限"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each register declares its period rules in <app>/deadlines.py.
        autodiscover_modules("deadlines")

        from fazhi.core.workflow import STEP_EFFECTS
        from fazhi.deadlines.steps import clock_effect

        if clock_effect not in STEP_EFFECTS:
            STEP_EFFECTS.append(clock_effect)
