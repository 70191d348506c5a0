"""The traffic light a person at the door sees: green, yellow or red, the reasons behind it and what to do, in
Chinese or English (one at a time). Pure rules over what the centre knows (public_status.CredentialView and the
holder's standing); the view gathers the facts (centre/credentials/standing.py).

Green: issued, current, unexpired, background check clear, training passed, health check and insurance valid.
Yellow: all that, but the health check or insurance lapsed, a complaint staff sent to the agency is open, or the
check or the training is not on the centre's record yet. Red: suspended, revoked, replaced, expired, not issued, unsynced, unknown, forged
(refused), or an adverse background check.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from centre.credentials import qr_trust
from centre.credentials.public_status import CredentialView
from wirecontract.qrpayload import VerificationReason

LANGUAGES = ("zh", "en")


@dataclass(frozen=True)
class Text:
    zh: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


@dataclass(frozen=True)
class Standing:
    """What the centre knows of the holder beyond the credential: from its identity registry and workflows."""

    background_check: str | None  # clear | adverse | pending | None (never checked)
    training_passed: bool
    open_complaints: int


@dataclass(frozen=True)
class Reason:
    ok: bool
    text: Text


@dataclass(frozen=True)
class Light:
    colour: str  # green | yellow | red
    headline: Text
    reasons: tuple[Reason, ...]
    advice: Text

    def to_json(self, lang: str) -> dict[str, Any]:
        return {"light": self.colour, "headline": self.headline(lang),
                "reasons": [{"ok": r.ok, "text": r.text(lang)} for r in self.reasons], "advice": self.advice(lang)}  # fmt: skip


HEADLINES = {
    "valid": Text("有效", "Valid"),
    "attention": Text("请注意", "Attention"),
    "not_issued": Text("尚未发证", "Not issued"),
    "replaced": Text("已被取代", "Replaced"),
    "suspended": Text("已暂停", "Suspended"),
    "revoked": Text("已注销", "Revoked"),
    "expired": Text("已过期", "Expired"),
    "unsynced": Text("无法确认", "Cannot be confirmed"),
    "unknown": Text("无法核验", "Cannot be verified"),
    "refused": Text("无效（可能伪造）", "Invalid (possibly forged)"),
    "adverse": Text("请勿接受服务", "Do not accept the service"),
}

RED_REASONS = {
    "not_issued": Text("该证件尚未正式发放，持证人不能凭此证上门服务。", "This credential was never issued: it does not allow home service."),
    "replaced": Text("该卡已被第 {what} 版取代，此卡作废。", "This card was replaced by version {what}; this card is void."),
    "suspended": Text("该证件已被中心暂停使用。", "The centre suspended this credential."),
    "revoked": Text("该证件已被注销。", "This credential was revoked."),
    "expired": Text("该证件已超过有效期。", "This credential has expired."),
    "unsynced": Text("中心尚无该证件的记录，无法确认其真实有效。", "The centre has no record of this credential: it cannot be confirmed."),
    "unknown": Text("未找到该证件，或二维码不是本系统签发的。", "No such credential, or the QR code is not from this system."),
}  # fmt: skip

ADVICE = {
    "green": Text("可以接受服务。请核对照片与本人一致。", "You may accept the service. Check that the photo matches the person."),
    "yellow": Text("证件有效，但有需要注意的事项（见上）。可以接受服务，也可以联系机构了解情况。",
                   "The credential is valid, with points to note (above). You may accept the service, or call the agency first."),
    "red": Text("请勿接受其上门服务。如有疑问请联系发证机构；如怀疑伪造，请投诉或报警。",
                "Do not accept the service. Call the issuing agency if in doubt; if you suspect forgery, complain or call the police."),
}  # fmt: skip

# The refusals' sentences are the centre's own constants (qr_trust) and the wire contract's reasons: a table.
_REFUSALS_EN = {
    qr_trust.COMPROMISED: "The issuing terminal was revoked by the centre (its key may have leaked): its cards are void.",
    qr_trust.NOT_THE_AGENCYS: "The credential number does not belong to the issuing agency: the card is forged.",
    qr_trust.SIGNED_AFTER_RETIREMENT: "Signed after the issuing terminal was retired: not valid.",
    qr_trust.HOLDER_DIFFERS: "The holder on the QR code differs from the centre's record: possibly forged.",
    qr_trust.EXPIRY_DIFFERS: "The validity on the QR code differs from the centre's record: possibly altered.",
    qr_trust.VERSION_UNKNOWN: "The centre has no record of this card version: possibly forged.",
    qr_trust.OTHER_AGENCY: "The centre's record gives this credential to another agency: the card is forged.",
    **{r.explain("zh"): r.explain("en") for r in VerificationReason},
}  # fmt: skip

_LAPSED_EN = {"健康体检": "health check", "保险": "insurance"}


def light_of(view: CredentialView, standing: Standing | None) -> Light:
    """The light for a page view; `standing` is None where the centre vouches for no one (unknown, refused…)."""
    if view.state == "refused":
        reason = view.detail[0] if view.detail else ""
        return _red(
            "refused", Reason(False, Text(reason, _REFUSALS_EN.get(reason, "The QR code failed verification.")))
        )
    if view.state in RED_REASONS:
        red = RED_REASONS[view.state]
        what = view.detail[0] if view.detail else ""
        return _red(view.state, Reason(False, Text(red.zh.format(what=what), red.en.format(what=what))))
    assert standing is not None, "an issued credential is judged with its holder's standing"
    reasons = [Reason(True, Text("已发证，为当前版本，在有效期内", "Issued, current version, within its validity"))]
    if standing.background_check == "adverse":
        return _red("adverse", Reason(False, Text("背景审查未通过", "The background check is adverse")), *reasons)
    yellow = False
    check_clear = standing.background_check == "clear"
    yellow |= not check_clear
    reasons.append(Reason(check_clear, Text("背景审查：无不良记录", "Background check: clear") if check_clear else
                          Text("背景审查结果尚未返回", "The background check has no result yet")))  # fmt: skip
    yellow |= not standing.training_passed
    reasons.append(Reason(standing.training_passed, Text("岗前培训合格", "Pre-service training passed") if
                          standing.training_passed else Text("中心尚无培训合格记录", "No passed training on the centre's record")))  # fmt: skip
    lapsed = view.detail if view.state == "attention" else ()
    yellow |= bool(lapsed)
    if lapsed:
        reasons.append(Reason(False, Text("、".join(lapsed) + "已过期",
                                          " and ".join(_LAPSED_EN.get(x, x) for x in lapsed) + " lapsed")))  # fmt: skip
    else:
        reasons.append(Reason(True, Text("健康体检与保险在有效期内", "Health check and insurance valid")))
    if standing.open_complaints:
        yellow = True
        reasons.append(Reason(False, Text(f"有 {standing.open_complaints} 件投诉正在处理",
                                          f"{standing.open_complaints} complaint(s) being handled")))  # fmt: skip
    colour = "yellow" if yellow else "green"
    return Light(colour, HEADLINES["attention" if yellow else "valid"], tuple(reasons), ADVICE[colour])


def _red(state: str, *reasons: Reason) -> Light:
    return Light("red", HEADLINES[state], reasons, ADVICE["red"])
