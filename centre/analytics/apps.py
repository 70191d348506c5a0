from __future__ import annotations

from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "centre.analytics"
    label = "analytics"
    verbose_name = "分析与诚信评价 / analysis and credit evaluation"
    default_auto_field = "django.db.models.BigAutoField"
