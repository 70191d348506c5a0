"""A signed terminal request's body is hashed once: the signature check and the answer's signature both bind to
the same SHA-256 (a push's body is megabytes: issue #19)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from tests.attacks.conftest import signed_terminal
from tests.console_workflows.centre_data import AGENCY_A
from wirecontract import protocol as p
from wirecontract.protocol import utc_now
from wirecontract.signing import b64url_decode, verify


def test_a_push_body_is_hashed_once_and_the_answer_binds_to_it(centre_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from centre.signing_key import centre_key, ensure_signing_key

    ensure_signing_key()
    term, key = signed_terminal(AGENCY_A, "0007")
    body = json.dumps({"events": []}).encode()
    headers = p.signed_headers(key, term.id, "POST", p.PUSH_PATH, body, utc_now())
    hashed: list[bytes] = []
    real = p.body_sha256

    def counted(data: bytes) -> str:
        hashed.append(data)
        return real(data)

    monkeypatch.setattr(p, "body_sha256", counted)
    extra: dict[str, Any] = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
    answer = Client().post(p.PUSH_PATH, body, content_type="application/json", **extra)
    assert answer.status_code == 200, answer.content
    assert hashed.count(body) == 1  # the request's body, once; the other hash is the answer's own body
    message = p.canonical_response("POST", p.PUSH_PATH, body, headers[p.HEADER_NONCE], 200, answer.content)
    assert verify(centre_key().public_raw, message, b64url_decode(answer[p.HEADER_CENTRE_SIGNATURE]))
