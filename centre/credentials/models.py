"""The credential status register: what the public page and platforms are told about each credential."""

from __future__ import annotations

from django.db import models


class Credential(models.Model):
    credential_no = models.CharField(max_length=64, primary_key=True)
    entity_uid = models.CharField(max_length=64, null=True)
    agency_id = models.CharField(max_length=64, null=True)
    holder_name = models.CharField(max_length=200, null=True)
    status = models.CharField(max_length=16, default="valid", help_text="valid | suspended | revoked")
    status_version = models.IntegerField(default=0)
    status_reason = models.TextField(null=True)
    health_valid_to = models.CharField(max_length=10, null=True)
    insurance_valid_to = models.CharField(max_length=10, null=True)
    valid_to = models.CharField(max_length=10, null=True)
    simulated = models.BooleanField(default=False)
    updated_at = models.DateTimeField()

    class Meta:
        db_table = "credentials"

    def __str__(self) -> str:
        return f"{self.credential_no} ({self.status})"
