"""What the public verification page (and its JSON twin) says about a credential. Pure rules: the caller looks
the credential up and passes its fields in.

Only an issued, current-version, unexpired credential is valid. States:
valid (green); attention (yellow: issued, but the health check or insurance lapsed); not_issued (applied,
approved or printed only); replaced (an older version after a reprint); expired; suspended; revoked;
unsynced (signed by an enrolled terminal, but the centre has no record: it cannot be confirmed);
unknown (no such credential, or not a QR of this system); refused (the QR failed verification: forged, altered,
signed by a compromised or foreign terminal, or disagreeing with the centre's record).
The holder's name is shown masked to all but the first character.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

STATES: dict[str, tuple[str, str, str]] = {
    "valid": ("有效", "green", "该上门服务证有效。"),
    "attention": ("请注意", "yellow", "证件有效，但{what}已过期，请提醒持证人尽快更新。"),
    "not_issued": ("尚未发证", "red", "该证件尚未正式发放，持证人不能凭此证上门服务。"),
    "replaced": ("已被取代", "red", "该证件已被第 {what} 版取代，此卡作废。请查看持证人的最新证件。"),
    "suspended": ("已暂停", "red", "该证件已被暂停使用，请勿接受其上门服务。"),
    "revoked": ("已注销", "red", "该证件已被注销，请勿接受其上门服务。"),
    "expired": ("已过期", "red", "该证件已超过有效期。"),
    "unsynced": ("无法确认", "red", "中心尚无该证件的记录，无法确认其真实有效。请联系发证机构核实。"),
    "unknown": ("无法核验", "red", "未找到该证件，或二维码不是本系统签发的。请谨慎对待。"),
    "refused": ("无效", "red", "{what}"),
}

# The states of a credential the centre holds: a card was made for a person the owning agency registered, so the
# page shows that person's photo for the consumer at the door to compare. Never for unsynced, unknown or refused:
# there the centre vouches for no one, and a forged QR must not be able to show a real person's face.
PHOTO_STATES = frozenset({"valid", "attention", "not_issued", "replaced", "suspended", "revoked", "expired"})


@dataclass(frozen=True)
class CredentialView:
    state: str
    credential_no: str
    holder: str
    valid_to: str | None
    detail: tuple[str, ...]  # what lapsed (attention), the newer version (replaced), the refusal's reason (refused)
    simulated: bool
    version: int | None = None

    @property
    def title(self) -> str:
        return STATES[self.state][0]

    @property
    def tone(self) -> str:
        return STATES[self.state][1]

    @property
    def shows_photo(self) -> bool:
        return self.state in PHOTO_STATES

    @property
    def text(self) -> str:
        return STATES[self.state][2].format(what="、".join(self.detail))

    def to_json(self) -> dict[str, Any]:
        return {"state": self.state, "title": self.title, "text": self.text, "tone": self.tone,
                "credential_no": self.credential_no or None, "holder": self.holder or None, "version": self.version,
                "valid_to": self.valid_to, "simulated": self.simulated}  # fmt: skip


UNKNOWN = CredentialView("unknown", "", "", None, (), False)


def refused(credential_no: str, reason: str, simulated: bool = False) -> CredentialView:
    return CredentialView("refused", credential_no, "", None, (reason,), simulated)


@dataclass(frozen=True)
class RegisterEntry:
    """The status register's fields the page needs (centre.credentials.models.Credential)."""

    credential_no: str
    state: str
    hold: str
    version: int
    holder_name: str | None
    valid_to: str | None
    health_valid_to: str | None
    insurance_valid_to: str | None
    simulated: bool


def view_of(entry: RegisterEntry | None, credential_no: str, today: dt.date, card_version: int | None = None) -> CredentialView:
    """The state of a credential as the centre holds it; `card_version` is the version a scanned card states."""
    if entry is None:
        return CredentialView("unknown", credential_no, "", None, (), False)
    holder = mask_name(entry.holder_name or "")

    def view(state: str, detail: tuple[str, ...] = ()) -> CredentialView:
        return CredentialView(state, credential_no, holder, entry.valid_to, detail, entry.simulated, entry.version)

    if entry.hold == "revoked" or entry.state == "revoked":
        return view("revoked")
    if entry.hold == "suspended" or entry.state == "suspended":
        return view("suspended")
    if card_version is not None and card_version < entry.version:
        return view("replaced", (str(entry.version),))
    if entry.state == "expired" or (entry.valid_to and entry.valid_to < today.isoformat()):
        return view("expired")
    if entry.state != "issued" or entry.hold == "returned":
        return view("not_issued")
    lapsed = tuple(
        label
        for label, until in (("健康体检", entry.health_valid_to), ("保险", entry.insurance_valid_to))
        if until and until < today.isoformat()
    )
    return view("attention", lapsed) if lapsed else view("valid")


def mask_name(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 0)
