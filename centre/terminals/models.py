"""Agencies, their terminals, one-time enrolment codes and the nonces of signed requests."""

from __future__ import annotations

from django.db import models


class Agency(models.Model):
    id = models.CharField(max_length=64, primary_key=True, help_text="the agency's unified social credit code")
    name = models.CharField(max_length=200)
    district = models.CharField(max_length=32, blank=True)
    created_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "agencies"
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return f"{self.name} ({self.id})"


class Terminal(models.Model):
    id = models.CharField(max_length=32, primary_key=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="terminals")
    name = models.CharField(max_length=200, blank=True)
    public_key = models.CharField(max_length=64, help_text="raw Ed25519 key, base64url")
    key_id = models.CharField(max_length=16, unique=True)
    terminal_number = models.CharField(max_length=4, unique=True, help_text="its credential number range: SHyyyy<this>nnnnn")
    enrolled_at = models.DateTimeField()
    revoked = models.BooleanField(default=False, help_text="may no longer sync (retired or compromised)")
    revoked_at = models.DateTimeField(null=True)
    compromised = models.BooleanField(default=False, help_text="its key may be in other hands: its QR codes are void")
    revoke_reason = models.TextField(blank=True)

    class Meta:
        db_table = "terminals"

    def __str__(self) -> str:
        return f"{self.id} ({self.agency_id})"


class EnrolmentCode(models.Model):
    code = models.CharField(max_length=32, primary_key=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="enrolment_codes")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    used_by = models.CharField(max_length=32, null=True, blank=True)

    class Meta:
        db_table = "enrolment_codes"

    def __str__(self) -> str:
        return self.code


class Nonce(models.Model):
    """A signed request's nonce, kept for two clock windows so a replay is refused."""

    terminal_id = models.CharField(max_length=32)
    nonce = models.CharField(max_length=64)
    seen_at = models.BigIntegerField(db_index=True, help_text="unix seconds, for purging")

    class Meta:
        db_table = "nonces"
        constraints = [models.UniqueConstraint(fields=["terminal_id", "nonce"], name="nonce_once_per_terminal")]

    def __str__(self) -> str:
        return f"{self.terminal_id}:{self.nonce}"
