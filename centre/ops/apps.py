from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "centre.ops"
    label = "ops"
    verbose_name = "运行 · Operations"
