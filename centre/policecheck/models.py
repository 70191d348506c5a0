"""Police-check batches (公安核查): who was sent for checking, the result files imported (previewed before they
are applied), and every result the centre posted with where it came from. The result itself is the sync app's
BackgroundCheck (the latest per person decides whether a credential may go on)."""

from __future__ import annotations

from django.db import models


class CheckBatch(models.Model):
    uid = models.CharField(max_length=32, primary_key=True)
    number = models.CharField(max_length=20, unique=True, help_text="e.g. HC261129-01, written in every row")
    created_at = models.DateTimeField()
    created_by = models.CharField(max_length=150)
    size = models.IntegerField()

    class Meta:
        db_table = "policecheck_batches"

    def __str__(self) -> str:
        return self.number


class CheckRequest(models.Model):
    """One person in a batch; `result` is empty until a result file (or a hand entry) answers."""

    batch = models.ForeignKey(CheckBatch, on_delete=models.PROTECT, related_name="requests")
    row_no = models.IntegerField()
    id_number = models.CharField(max_length=32, db_index=True)
    name = models.CharField(max_length=100, blank=True)
    agency_id = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=8, help_text="new | recheck")
    result = models.CharField(max_length=16, blank=True)
    answered_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "policecheck_requests"
        constraints = [models.UniqueConstraint(fields=["batch", "row_no"], name="one_row_number_per_batch")]
        indexes = [models.Index(fields=["id_number", "result"], name="ix_policecheck_open")]

    def __str__(self) -> str:
        return f"{self.batch_id} #{self.row_no}"


class ResultImport(models.Model):
    """A result file read and checked, waiting for its preview to be confirmed (or applied)."""

    uid = models.CharField(max_length=32, primary_key=True)
    batch = models.ForeignKey(CheckBatch, on_delete=models.PROTECT, related_name="imports")
    filename = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    rows = models.JSONField(help_text="[{line, row_no, id_number, name, result, note}] as read")
    uploaded_by = models.CharField(max_length=150)
    uploaded_at = models.DateTimeField()
    status = models.CharField(max_length=16, default="previewed", help_text="previewed | applied")
    applied_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "policecheck_imports"

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"


class CheckResultEntry(models.Model):
    """Where each posted result came from: an imported file, a hand entry (with its reason), the command line."""

    id_number = models.CharField(max_length=32, db_index=True)
    result = models.CharField(max_length=16)
    source = models.CharField(max_length=8, help_text="import | manual | command")
    batch = models.ForeignKey(CheckBatch, on_delete=models.PROTECT, null=True, related_name="results")
    import_run = models.ForeignKey(ResultImport, on_delete=models.PROTECT, null=True, related_name="results")
    reason = models.TextField(blank=True)
    entered_by = models.CharField(max_length=150)
    entered_at = models.DateTimeField()
    decision_seq = models.BigIntegerField(help_text="the feed entry that carried it to the agency")

    class Meta:
        db_table = "policecheck_results"

    def __str__(self) -> str:
        return f"{self.result} ({self.source})"
