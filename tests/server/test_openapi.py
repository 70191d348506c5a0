"""docs/openapi.json is what the server really serves."""

from __future__ import annotations

from pathlib import Path

from centre.openapi import render

DOC = Path(__file__).resolve().parents[2] / "docs" / "openapi.json"


def test_openapi_document_is_current() -> None:
    assert DOC.read_text(encoding="utf-8") == render(), "regenerate: python -m centre.openapi > docs/openapi.json"
