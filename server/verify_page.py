"""The public page a phone opens from the credential's QR code: live status in Chinese, phone-sized.

States: valid (green), attention (yellow: health check or insurance lapsed), suspended, revoked, expired,
unknown (red). The holder's name is shown masked to all but the first character.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from server.models import Credential, Terminal
from terminal.core.errors import InvalidInput
from wirecontract.signing import b64url_decode
from wirecontract import qrpayload

_STATES = {
    "valid": ("有效", "#1a7f37", "该上门服务证有效。"),
    "attention": ("请注意", "#b58100", "证件有效，但{what}已过期，请提醒持证人尽快更新。"),
    "suspended": ("已暂停", "#c62828", "该证件已被暂停使用，请勿接受其上门服务。"),
    "revoked": ("已吊销", "#c62828", "该证件已被吊销，请勿接受其上门服务。"),
    "expired": ("已过期", "#c62828", "该证件已超过有效期。"),
    "unknown": ("无法核验", "#c62828", "未找到该证件，或二维码不是本系统签发的。请谨慎对待。"),
    "unsynced": ("签名有效", "#b58100", "二维码签名有效，但中心尚未收到该证件的同步记录，无法确认实时状态。"),
    "refused": ("无效", "#c62828", "{what}"),
}


@dataclass(frozen=True)
class CredentialView:
    state: str
    credential_no: str
    holder: str
    valid_to: str | None
    lapsed: tuple[str, ...]  # what lapsed ("attention"), or the refusal's explanation ("refused")
    simulated: bool


def credential_view(session: Session, credential_no: str, today: dt.date) -> CredentialView:
    row = session.get(Credential, credential_no)
    if row is None:
        return CredentialView("unknown", credential_no, "", None, (), False)
    lapsed = tuple(
        label
        for label, until in (("健康体检", row.health_valid_to), ("保险", row.insurance_valid_to))
        if until and until < today.isoformat()
    )
    if row.status in ("revoked", "suspended"):
        state = row.status
    elif row.valid_to and row.valid_to < today.isoformat():
        state = "expired"
    else:
        state = "attention" if lapsed else "valid"
    holder = (row.holder_name or "")[:1] + "*" * max(len(row.holder_name or "") - 1, 0)
    return CredentialView(state, credential_no, holder, row.valid_to, lapsed, row.simulated)


def render_page(view: CredentialView) -> str:
    title, colour, text = _STATES[view.state]
    text = text.format(what="、".join(view.lapsed))
    if view.state == "refused":
        text = view.lapsed[0] if view.lapsed else text
    rows = [("证件编号", view.credential_no)]
    if view.holder:
        rows.append(("持证人", view.holder))
    if view.valid_to:
        rows.append(("有效期至", view.valid_to))
    details = "".join(f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
    demo = '<p class="demo">演示数据，非真实证件</p>' if view.simulated else ""
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>上门服务证核验 - {html.escape(title)}</title>
<style>
body {{ font-family: sans-serif; margin: 0; padding: 16px; max-width: 480px; }}
.state {{ background: {colour}; color: #fff; border-radius: 12px; padding: 20px; text-align: center; }}
.state h1 {{ margin: 0; font-size: 2em; }}
table {{ width: 100%; margin-top: 16px; border-collapse: collapse; }}
th {{ text-align: left; color: #555; width: 6em; }}
th, td {{ padding: 6px 0; border-bottom: 1px solid #eee; }}
.demo {{ color: #c62828; font-weight: bold; }}
</style></head>
<body>
<div class="state" data-state="{view.state}"><h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></div>
{demo}<table>{details}</table>
<p><small>上海市上门服务证核验（实时状态）</small></p></body></html>
"""


def render_by_number(session: Session, credential_no: str) -> tuple[int, str]:
    """Live status by credential number (for centre staff and the agency)."""
    view = credential_view(session, credential_no, dt.date.today())
    return (404 if view.state == "unknown" else 200), render_page(view)


def render_verification(session: Session, scanned: str, allow_demo: bool) -> tuple[int, str]:
    """The QR flow: check the signed payload offline-style, then add the centre's live status."""
    try:
        key_id = qrpayload.decode(scanned).terminal_key_id
    except InvalidInput:
        return 404, render_page(CredentialView("unknown", "", "", None, (), False))
    terminal = session.scalars(select(Terminal).where(Terminal.key_id == key_id)).first()
    known = {key_id: b64url_decode(terminal.public_key)} if terminal else {}
    result = qrpayload.verify(scanned, known, allow_demo=allow_demo)
    claims = result.credential.claims if result.credential else None
    if claims is None:
        return 404, render_page(CredentialView("unknown", "", "", None, (), False))
    if not result.valid:
        explained = CredentialView(
            "refused", claims.credential_no, "", None, (result.reason.explain("zh"),), claims.demo
        )
        return 200, render_page(explained)
    view = credential_view(session, claims.credential_no, dt.date.today())
    if view.state == "unknown":
        view = CredentialView("unsynced", claims.credential_no, "", claims.valid_to.isoformat(), (), claims.demo)
    return 200, render_page(view)
