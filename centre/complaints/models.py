"""Complaints (投诉): registered at the centre (hotline, the consumer page, the command line), sent to the agency
that answers for the person, answered from the agency's terminal, followed by staff to closure.

The model moved here from centre/sync (migration complaints 0001 takes over the existing `complaints` table)."""

from __future__ import annotations

from django.db import models

from centre.complaints.rules import Source, Status


class Complaint(models.Model):
    uid = models.CharField(max_length=64, primary_key=True)
    reference = models.CharField(max_length=20, unique=True, null=True,
                                 help_text="the complainant's reference (rules.new_reference)")  # fmt: skip
    source = models.CharField(max_length=16, default=Source.COMMAND.value, help_text="hotline | consumer | command")
    id_number = models.CharField(max_length=32, db_index=True, blank=True, help_text="the person complained about")
    agency_id = models.CharField(max_length=64, null=True, db_index=True, help_text="the agency that answers")
    credential_no = models.CharField(max_length=64, blank=True)
    summary = models.TextField()
    complainant_name = models.CharField(max_length=100, blank=True)
    complainant_phone = models.CharField(max_length=32, blank=True)
    received_at = models.DateTimeField()
    registered_by = models.CharField(max_length=150, blank=True, help_text="staff user name ('' for the public)")
    status = models.CharField(max_length=16, default=Status.REGISTERED.value, db_index=True,
                              help_text="registered | with_agency | resolved | escalated | closed")  # fmt: skip
    sent_at = models.DateTimeField(null=True, help_text="last sent to the agency")
    due_at = models.DateTimeField(null=True, db_index=True, help_text="the agency's answer is due")
    resolved_at = models.DateTimeField(null=True)
    resolution = models.TextField(blank=True, help_text="the agency's answer, from its terminal")
    escalation_reason = models.TextField(blank=True)
    closed_at = models.DateTimeField(null=True)
    closing_note = models.TextField(blank=True)
    updated_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "complaints"
        # The analytics follower reads changed complaints in (updated_at, uid) order (analytics/facts.py).
        indexes = [models.Index(fields=["updated_at", "uid"], name="ix_complaints_follow")]

    def __str__(self) -> str:
        return f"{self.reference or self.uid} ({self.status})"
