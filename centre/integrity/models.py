"""Integrity records about workers and agencies, with evidence and a validity period (诚信信息)."""

from __future__ import annotations

from django.db import models


class IntegrityRecord(models.Model):
    uid = models.CharField(max_length=32, primary_key=True)
    subject = models.CharField(max_length=8, help_text="worker | agency")
    id_number = models.CharField(max_length=32, blank=True, db_index=True, help_text="the worker's (normalised)")
    agency_id = models.CharField(max_length=64, db_index=True, help_text="the agency, or the worker's agency then")
    polarity = models.CharField(max_length=8, help_text="positive | negative")
    category = models.CharField(max_length=32)
    description = models.TextField()
    evidence_note = models.TextField(blank=True, help_text="what proves it (document numbers, where it is kept)")
    evidence_name = models.CharField(max_length=200, blank=True)
    evidence_mime = models.CharField(max_length=40, blank=True)
    evidence_data = models.BinaryField(null=True, help_text="at most rules.MAX_EVIDENCE_BYTES")
    valid_from = models.DateField()
    valid_to = models.DateField()
    recorded_by = models.CharField(max_length=150)
    recorded_at = models.DateTimeField()

    class Meta:
        db_table = "integrity_records"
        indexes = [
            models.Index(fields=["subject", "agency_id"], name="ix_integrity_subject"),
            models.Index(fields=["recorded_at", "uid"], name="ix_integrity_follow"),  # analytics/facts.py reads in this order
        ]

    def __str__(self) -> str:
        return f"{self.polarity} {self.category} ({self.subject})"
