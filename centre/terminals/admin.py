"""The back office's view of agencies, terminals and enrolment codes: read-only here; changes go through the
staff commands (terminal-server agency|enrol-code|terminal), which apply the rules and tell the agencies."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from centre.terminals.models import Agency, EnrolmentCode, Terminal


class ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Agency)
class AgencyAdmin(ReadOnly):
    list_display = ("id", "name", "district", "created_at")
    search_fields = ("id", "name")


@admin.register(Terminal)
class TerminalAdmin(ReadOnly):
    list_display = ("id", "agency", "terminal_number", "key_id", "enrolled_at", "revoked", "compromised")
    list_filter = ("revoked", "compromised")
    search_fields = ("id", "agency__name", "terminal_number")
    exclude = ("public_key",)


@admin.register(EnrolmentCode)
class EnrolmentCodeAdmin(ReadOnly):
    list_display = ("agency", "created_at", "expires_at", "used_at", "used_by")
    exclude = ("code",)  # a code is a secret until used: the command that made it showed it once
