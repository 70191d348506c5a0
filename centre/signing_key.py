"""The centre's own Ed25519 key: it signs every answer to a terminal, the trust list and the enrolment codes'
fingerprint names it. Kept outside the database (a database dump must not let anyone speak as the centre):
CENTRE_SIGNING_KEY_FILE, else `signing-key` in the centre's home, created once with mode 0600.

Rotation (`terminal-server key rotate`, centre/ops/key_rotation.py, docs/keys-and-trust.md): the old key signs a
hand-over to the new one (wirecontract/keyhandover.py), kept beside the key as `signing-key.handover` and sent with
every answer, so enrolled terminals move to the new key without enrolling again."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from centre import config
from wirecontract.keyhandover import Link, decode_chain, encode_chain
from wirecontract.protocol import centre_key_fingerprint
from wirecontract.signing import TerminalKey, b64url, b64url_decode

ENV_SIGNING_KEY_FILE = "CENTRE_SIGNING_KEY_FILE"


def key_path() -> Path:
    named = os.environ.get(ENV_SIGNING_KEY_FILE, "").strip()
    return Path(named) if named else config.centre_home() / "signing-key"


def handover_path() -> Path:
    return key_path().with_name(key_path().name + ".handover")


def ensure_signing_key() -> None:
    """Create the key file once; another process of the same installation creating it first is fine."""
    path = key_path()
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w", encoding="ascii") as out:
        out.write(b64url(TerminalKey.generate().private_raw) + "\n")


@functools.cache
def centre_key() -> TerminalKey:
    path = key_path()
    try:
        raw = b64url_decode(path.read_text(encoding="ascii").strip())
    except FileNotFoundError as exc:
        raise config.ConfigurationError(f"the centre's signing key {path} is missing: run `terminal-server serve` "
                                        "or `terminal-server init` once",
                                        f"中心签名密钥 {path} 不存在：请先运行一次 `terminal-server serve` 或 "
                                        "`terminal-server init`") from exc  # fmt: skip
    except ValueError as exc:
        raise config.ConfigurationError(f"the centre's signing key {path} is not base64url",
                                        f"中心签名密钥 {path} 不是 base64url 文本") from exc
    if len(raw) != 32:
        raise config.ConfigurationError(f"the centre's signing key {path} is not a 32-byte Ed25519 key",
                                        f"中心签名密钥 {path} 不是 32 字节的 Ed25519 密钥")
    return TerminalKey(raw)


def fingerprint(code_secret: str) -> str:
    """The fingerprint an enrolment code with this secret carries (wirecontract.protocol.centre_key_fingerprint)."""
    return centre_key_fingerprint(centre_key().public_raw, code_secret)


@functools.cache
def handover_chain() -> list[Link]:
    """The links from every earlier key of this centre to the current one (empty before the first rotation)."""
    path = handover_path()
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return []
    try:
        return decode_chain(text)
    except ValueError as exc:
        raise config.ConfigurationError(f"the centre's key hand-over {path} is damaged: {exc}",
                                        f"中心密钥交接文件 {path} 已损坏：{exc}") from exc


@functools.cache
def handover_header() -> str:
    """The chain as the X-Centre-Key-Handover header carries it ('' when there is none)."""
    chain = handover_chain()
    return encode_chain(chain) if chain else ""
