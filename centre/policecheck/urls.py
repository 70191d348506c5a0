"""/console/policecheck/ (namespace "policecheck"); the import's address is one of centre.limits.UPLOAD_PATHS."""

from __future__ import annotations

from django.urls import path

from centre.policecheck import views

app_name = "policecheck"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("batches/", views.new_batch, name="new-batch"),
    path("batches/<str:uid>.xlsx", views.batch_file, name="batch-file"),
    path("import/", views.import_file, name="import"),
    path("import/<str:uid>/apply/", views.apply_import, name="apply"),
    path("results/", views.enter_result, name="enter"),
]
