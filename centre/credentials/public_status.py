"""What the public verification page says about a credential: a state with its words. Pure rules: the
caller looks the credential up and passes its fields in.

States: valid (green), attention (yellow: health check or insurance lapsed), suspended, revoked, expired,
unknown, unsynced (signature good, centre has no record yet) and refused (the QR failed verification).
The holder's name is shown masked to all but the first character.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

STATES: dict[str, tuple[str, str, str]] = {
    "valid": ("有效", "green", "该上门服务证有效。"),
    "attention": ("请注意", "yellow", "证件有效，但{what}已过期，请提醒持证人尽快更新。"),
    "suspended": ("已暂停", "red", "该证件已被暂停使用，请勿接受其上门服务。"),
    "revoked": ("已吊销", "red", "该证件已被吊销，请勿接受其上门服务。"),
    "expired": ("已过期", "red", "该证件已超过有效期。"),
    "unknown": ("无法核验", "red", "未找到该证件，或二维码不是本系统签发的。请谨慎对待。"),
    "unsynced": ("签名有效", "yellow", "二维码签名有效，但中心尚未收到该证件的同步记录，无法确认实时状态。"),
    "refused": ("无效", "red", "{what}"),
}


@dataclass(frozen=True)
class CredentialView:
    state: str
    credential_no: str
    holder: str
    valid_to: str | None
    lapsed: tuple[str, ...]  # what lapsed ("attention"), or the refusal's explanation ("refused")
    simulated: bool

    @property
    def title(self) -> str:
        return STATES[self.state][0]

    @property
    def tone(self) -> str:
        return STATES[self.state][1]

    @property
    def text(self) -> str:
        if self.state == "refused" and self.lapsed:
            return self.lapsed[0]
        return STATES[self.state][2].format(what="、".join(self.lapsed))


UNKNOWN = CredentialView("unknown", "", "", None, (), False)


@dataclass(frozen=True)
class RegisterEntry:
    """The status register's fields the page needs (centre.credentials.models.Credential)."""

    credential_no: str
    status: str
    holder_name: str | None
    valid_to: str | None
    health_valid_to: str | None
    insurance_valid_to: str | None
    simulated: bool


def view_of(entry: RegisterEntry | None, credential_no: str, today: dt.date) -> CredentialView:
    if entry is None:
        return CredentialView("unknown", credential_no, "", None, (), False)
    lapsed = tuple(
        label
        for label, until in (("健康体检", entry.health_valid_to), ("保险", entry.insurance_valid_to))
        if until and until < today.isoformat()
    )
    if entry.status in ("revoked", "suspended"):
        state = entry.status
    elif entry.valid_to and entry.valid_to < today.isoformat():
        state = "expired"
    else:
        state = "attention" if lapsed else "valid"
    return CredentialView(state, credential_no, mask_name(entry.holder_name or ""), entry.valid_to, lapsed,
                          entry.simulated)  # fmt: skip


def mask_name(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 0)
