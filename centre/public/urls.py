"""The consumer pages' addresses (included from centre/urls.py): assets, evaluations, complaints, the electronic
credential. The verification page /V/ stays beside the terminal API in centre/urls.py."""

from __future__ import annotations

from django.urls import path

from centre.evaluations import views as evaluation_views
from centre.public import complaint_views
from centre.public.assets import asset
from centre.ratelimits import rate_limited

# Every consumer page also counts against the client's page rate (as the verification page does); their writes
# and look-ups have their own, tighter limits (centre/public/limits.py).
consumer_page = rate_limited("consumer-pages", "CENTRE_RATE_VERIFY")

urlpatterns = [
    path("p/<str:name>", asset, name="public-asset"),
    path("S/", consumer_page(evaluation_views.code_page), name="evaluation-code"),
    path("S/<str:payload>", consumer_page(evaluation_views.slip_page), name="evaluation-slip"),
    path("complain", consumer_page(complaint_views.complain), name="complain"),
    path("complain/state", consumer_page(complaint_views.complaint_state), name="complaint-state"),
    # Staff only (a console sign-in with a viewing role): consumers' photos are never public.
    path(
        "console/consumer-complaints/<str:uid>/photo/<int:position>",
        complaint_views.complaint_photo,
        name="complaint-photo",
    ),
]
