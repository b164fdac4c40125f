from django.apps import AppConfig


class RecipeAppConfig(AppConfig):
    name = "fazhi.core.tests.recipe_app"
    label = "recipe_app"
    verbose_name = "示例登记簿"
