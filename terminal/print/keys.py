"""Which terminal keys a verifier trusts: the store's list (wired by the caller), a key file, and the
environment. A key file / TERMINAL_KNOWN_KEYS holds JSON: {"<key id>": "<base64 raw Ed25519 public key>"}."""

from __future__ import annotations

import base64
import binascii
import json
import os
from collections.abc import Mapping
from pathlib import Path

from terminal.core.errors import InvalidInput
from wirecontract.signing import public_key_id

ENV_KEYS = "TERMINAL_KNOWN_KEYS"
ENV_KEY_FILE = "TERMINAL_KNOWN_KEYS_FILE"


def parse_key_map(text: str, source: str) -> dict[str, bytes]:
    try:
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not an object")
        keys = {str(k): base64.b64decode(str(v), validate=True) for k, v in data.items()}
    except (ValueError, binascii.Error) as err:
        raise InvalidInput(field=f"{source}: {type(err).__name__}") from err
    for key_id, raw in keys.items():
        if len(raw) != 32 or public_key_id(raw) != key_id:
            raise InvalidInput(field=f"{source}: key {key_id} does not match its id")
    return keys


def known_terminal_keys(
    store_keys: Mapping[str, bytes] | None = None,
    key_file: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> dict[str, bytes]:
    env = os.environ if env is None else env
    keys: dict[str, bytes] = dict(store_keys or {})
    files = [p for p in (key_file, Path(env[ENV_KEY_FILE]) if env.get(ENV_KEY_FILE) else None) if p]
    for path in files:
        try:
            keys.update(parse_key_map(path.read_text(encoding="utf-8"), str(path)))
        except OSError as err:
            raise InvalidInput(field=f"key file {path}: {err.strerror}") from err
    if env.get(ENV_KEYS):
        keys.update(parse_key_map(env[ENV_KEYS], ENV_KEYS))
    return keys
