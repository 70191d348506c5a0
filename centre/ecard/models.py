"""Phones holding an electronic credential: the key each registered with a one-time activation code, and the
centre's certificate of it. One active phone per credential; a later activation voids the one before."""

from __future__ import annotations

from django.db import models


class Phone(models.Model):
    id = models.CharField(max_length=32, primary_key=True, help_text="random; the phone asks for its status by it")
    credential_no = models.CharField(max_length=64, db_index=True)
    version = models.IntegerField(help_text="the card version certified; a reprint needs a new activation")
    agency_id = models.CharField(max_length=64)
    terminal_key_id = models.CharField(max_length=16, help_text="the terminal that signed the activation link")
    code_ref = models.CharField(max_length=64, unique=True, help_text="SHA-256 of key id and code: each code once")
    link_issued = models.BigIntegerField(help_text="when the terminal made the link (unix seconds)")
    public_key = models.CharField(max_length=100, help_text="the phone's raw key, base64url: Ed25519 or a P-256 point")
    card_digest = models.CharField(max_length=64, help_text="SHA-256 of the card's QR URL (hex)")
    certified_at = models.BigIntegerField(help_text="unix seconds, signed into the certificate")
    voided_at = models.DateTimeField(null=True, help_text="a later activation replaced this phone")

    class Meta:
        db_table = "ecard_phones"

    def __str__(self) -> str:
        return f"phone {self.id} for {self.credential_no} v{self.version}"
