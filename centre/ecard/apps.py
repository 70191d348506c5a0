from django.apps import AppConfig


class EcardConfig(AppConfig):
    name = "centre.ecard"
    label = "ecard"
    verbose_name = "电子证件 · Electronic credentials"
