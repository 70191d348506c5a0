"""The database key and the protectors that wrap it.

A random 256-bit key encrypts the database. It is never stored in plain text: keys.json holds it wrapped
(AES-256-GCM) by each protector —
- `recovery`: a key derived (Argon2id) from the recovery key shown once at set-up; always present;
- `secret`: a key derived from an unlock secret given through TERMINAL_UNLOCK_SECRET or
  TERMINAL_UNLOCK_SECRET_FILE (scripts, CI, kiosks) — never through a command-line argument;
- `dpapi`: wrapped by Windows DPAPI for the local machine;
- `keyring`: a random wrapping key kept in the system keyring.
A demo home uses the fixed, public DEMO key instead and says so everywhere.
`key_check` (an HMAC of the key) tells a wrong key apart from a damaged database file.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from terminal.core.errors import InvalidInput, KeyUnavailable, WrongKey
from terminal.store.private import write_private
from wirecontract.errors import Text

KEYS_FILE = "keys.json"
DEMO_KEY = hashlib.sha256(b"DEMO KEY - terminal demo home - not secret").digest()
ENV_SECRET = "TERMINAL_UNLOCK_SECRET"
ENV_SECRET_FILE = "TERMINAL_UNLOCK_SECRET_FILE"
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by hand
_ARGON2 = {"time_cost": 2, "memory_cost": 19 * 1024, "parallelism": 1}


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text)


def key_check(key: bytes) -> str:
    return hmac.new(key, b"terminal key check v1", hashlib.sha256).hexdigest()[:32]


def new_database_key() -> bytes:
    return secrets.token_bytes(32)


def new_recovery_key() -> str:
    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(32))
    return "-".join(chars[i : i + 4] for i in range(0, 32, 4))


def normalise_recovery_key(text: str) -> str:
    return "".join(c for c in text.upper() if c.isalnum())


def _derive(secret: str, salt: bytes, params: dict[str, int]) -> bytes:
    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=params["time_cost"],
        memory_cost=params["memory_cost"],
        parallelism=params["parallelism"],
        hash_len=32,
        type=Type.ID,
    )


def wrap_with_secret(key: bytes, secret: str) -> dict[str, Any]:
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    kek = _derive(secret, salt, _ARGON2)
    return {
        "kdf": "argon2id",
        **_ARGON2,
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "wrapped": _b64(AESGCM(kek).encrypt(nonce, key, b"terminal-db-key")),
    }


def wrapped_entry_is_sane(entry: dict[str, Any]) -> bool:
    """Whether a wrapped-key entry from outside (a backup header) is what wrap_with_secret writes, with KDF
    costs no higher than ours: a forged entry must not make Argon2 take hours or all the memory."""
    try:
        costs_ok = all(isinstance(entry[k], int) and 1 <= entry[k] <= v for k, v in _ARGON2.items())
        parts = [_unb64(entry[k]) for k in ("salt", "nonce", "wrapped")]
    except (KeyError, TypeError, ValueError):
        return False
    return entry.get("kdf") == "argon2id" and costs_ok and len(parts[0]) >= 8 and len(parts[1]) == 12


def unwrap_with_secret(entry: dict[str, Any], secret: str) -> bytes:
    params = {k: int(entry[k]) for k in ("time_cost", "memory_cost", "parallelism")}
    kek = _derive(secret, _unb64(entry["salt"]), params)
    try:
        return AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]), b"terminal-db-key")
    except InvalidTag as exc:
        raise WrongKey() from exc


def read_unlock_secret(environ: dict[str, str] | None = None) -> str | None:
    env = os.environ if environ is None else environ
    if env.get(ENV_SECRET):
        return env[ENV_SECRET]
    path = env.get(ENV_SECRET_FILE)
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise KeyUnavailable(detail=f"{ENV_SECRET_FILE}: {exc.strerror}") from exc
    return None


@dataclass
class KeyFile:
    key_check: str
    demo: bool = False
    protectors: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, home: Path) -> KeyFile:
        data = json.loads((home / KEYS_FILE).read_text(encoding="utf-8"))
        return cls(key_check=data["key_check"], demo=bool(data.get("demo")), protectors=data.get("protectors", {}))

    def save(self, home: Path) -> None:
        tmp = home / (KEYS_FILE + ".tmp")
        payload = {"format": 1, "key_check": self.key_check, "demo": self.demo, "protectors": self.protectors}
        write_private(tmp, json.dumps(payload, indent=2).encode("utf-8"))
        os.replace(tmp, home / KEYS_FILE)

    def verify(self, key: bytes) -> bytes:
        if not hmac.compare_digest(key_check(key), self.key_check):
            raise WrongKey()
        return key


OsProtector = tuple[Callable[[bytes], dict[str, Any]], Callable[[dict[str, Any]], bytes]]


def os_protector() -> tuple[str, OsProtector] | None:
    """The operating system's key protection where one is offered: DPAPI on Windows, else a keyring."""
    from terminal.store import osprotect

    return osprotect.available()


MIN_UNLOCK_SECRET = 10


def check_unlock_secret(secret: str) -> None:
    """An unlock secret is a password for the database key, kept in a file or the environment of an unattended
    PC: at least 10 characters, at least 4 different ones, not only digits or only letters."""
    if len(secret) < MIN_UNLOCK_SECRET or len(set(secret)) < 4 or secret.isdigit() or secret.isalpha():
        raise InvalidInput(
            field=Text(f"解锁密钥至少{MIN_UNLOCK_SECRET}个字符，且须包含字母和数字或符号",
                       f"the unlock secret needs at least {MIN_UNLOCK_SECRET} characters, not only letters or only digits")
        )


def create_key_file(key: bytes, recovery_key: str, unlock_secret: str | None, *, use_os: bool = True) -> KeyFile:
    if unlock_secret:
        check_unlock_secret(unlock_secret)
    kf = KeyFile(key_check=key_check(key))
    kf.protectors["recovery"] = wrap_with_secret(key, normalise_recovery_key(recovery_key))
    if unlock_secret:
        kf.protectors["secret"] = wrap_with_secret(key, unlock_secret)
    if use_os:
        found = os_protector()
        if found is not None:
            name, (wrap, _unwrap) = found
            kf.protectors[name] = wrap(key)
    return kf


def demo_key_file() -> KeyFile:
    return KeyFile(key_check=key_check(DEMO_KEY), demo=True)


def unlock(kf: KeyFile, environ: dict[str, str] | None = None) -> bytes:
    """Find the key without asking a person: demo, then the OS protector, then the unlock secret."""
    if kf.demo:
        return kf.verify(DEMO_KEY)
    found = os_protector()
    if found is not None and found[0] in kf.protectors:
        name, (_wrap, unwrap) = found
        try:
            return kf.verify(unwrap(kf.protectors[name]))
        except (WrongKey, KeyUnavailable):
            pass  # the OS store was reset or moved: fall through to the other protectors
    secret = read_unlock_secret(environ)
    if secret is not None:
        if "secret" not in kf.protectors:
            raise KeyUnavailable(detail="this home has no unlock-secret protector")
        return kf.verify(unwrap_with_secret(kf.protectors["secret"], secret))
    raise KeyUnavailable()


def unlock_with_recovery(kf: KeyFile, recovery_key: str) -> bytes:
    return kf.verify(unwrap_with_secret(kf.protectors["recovery"], normalise_recovery_key(recovery_key)))
