"""/console/complaints/ (namespace "complaints")."""

from __future__ import annotations

from django.urls import path

from centre.complaints import views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("new/", views.register, name="register"),
    path("<str:uid>/", views.detail, name="detail"),
    path("<str:uid>/<str:move>/", views.move, name="move"),
]
