from __future__ import annotations

from django.apps import AppConfig


class AnalyticsConfig(AppConfig):
    name = "centre.analytics"
    label = "analytics"
    verbose_name = "分析与诚信评价 / analysis and credit evaluation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from centre.analytics.credit_pages import VIEW
        from centre.complaints.templatetags.casework import lazy_text
        from centre.console.navigation import NavLink, register_link

        register_link(NavLink("credit:grades", lazy_text("诚信评价", "Credit"), VIEW, 55))
        register_link(NavLink("analytics:statistics", lazy_text("数据分析", "Analysis"), VIEW, 56))  # views_dashboards.py
