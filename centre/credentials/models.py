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

    def __str__(self) -> str:
        return f"{self.credential_no} ({self.state})"
