"""Clients' evaluations of a service, one per contract, from the evaluation slip the agency's terminal printed."""

from __future__ import annotations

from django.db import models


class Evaluation(models.Model):
    uid = models.CharField(max_length=32, primary_key=True)
    contract_uid = models.CharField(max_length=64, unique=True, help_text="one evaluation per contract")
    code = models.CharField(max_length=16, unique=True, help_text="the slip's code: names this contract only")
    worker_uid = models.CharField(max_length=64, db_index=True)
    agency_id = models.CharField(max_length=64, help_text="the agency whose terminal signed the slip")
    service_type = models.CharField(max_length=16)
    scores = models.JSONField(help_text="dimension code → 1..5 (centre/evaluations/standard.json)")
    overall = models.FloatField()
    comment = models.TextField(blank=True, help_text="plain text, at most COMMENT_LIMIT characters; never marked up")
    editor_hash = models.CharField(max_length=64, help_text="SHA-256 of the token the evaluating browser keeps")
    revision = models.IntegerField(default=1)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        db_table = "consumer_evaluations"
        # The analytics follower reads new and changed rows in (updated_at, uid) order (analytics/facts.py).
        indexes = [models.Index(fields=["updated_at", "uid"], name="ix_evaluations_follow")]

    def __str__(self) -> str:
        return f"evaluation {self.uid} of {self.contract_uid}"
