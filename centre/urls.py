"""Every address the centre serves."""

from __future__ import annotations

from django.contrib import admin
from django.urls import path

from centre.api import api
from centre.credentials import views as credential_views
from centre.health import healthz
from wirecontract import protocol as p

urlpatterns = [
    path(p.API.lstrip("/") + "/", api.urls),
    path("V/<str:payload>", credential_views.verification_page, name="verification-page"),
    path("c/<str:credential_no>", credential_views.status_by_number, name="status-by-number"),
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
