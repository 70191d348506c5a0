"""The back office's view of the credential register (read-only: decisions go through the staff commands)."""

from __future__ import annotations

from django.contrib import admin

from centre.credentials.models import Credential
from centre.terminals.admin import ReadOnly


@admin.register(Credential)
class CredentialAdmin(ReadOnly):
    list_display = ("credential_no", "agency_id", "state", "version", "hold", "valid_to", "updated_at")
    list_filter = ("state", "hold")
    search_fields = ("credential_no",)
    exclude = ("holder_name",)  # personal data: shown masked on the public page, in full only through audited views
