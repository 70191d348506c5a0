from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "centre.evaluations"
    label = "evaluations"
    verbose_name = "服务评价 · Evaluations"
