"""What a worker is told when an activation is refused (one language at a time, decided by type)."""

from __future__ import annotations

from wirecontract.errors import ExplainedError, Text


class ActivationRefused(ExplainedError):
    """The link is not one the centre can act on; `why` says which rule refused it."""

    code = "ecard_activation_refused"
    zh_template = "无法开通电子证件：{why}"
    en_template = "The electronic credential cannot be activated: {why}"


NOT_A_LINK = Text("不是本系统的开通链接", "this is not an activation link of this system")
FORGED = Text("签名不正确，链接可能是伪造的", "the signature is wrong: the link may be forged")
UNTRUSTED = Text("签发终端未登记或已被吊销", "the issuing terminal is not enrolled or was revoked")
OTHER_AGENCY = Text(
    "链接不是由证件所属机构的终端签发的", "the link was not made by a terminal of the credential's agency"
)
EXPIRED = Text("开通链接已过期，请到机构重新领取", "the link has expired: ask the agency for a new one")
USED = Text(
    "开通码已使用过，每个开通码只能用于一部手机", "the code was already used: each code activates one phone only"
)
SUPERSEDED = Text("机构已签发更新的开通链接，请使用最新的", "the agency made a newer link since: use the newest one")
BAD_KEY = Text("手机未能生成有效的密钥", "the phone did not send a valid key")
CARD_REFUSED = Text("证件二维码未通过核验", "the credential's QR code failed verification")


def not_live(zh: str, en: str) -> Text:
    return Text(f"证件当前不可用（{zh}）", f"the credential is not usable now ({en})")
