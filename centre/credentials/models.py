"""The credential status register: what the public page and platforms are told about each credential."""

from __future__ import annotations

from django.db import models


class Credential(models.Model):
    """One credential: its lifecycle state as the centre accepted it, and any centre decision that holds it."""

    credential_no = models.CharField(max_length=64, primary_key=True)
    entity_uid = models.CharField(max_length=64, null=True)
    agency_id = models.CharField(max_length=64, null=True)
    worker_uid = models.CharField(max_length=64, blank=True)
    holder_name = models.CharField(max_length=200, null=True)
    state = models.CharField(max_length=16, default="applied", help_text="the lifecycle state (centre.credentials.lifecycle)")
    version = models.IntegerField(default=1, help_text="the current card version; older versions are replaced")
    hold = models.CharField(max_length=16, blank=True, help_text="'' | suspended | revoked | returned: the centre's decision")
    status_version = models.IntegerField(default=0, help_text="counts the centre's decisions")
    status_reason = models.TextField(null=True)
    valid_from = models.CharField(max_length=10, null=True)
    health_valid_to = models.CharField(max_length=10, null=True)
    insurance_valid_to = models.CharField(max_length=10, null=True)
    valid_to = models.CharField(max_length=10, null=True)
    simulated = models.BooleanField(default=False)
    updated_at = models.DateTimeField()

    class Meta:
        db_table = "credentials"
        # The analytics follower reads changed credentials in (updated_at, number) order (analytics/facts.py).
        indexes = [models.Index(fields=["updated_at", "credential_no"], name="ix_credentials_follow")]

    def __str__(self) -> str:
        return f"{self.credential_no} ({self.state})"


class WorkerPhoto(models.Model):
    """The worker's photo as the owning agency sent it (the face printed on the card), for the verification page.
    One per worker: a later worker event with a photo replaces it. Kept apart from the worker's record so the
    record's JSON, read and rewritten with every event, stays small."""

    worker_uid = models.CharField(max_length=64, primary_key=True)
    agency_id = models.CharField(max_length=64, help_text="the agency that sent it; shown only on its credentials")
    mime = models.CharField(max_length=32)
    data = models.BinaryField(help_text="at most wirecontract.photo.MAX_PHOTO_BYTES")
    source = models.CharField(max_length=8, help_text="card (decoded from the ID card) | camera | file")
    record_version = models.IntegerField(help_text="the worker record's version that carried it")
    updated_at = models.DateTimeField()

    class Meta:
        db_table = "worker_photos"

    def __str__(self) -> str:
        return f"photo of {self.worker_uid} ({self.source})"
