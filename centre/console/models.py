"""What the console keeps of its own: the agencies' admission decisions (准入), newest last. An agency with no
decision is pending; only an admitted one may get enrolment codes (centre/terminals/enrolment.py asks)."""

from __future__ import annotations

from django.db import models


class AgencyAdmission(models.Model):
    agency = models.ForeignKey("terminals.Agency", on_delete=models.PROTECT, related_name="admissions")
    status = models.CharField(max_length=16, help_text="admitted | suspended | refused")
    reason = models.TextField()
    decided_by = models.CharField(max_length=150)
    decided_at = models.DateTimeField()

    class Meta:
        db_table = "agency_admissions"
        indexes = [models.Index(fields=["agency", "-decided_at"], name="ix_admission_latest")]

    def __str__(self) -> str:
        return f"{self.agency_id}: {self.status}"


class WorkerIndex(models.Model):
    """The look-up's index of workers, one row per worker record, kept from the records terminals push
    (search_index.py): the columns people search by, each with its own index, so a prefix search stays fast at a
    million workers. The records stay the source; this table can be rebuilt from them at any time."""

    worker_uid = models.CharField(max_length=64, primary_key=True)
    agency_id = models.CharField(max_length=64)
    name = models.CharField(max_length=200, db_index=True)
    pinyin = models.CharField(max_length=200, db_index=True, help_text="full pinyin, lower case, no spaces")
    initials = models.CharField(max_length=50, db_index=True, help_text="pinyin initials: wxy for 王秀英")
    id_number = models.CharField(max_length=32, db_index=True, help_text="normalised")
    id_reversed = models.CharField(max_length=32, db_index=True, help_text="reversed: a suffix search is a prefix")
    phone = models.CharField(max_length=32, db_index=True)
    registered_at = models.DateTimeField(null=True)
    released = models.BooleanField(default=False)
    simulated = models.BooleanField(default=False)
    record_version = models.IntegerField()

    class Meta:
        db_table = "console_worker_index"
        indexes = [models.Index(fields=["agency_id", "name"], name="ix_wi_agency_name")]

    def __str__(self) -> str:
        return f"{self.name} ({self.worker_uid})"


class WorkerLink(models.Model):
    """Which record is about which worker (training, health check, insurance, contract, evaluation, complaint,
    integrity, credential): the trace's way from a worker to everything about them without reading JSON."""

    entity = models.CharField(max_length=32)
    entity_uid = models.CharField(max_length=64)
    worker_uid = models.CharField(max_length=64, db_index=True)

    class Meta:
        db_table = "console_worker_links"
        constraints = [models.UniqueConstraint(fields=["entity", "entity_uid"], name="one_link_per_record")]

    def __str__(self) -> str:
        return f"{self.entity} {self.entity_uid} → {self.worker_uid}"


class IndexMark(models.Model):
    """How far the look-up index has read the records: (updated_at, id) of the last one read."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    updated_at = models.DateTimeField(null=True)
    record_id = models.BigIntegerField(default=0)

    class Meta:
        db_table = "console_index_mark"

    def __str__(self) -> str:
        return f"read up to {self.updated_at} #{self.record_id}"


class TerminalContact(models.Model):
    """A terminal's latest signed request as the centre saw it: when, and how far its clock (as it sends it, after
    its own correction from the centre's time) stood from the centre's."""

    terminal_id = models.CharField(max_length=32, primary_key=True)
    last_seen_at = models.DateTimeField()
    clock_drift_seconds = models.IntegerField(help_text="the terminal's request time minus the centre's")
    client = models.CharField(max_length=120, blank=True, help_text="the User-Agent it sent")

    class Meta:
        db_table = "console_terminal_contact"

    def __str__(self) -> str:
        return f"{self.terminal_id} at {self.last_seen_at}"
