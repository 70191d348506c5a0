"""The back office's view of what terminals sent and what the centre decided (read-only). Payloads carry
personal data and are left out of the lists; the console (with its audited views) shows them."""

from __future__ import annotations

from django.contrib import admin

from centre.sync.models import Decision, Event
from centre.terminals.admin import ReadOnly


@admin.register(Event)
class EventAdmin(ReadOnly):
    list_display = ("event_id", "terminal", "entity", "record_version", "kind", "status", "reject_code", "received_at")
    list_filter = ("status", "entity", "reject_code")
    exclude = ("payload", "provenance")


@admin.register(Decision)
class DecisionAdmin(ReadOnly):
    list_display = ("seq", "kind", "agency_id", "created_at")
    list_filter = ("kind",)
    exclude = ("data",)
