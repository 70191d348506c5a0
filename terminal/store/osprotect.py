"""Operating-system key protection: Windows DPAPI (machine scope) or the system keyring.

DPAPI is reached through ctypes (no pywin32 needed) and is verified on Windows only. The keyring
protector keeps a random wrapping key in the keyring; keys.json keeps only the wrapped database key.
"""

from __future__ import annotations

import base64
import ctypes
import secrets
import sys
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from terminal.core.errors import KeyUnavailable

KEYRING_SERVICE = "shanghai-home-service-terminal"
_CRYPTPROTECT_LOCAL_MACHINE = 0x4
_CRYPTPROTECT_UI_FORBIDDEN = 0x1


class _Blob(ctypes.Structure):
    _fields_ = [("cbData", ctypes.c_uint32), ("pbData", ctypes.POINTER(ctypes.c_char))]


def _dpapi(data: bytes, protect: bool) -> bytes:  # pragma: no cover - Windows only
    crypt32 = ctypes.windll.crypt32  # type: ignore[attr-defined]
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    buf = ctypes.create_string_buffer(data, len(data))
    blob_in = _Blob(len(data), ctypes.cast(buf, ctypes.POINTER(ctypes.c_char)))
    blob_out = _Blob()
    flags = _CRYPTPROTECT_LOCAL_MACHINE | _CRYPTPROTECT_UI_FORBIDDEN
    fn = crypt32.CryptProtectData if protect else crypt32.CryptUnprotectData
    ok = fn(ctypes.byref(blob_in), None, None, None, None, flags, ctypes.byref(blob_out))
    if not ok:
        raise KeyUnavailable(detail="DPAPI")
    try:
        return ctypes.string_at(blob_out.pbData, blob_out.cbData)
    finally:
        kernel32.LocalFree(blob_out.pbData)


def _dpapi_wrap(key: bytes) -> dict[str, Any]:  # pragma: no cover - Windows only
    return {"blob": base64.b64encode(_dpapi(key, True)).decode("ascii")}


def _dpapi_unwrap(entry: dict[str, Any]) -> bytes:  # pragma: no cover - Windows only
    return _dpapi(base64.b64decode(entry["blob"]), False)


def _keyring_usable() -> bool:
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:  # a broken keyring backend must never stop the terminal: fall back to other protectors
        return False
    return not isinstance(backend, fail.Keyring) and getattr(backend, "priority", 0) > 0


def _keyring_wrap(key: bytes) -> dict[str, Any]:
    import keyring

    account = secrets.token_hex(8)
    kek = secrets.token_bytes(32)
    keyring.set_password(KEYRING_SERVICE, account, kek.hex())
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(kek).encrypt(nonce, key, b"terminal-db-key")
    return {
        "account": account,
        "nonce": base64.b64encode(nonce).decode("ascii"),
        "wrapped": base64.b64encode(wrapped).decode("ascii"),
    }


def _keyring_unwrap(entry: dict[str, Any]) -> bytes:
    import keyring

    stored = keyring.get_password(KEYRING_SERVICE, entry["account"])
    if stored is None:
        raise KeyUnavailable(detail="keyring entry missing")
    try:
        return AESGCM(bytes.fromhex(stored)).decrypt(
            base64.b64decode(entry["nonce"]), base64.b64decode(entry["wrapped"]), b"terminal-db-key"
        )
    except (InvalidTag, ValueError) as exc:
        raise KeyUnavailable(detail="keyring entry does not match") from exc


def available() -> tuple[str, Any] | None:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return "dpapi", (_dpapi_wrap, _dpapi_unwrap)
    if _keyring_usable():
        return "keyring", (_keyring_wrap, _keyring_unwrap)
    return None
