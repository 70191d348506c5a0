"""/console/integrity/ (namespace "integrity")."""

from __future__ import annotations

from django.urls import path

from centre.integrity import views

app_name = "integrity"

urlpatterns = [
    path("", views.records, name="records"),
    path("<str:uid>/evidence", views.evidence, name="evidence"),
]
