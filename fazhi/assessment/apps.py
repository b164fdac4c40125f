from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "fazhi.assessment"
    label = "assessment"
    verbose_name = "法治政府建设示范创建评估"
