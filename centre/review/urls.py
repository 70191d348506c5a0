"""/console/review/ (namespace "review")."""

from __future__ import annotations

from django.urls import path

from centre.review import views

app_name = "review"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<str:uid>/", views.item, name="item"),
    path("<str:uid>/decide/", views.decide, name="decide"),
]
