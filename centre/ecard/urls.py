"""The electronic credential's addresses (included from centre/urls.py)."""

from __future__ import annotations

from django.urls import path

from centre.ecard import views
from centre.ratelimits import public_status_page, rate_limited

# A shown code is checked like the printed card's QR: per-client limit, never cached (centre/ratelimits.py).
verify_page = public_status_page("ecard-verification", "CENTRE_RATE_VERIFY")(views.verification_page)
activation = rate_limited("ecard-activation-page", "CENTRE_RATE_VERIFY")(views.activation_page)

urlpatterns = [
    path("A/<str:payload>", activation, name="ecard-activation"),
    path("E/<str:payload>", verify_page, name="ecard-verification"),
    path("e/", views.card_page, name="ecard-card"),
    path("e/check", views.offline_check_page, name="ecard-offline-check"),
    path("e/manifest.webmanifest", views.manifest, name="ecard-manifest"),
    path("e/status/<str:phone_id>", views.phone_status, name="ecard-status"),
]
