from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "centre.sync"
    label = "sync"
    verbose_name = "同步 · Sync"
