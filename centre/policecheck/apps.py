from django.apps import AppConfig


class PoliceCheckConfig(AppConfig):
    name = "centre.policecheck"
    label = "policecheck"
    verbose_name = "公安核查 · Police check"
