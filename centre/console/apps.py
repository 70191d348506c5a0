from __future__ import annotations

from django.apps import AppConfig


class ConsoleConfig(AppConfig):
    name = "centre.console"
    label = "console"
    verbose_name = "中心管理台 / console"
