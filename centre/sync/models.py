"""What terminals delivered (events), what it amounts to (records, identities) and what the centre decided
(the decisions feed terminals pull)."""

from __future__ import annotations

from django.db import models

# The complaint workflow owns its model now (centre/complaints); the push still imports it from here.
from centre.complaints.models import Complaint as Complaint


class Event(models.Model):
    """Every event a terminal delivered, once, with the verdict the centre gave it."""

    event_id = models.CharField(max_length=64, primary_key=True)
    terminal = models.ForeignKey("terminals.Terminal", on_delete=models.PROTECT, db_constraint=True)
    seq = models.BigIntegerField()
    entity = models.CharField(max_length=32)
    entity_uid = models.CharField(max_length=64)
    record_version = models.IntegerField()
    kind = models.CharField(max_length=64)
    payload = models.JSONField()
    provenance = models.JSONField(null=True)
    simulated = models.BooleanField()
    created_at = models.CharField(max_length=40, help_text="the terminal's time, as sent")
    content_sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=16, help_text="accepted | rejected")
    parked = models.BooleanField(default=False, help_text="accepted, waits for an earlier version")
    reject_code = models.CharField(max_length=64, null=True)
    reject_reason = models.TextField(null=True)
    received_at = models.DateTimeField()

    class Meta:
        db_table = "events"
        indexes = [
            models.Index(fields=["terminal", "status"], name="ix_events_terminal_status"),
            models.Index(fields=["entity", "entity_uid", "record_version"], name="ix_events_record"),
            # Each push looks up its sequence numbers (sequence.py); recovery reads a terminal's events by number.
            models.Index(fields=["terminal", "seq"], name="ix_events_terminal_seq"),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} ({self.kind} {self.status})"


class Record(models.Model):
    """The current state of each record, its versions applied in order."""

    entity = models.CharField(max_length=32)
    entity_uid = models.CharField(max_length=64)
    version = models.IntegerField()
    agency_id = models.CharField(max_length=64)
    data = models.JSONField()
    simulated = models.BooleanField(default=False)
    updated_at = models.DateTimeField()

    class Meta:
        db_table = "records"
        constraints = [models.UniqueConstraint(fields=["entity", "entity_uid"], name="one_record_per_uid")]

    def __str__(self) -> str:
        return f"{self.entity} {self.entity_uid} v{self.version}"


class IdentityRegistration(models.Model):
    """Which agency registered a person, over time: one current (unreleased) registration per ID number
    (谁发证谁负责); released ones stay as the person's history across agencies."""

    id_number = models.CharField(max_length=32, db_index=True, help_text="normalised (wirecontract.identity)")
    agency_id = models.CharField(max_length=64)
    worker_uid = models.CharField(max_length=64)
    simulated = models.BooleanField(default=False)
    registered_at = models.DateTimeField(null=True)
    released_at = models.DateTimeField(null=True)
    release_reason = models.TextField(blank=True)

    class Meta:
        db_table = "identity_registry"
        constraints = [
            models.UniqueConstraint(fields=["id_number"], condition=models.Q(released_at__isnull=True),
                                    name="one_current_agency_per_person"),
        ]  # fmt: skip
        # Ingest and the public standing look people up by the worker uid an agency registered them under.
        indexes = [
            models.Index(fields=["worker_uid"], name="ix_identity_worker_uid"),
            # The analytics follower reads releases in (released_at, id) order (analytics/facts.py).
            models.Index(fields=["released_at", "id"], name="ix_identity_released",
                         condition=models.Q(released_at__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.worker_uid}"


class BackgroundCheck(models.Model):
    """A police-check result the centre posted; the latest per person decides whether a credential may go on."""

    id_number = models.CharField(max_length=32, db_index=True)
    result = models.CharField(max_length=16, help_text="clear | adverse | pending")
    checked_at = models.DateTimeField()

    class Meta:
        db_table = "background_checks"
        indexes = [models.Index(fields=["checked_at", "id"], name="ix_background_follow")]

    def __str__(self) -> str:
        return f"{self.result} at {self.checked_at:%Y-%m-%d}"


class Decision(models.Model):
    """The feed terminals pull: what the centre decided, in `seq` order. No agency: it reaches everyone."""

    seq = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=32)
    data = models.JSONField()
    agency_id = models.CharField(max_length=64, null=True, db_index=True)
    created_at = models.DateTimeField()

    class Meta:
        db_table = "decisions"

    def __str__(self) -> str:
        return f"#{self.seq} {self.kind}"
