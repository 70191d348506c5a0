"""Every address the centre serves."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path

from centre.analytics.api import authority_api
from centre.api import api
from centre.credentials import views as credential_views
from centre.health import healthz
from centre.ops.metrics import metrics_view
from centre.ratelimits import public_status_page, rate_limited
from wirecontract import protocol as p

# The public pages: per-client rate limits, never cached (centre/ratelimits.py).
verify_page = public_status_page("verification-page", "CENTRE_RATE_VERIFY")(credential_views.verification_page)

# Each sign-in attempt costs an argon2 hash, even for an unknown name: limited per client so that guessing neither
# works nor slows the public page (django-axes with its lockout comes with the console).
admin.site.login = rate_limited("admin-login", "CENTRE_RATE_LOGIN")(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path(p.API.lstrip("/") + "/", api.urls),
    path("V/<str:payload>", verify_page, name="verification-page"),
    path("", include("centre.public.urls")),  # the consumer pages: assets, evaluation, complaints, e-credential
    path("", include("centre.ecard.urls")),  # the electronic credential: /A/ activation, /e/ card, /E/ check
    # No public status by number: sequential numbers could be walked. The QR's signed payload is the key.
    path("healthz", healthz, name="healthz"),  # not rate-limited: load balancers and terminals' doctor poll it
    path("admin/", admin.site.urls),
    path("metrics", metrics_view, name="metrics"),  # for the operator's Prometheus only: a bearer token
    path("console/review/", include("centre.review.urls")),
    path("console/policecheck/", include("centre.policecheck.urls")),
    path("console/complaints/", include("centre.complaints.urls")),
    path("console/integrity/", include("centre.integrity.urls")),
    path("api/", authority_api.urls),  # the competent authority's read-only API (centre/analytics/api.py)
    path("console/credit/", include("centre.analytics.credit_urls")),  # credit grades and the red and black lists
    path("console/analytics/", include("centre.analytics.dashboard_urls")),  # statistics, trends, outlook, supervision
    path("console/", include("centre.console.urls")),
]
