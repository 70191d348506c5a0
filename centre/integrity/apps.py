from django.apps import AppConfig


class IntegrityConfig(AppConfig):
    name = "centre.integrity"
    label = "integrity"
    verbose_name = "诚信信息 · Integrity records"
