"""The review queue (登记审核): every worker registration and every later change of a worker's record that a
terminal pushes waits here for centre staff, who accept it or return it for correction (退回更正)."""

from __future__ import annotations

from django.db import models


class ReviewItem(models.Model):
    uid = models.CharField(max_length=32, primary_key=True)
    worker_uid = models.CharField(max_length=64, db_index=True)
    agency_id = models.CharField(max_length=64, db_index=True)
    version = models.IntegerField(help_text="the worker record's version under review (the latest pushed)")
    kind = models.CharField(max_length=16, help_text="registered | changed | corrected")
    corrects = models.CharField(max_length=32, blank=True, help_text="the returned item this correction answers")
    status = models.CharField(max_length=16, default="pending", help_text="pending | accepted | returned")
    received_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True)
    decided_by = models.CharField(max_length=150, blank=True)
    reason = models.TextField(blank=True, help_text="why it was returned")

    class Meta:
        db_table = "review_items"
        constraints = [
            models.UniqueConstraint(fields=["worker_uid"], condition=models.Q(status="pending"),
                                    name="one_pending_review_per_worker"),
        ]  # fmt: skip
        indexes = [models.Index(fields=["status", "received_at"], name="ix_review_queue")]

    def __str__(self) -> str:
        return f"{self.kind} {self.worker_uid} v{self.version} ({self.status})"
