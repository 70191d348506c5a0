"""Read-only API tokens for the competent authority's systems (the /api/ routes): `terminal-server token add
--role regulator` prints one once; only its SHA-256 is kept. A token reads as `hsa_<key id>_<secret>`: the key id
finds the row, the hash of the whole token is compared in constant time."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.http import HttpRequest
from ninja.security import HttpBearer

from centre.analytics.errors import CreditRefused
from centre.analytics.models import AuthorityToken
from wirecontract.errors import Text
from wirecontract.protocol import utc_now

PREFIX = "hsa"
ROLES = ("regulator",)  # read-only: every /api/ route only reads
TOUCH_EVERY = dt.timedelta(minutes=5)  # last_used_at is written at most this often (a read must not write each time)


def _sha256(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def issue(role: str, label: str = "", now: dt.datetime | None = None) -> str:
    """A new token for `role`; returned once, kept only as its hash."""
    if role not in ROLES:
        raise CreditRefused(why=Text(f"令牌角色须为 {', '.join(ROLES)}", f"a token's role is one of {', '.join(ROLES)}"))
    key_id = secrets.token_hex(6)
    token = f"{PREFIX}_{key_id}_{secrets.token_urlsafe(32)}"
    AuthorityToken.objects.create(key_id=key_id, token_sha256=_sha256(token), role=role, label=label.strip()[:200],
                                  created_at=now or utc_now())  # fmt: skip
    return token


def revoke(key_id: str, now: dt.datetime | None = None) -> bool:
    return bool(AuthorityToken.objects.filter(pk=key_id, revoked_at__isnull=True).update(revoked_at=now or utc_now()))


def holder_of(token: str, now: dt.datetime | None = None) -> AuthorityToken | None:
    """The live token row this token is, or None (unknown, malformed, revoked)."""
    parts = token.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1].isalnum():
        return None
    row = AuthorityToken.objects.filter(pk=parts[1], revoked_at__isnull=True).first()
    if row is None or not hmac.compare_digest(row.token_sha256, _sha256(token.strip())):
        return None
    now = now or utc_now()
    if row.last_used_at is None or now - row.last_used_at > TOUCH_EVERY:
        AuthorityToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row


class AuthorityBearer(HttpBearer):
    """`Authorization: Bearer hsa_…`; anything else is answered 401 by the API."""

    def authenticate(self, request: HttpRequest, token: str) -> AuthorityToken | None:
        return holder_of(token)
