"""/console/analytics/ (namespace "analytics"): the analysis dashboards and their exports."""

from __future__ import annotations

from django.urls import path

from centre.analytics import views_dashboards as views

app_name = "analytics"

urlpatterns = [
    path("", views.statistics_page, name="statistics"),
    path("statistics.xlsx", views.statistics_export, name="statistics-xlsx"),
    path("trends/", views.trends_page, name="trends"),
    path("outlook/", views.outlook_page, name="outlook"),
    path("supervision/", views.supervision_page, name="supervision"),
    path("report.pdf", views.report_file, {"kind": "pdf"}, name="report-pdf"),
    path("report.xlsx", views.report_file, {"kind": "xlsx"}, name="report-xlsx"),
]
