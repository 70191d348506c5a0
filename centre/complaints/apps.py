from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "centre.complaints"
    label = "complaints"
    verbose_name = "投诉 · Complaints"
