"""The consumer pages' addresses (included from centre/urls.py): assets, evaluations, complaints, the electronic
credential. The verification page /V/ stays beside the terminal API in centre/urls.py."""

from __future__ import annotations

from django.urls import path

from centre.evaluations import views as evaluation_views
from centre.public import complaint_views
from centre.public.assets import asset

urlpatterns = [
    path("p/<str:name>", asset, name="public-asset"),
    path("S/", evaluation_views.code_page, name="evaluation-code"),
    path("S/<str:payload>", evaluation_views.slip_page, name="evaluation-slip"),
    path("complain", complaint_views.complain, name="complain"),
    path("complain/state", complaint_views.complaint_state, name="complaint-state"),
    # Staff only (a console sign-in with a viewing role): consumers' photos are never public.
    path(
        "console/consumer-complaints/<str:uid>/photo/<int:position>",
        complaint_views.complaint_photo,
        name="complaint-photo",
    ),
]
