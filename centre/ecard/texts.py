"""The electronic credential's words on the pages the centre renders (the worker's card page and the offline
check are static and carry their own, in static/ecard/ecard.js). One language at a time."""

from __future__ import annotations

from centre.credentials.door import Text

PAGES: dict[str, dict[str, str]] = {
    "zh": {
        "title": "开通电子上门服务证", "switch": "English", "intro": "在本手机上开通电子证件。开通后可添加到主屏幕，离线也能出示。",
        "activate": "在本手机上开通", "number": "证件编号", "holder": "持证人", "agency": "发证机构", "validity": "有效期", "to": "至",
        "void_note": "开通后，此前开通的手机上的电子证件将失效。", "working": "正在生成密钥并登记…",
        "no_crypto": "本浏览器不支持所需的加密功能，请更新浏览器或换用其他浏览器。",
        "too_many": "操作过于频繁，请 {seconds} 秒后再试。", "verify_title": "电子上门服务证核验",
    },
    "en": {
        "title": "Activate the electronic credential", "switch": "中文",
        "intro": "Activate the electronic credential on this phone. Then add it to the home screen; it works offline.",
        "activate": "Activate on this phone", "number": "Credential no.", "holder": "Holder", "agency": "Issuing agency",
        "validity": "Valid", "to": "to", "void_note": "A phone activated before this one stops working.",
        "working": "Making a key and registering it…",
        "no_crypto": "This browser lacks the cryptography needed: update it or use another browser.",
        "too_many": "Too many attempts: try again in {seconds} s.", "verify_title": "Electronic credential check",
    },
}  # fmt: skip

STALE = Text("二维码已过时", "Code out of date")
VOID = Text("电子证件已失效", "E-credential void")
# What the phone's part of the chain adds to the verification page's reasons.
PHONE_CURRENT = Text(
    "电子证件：持证人本人手机刚刚生成，且为当前开通的手机", "E-credential: made just now by the holder's current phone"
)
PHONE_VOIDED = Text(
    "该手机上的电子证件已失效（已在其他手机上重新开通）",
    "This phone's e-credential was voided (activated again on another phone)",
)
PHONE_UNKNOWN = Text("该手机未在中心开通电子证件", "This phone was never activated at the centre")
