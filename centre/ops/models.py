"""What the centre knows about each terminal's contact, for watching it (centre/ops/metrics.py): when it was last
seen and which decision it has pulled up to. Written at most once a minute per terminal and process, so the
table costs the API nothing it would notice."""

from __future__ import annotations

from django.db import models


class TerminalActivity(models.Model):
    terminal_id = models.CharField(max_length=32, primary_key=True)
    last_seen_at = models.DateTimeField(help_text="the last signed request the centre answered")
    pull_cursor = models.BigIntegerField(null=True, help_text="the cursor of its latest pull: the decisions it holds")

    class Meta:
        db_table = "terminal_activity"
        verbose_name_plural = "terminal activity"

    def __str__(self) -> str:
        return f"{self.terminal_id} seen {self.last_seen_at:%Y-%m-%d %H:%M}"
