from django.apps import AppConfig


class TerminalsConfig(AppConfig):
    name = "centre.terminals"
    label = "terminals"
    verbose_name = "机构与终端 · Agencies and terminals"
