"""Identity files for the virtual reader: a JSON object mapping a label to identity fields.

The fields use the keys of `terminal reader read --json` (provenance and derived names left out);
resources/demo/identities.json is the shipped sample with every card type.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from terminal.core.errors import InvalidInput
from terminal.resources import resource_path
from wirecontract.cardtext import encode_text_block

DEMO_IDENTITIES = resource_path("demo", "identities.json")


def load_identities(path: Path = DEMO_IDENTITIES) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInput(field=f"identities file {path.name}", detail=type(exc).__name__) from exc
    # Keys starting with "_" are comments.
    if not isinstance(data, dict):
        raise InvalidInput(field=f"identities file {path.name}: expected an object of objects")
    entries = {str(k): v for k, v in data.items() if not str(k).startswith("_")}
    if not entries or not all(isinstance(v, dict) for v in entries.values()):
        raise InvalidInput(field=f"identities file {path.name}: expected an object of objects")
    return {label: dict(fields) for label, fields in entries.items()}


def text_block_of(fields: Mapping[str, Any]) -> bytes:
    try:
        return encode_text_block(fields)
    except (ValueError, TypeError) as exc:
        raise InvalidInput(field="identity fields", detail=str(exc)) from exc
