"""`python -m server.openapi > docs/openapi.json`: the API description generated from the app itself."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from server.app import create_app


def openapi_document() -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        document: dict[str, Any] = create_app(f"sqlite:///{Path(tmp) / 'schema.db'}").openapi()
    return document


def render() -> str:
    return json.dumps(openapi_document(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


if __name__ == "__main__":
    print(render(), end="")
