from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "centre.public"
    label = "public"
    verbose_name = "公众页面 · Public pages"
