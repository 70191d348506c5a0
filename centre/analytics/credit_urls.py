"""/console/credit/ (namespace "credit"): grades, a subject's grade and history, the red and black lists,
a complaint's finding."""

from __future__ import annotations

from django.urls import path

from centre.analytics import credit_views_html as views

app_name = "credit"

urlpatterns = [
    path("", views.grades, name="grades"),
    path("lists/", views.lists, name="lists"),
    path("lists/propose", views.propose, name="propose"),
    path("lists/<int:entry_id>/removal", views.propose_removal, name="propose_removal"),
    path("lists/<int:entry_id>/decide", views.decide, name="decide"),
    path("complaints/<str:uid>/finding", views.finding, name="finding"),  # the form on a complaint's page
    path("<str:subject>/<str:subject_id>", views.subject_page, name="subject"),
]
