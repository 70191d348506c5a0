"""The competent authority's read-only API under /api/: 401 without a live token, credit grades with their
reasons with one; tokens printed once by `terminal-server token add`, kept hashed, revocable; the OpenAPI
document in docs/ is what the routes say."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.analytics.city_events import build_town
from tests.console_workflows.centre_data import AGENCY_A
from tests.sync.liveserver import TEST_SECRET_KEY

DOC = Path(__file__).resolve().parents[2] / "docs" / "authority-openapi.json"
NOW = dt.datetime(2026, 1, 15, 4, tzinfo=dt.UTC)


def test_tokens_open_the_api_and_nothing_else_does(users: dict[str, Any]) -> None:
    from django.test import Client

    from centre.analytics import authority_tokens, facts
    from centre.analytics.models import AuthorityToken

    build_town(users)
    facts.refresh(NOW)
    client = Client()
    assert client.get("/api/credit/agencies").status_code == 401
    response = client.get("/api/credit/agencies", headers={"Authorization": "Bearer hsa_nothing_here"})
    assert response.status_code == 401 and response.json()["code"] == "unauthorized"
    assert response["WWW-Authenticate"] == "Bearer"
    token = authority_tokens.issue("regulator", "市商务委")
    row = AuthorityToken.objects.get()
    assert token not in (row.token_sha256, row.key_id) and token.startswith(f"hsa_{row.key_id}_")
    # A session of a signed-in console user is not a token.
    client.force_login(users["regulator"])
    assert client.get("/api/credit/agencies").status_code == 401
    bearer = {"Authorization": f"Bearer {token}"}
    page = client.get("/api/credit/agencies", headers=bearer).json()
    assert {g["subject_id"] for g in page["grades"]} >= {AGENCY_A}
    first = page["grades"][0]
    assert round(sum(c["points"] for c in first["contributions"]), 2) == first["score"]
    assert {"code", "zh", "en", "points", "detail"} <= set(first["contributions"][0])
    detail = client.get(f"/api/credit/agencies/{AGENCY_A}", headers=bearer).json()
    assert detail["grade"] and detail["history"][0]["grade"] == detail["grade"]
    workers = client.get("/api/credit/workers?limit=2", headers=bearer).json()
    assert len(workers["grades"]) == 2 and workers["next_after"] == workers["grades"][1]["subject_id"]
    more = client.get(f"/api/credit/workers?limit=2&after={workers['next_after']}", headers=bearer).json()
    assert more["grades"][0]["subject_id"] > workers["next_after"]
    assert client.get("/api/credit/workers/nobody", headers=bearer).status_code == 404
    assert client.get("/api/credit/workers?limit=0", headers=bearer).status_code == 422
    assert client.post("/api/credit/agencies", headers=bearer).status_code == 405  # read-only
    assert authority_tokens.revoke(row.key_id)
    assert client.get("/api/credit/agencies", headers=bearer).status_code == 401


def test_token_add_prints_a_token_once(tmp_path: Path) -> None:
    """The real command in its own process: the token is printed once and only its hash is stored."""
    database = tmp_path / "centre.db"
    env = {**os.environ, "CENTRE_HOME": str(tmp_path / "home"), "CENTRE_SECRET_KEY": TEST_SECRET_KEY}
    command = [sys.executable, "-m", "centre.cli", "token"]
    added = subprocess.run([*command, "add", "--role", "regulator", "--label", "市场监管局", "--db",
                            f"sqlite:///{database}"], env=env, capture_output=True, text=True, check=True)  # fmt: skip
    token = added.stdout.strip()
    with sqlite3.connect(database) as db:
        [(key_id, digest, role)] = db.execute("SELECT key_id, token_sha256, role FROM analytics_authority_tokens")
    assert token.startswith(f"hsa_{key_id}_") and role == "regulator"
    assert digest == hashlib.sha256(token.encode()).hexdigest()
    listed = subprocess.run([*command, "list", "--db", f"sqlite:///{database}"], env=env, capture_output=True,
                            text=True, check=True).stdout  # fmt: skip
    assert key_id in listed and "市场监管局" in listed and token not in listed
    refused = subprocess.run([*command, "add", "--role", "admin", "--db", f"sqlite:///{database}"], env=env,
                             capture_output=True, text=True)  # fmt: skip
    assert refused.returncode == 2 and "invalid choice" in refused.stderr


def test_the_openapi_document_is_current() -> None:
    from centre.analytics.openapi import render

    document = DOC.read_text(encoding="utf-8")
    assert document == render(), "regenerate: python -m centre.analytics.openapi > docs/authority-openapi.json"
    assert '"/api/credit/agencies"' in document and '"bearerAuth"' in document.replace("AuthorityBearer", "bearerAuth")
