from django.apps import AppConfig


class CredentialsConfig(AppConfig):
    name = "centre.credentials"
    label = "credentials"
    verbose_name = "上门服务证 · Credentials"
