"""The audit chain: entries in `position` order, each with its predecessor's hash, and the head that says how
long the chain is and what its last hash is (so a removed last entry is found too)."""

from __future__ import annotations

from django.db import models


class AuditEntry(models.Model):
    position = models.BigIntegerField(unique=True, help_text="1, 2, 3 … without gaps")
    at = models.DateTimeField(db_index=True)
    actor = models.CharField(max_length=150, db_index=True, help_text="a staff user name, or who ran a command")
    action = models.CharField(max_length=64, db_index=True)
    subject = models.CharField(max_length=200, db_index=True, help_text="what it was about, as kind:id")
    detail = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        db_table = "audit_entries"
        ordering = ["position"]

    def __str__(self) -> str:
        return f"#{self.position} {self.actor} {self.action} {self.subject}"


class AuditHead(models.Model):
    """One row: the chain's length and last hash. Appending locks it, so two appends never share a predecessor."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    length = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    class Meta:
        db_table = "audit_head"

    def __str__(self) -> str:
        return f"{self.length} entries"
