"""The public verification page of the real centre process: never cached, a working Content Security Policy,
HSTS behind TLS, and per-client rate limits on it and on enrolment, answered with 429 and Retry-After (/healthz
exempt)."""

from __future__ import annotations

import http.client
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.server.centre_builders import number_for, qr_url
from tests.server.test_verify_page import issued
from tests.sync.conftest import Terminal
from tests.sync.liveserver import LiveServer
from wirecontract import protocol as p
from wirecontract.signing import TerminalKey

RATE = 5  # per client per hour in these tests: an hour's window cannot end within one test's second


def centre(tmp_path: Path, **env: str) -> LiveServer:
    server = LiveServer(tmp_path / "centre-env.db")
    server.extra_env.update(env)
    return server.start()


@pytest.fixture
def limited_server(tmp_path: Path) -> Iterator[LiveServer]:
    server = centre(tmp_path, CENTRE_RATE_VERIFY=f"{RATE}/h", CENTRE_RATE_ENROL=f"{RATE}/h")
    yield server
    server.stop()


@pytest.fixture
def tls_server(tmp_path: Path) -> Iterator[LiveServer]:
    server = centre(tmp_path, CENTRE_TLS="1")
    yield server
    server.stop()


def get(server: LiveServer, path: str, source: str = "127.0.0.1", headers: dict[str, str] | None = None,
        method: str = "GET", body: bytes | None = None) -> http.client.HTTPResponse:  # fmt: skip
    """A request from a chosen loopback address: the centre tells clients apart by address."""
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10, source_address=(source, 0))
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def assert_not_stored(response: requests.Response | http.client.HTTPResponse) -> None:
    assert "no-store" in (response.headers.get("Cache-Control") or "")


def test_status_pages_are_never_stored_and_carry_a_working_csp(live_server: LiveServer, terminal: Terminal) -> None:
    number = issued(live_server, terminal, 101).number
    impostor = Terminal(terminal.db, TerminalKey.generate(), "T0", b"")
    pages = {
        "valid": qr_url(live_server, terminal, number),
        "forged": qr_url(live_server, impostor, number_for(live_server, terminal, 101)),
        "unreadable": f"{live_server.url}/V/NOTAPAYLOAD",
    }
    for name, url in pages.items():
        response = requests.get(url, timeout=10)
        json_answer = requests.get(url, timeout=10, headers={"Accept": "application/json"})
        assert_not_stored(json_answer)  # the same status as JSON, for platforms: not stored either
        assert response.status_code in (200, 404), name
        assert_not_stored(response)
        policy = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
        # Inline styles or scripts (the page keeps its own in static files) run only with the policy's nonce.
        inline = re.findall(r"<(?:style|script)\b(?![^>]*\bsrc=)[^>]*>", response.text)
        assert all('nonce="' in tag for tag in inline), name
        nonces = [re.findall(r'nonce="([^"]+)"', tag)[0] for tag in inline]
        assert all(f"'nonce-{nonce}'" in policy for nonce in nonces), name
    assert 'data-state="valid"' in requests.get(pages["valid"], timeout=10).text


def test_hsts_behind_tls(tls_server: LiveServer) -> None:
    secure = get(tls_server, "/V/NOTAPAYLOAD", headers={"X-Forwarded-Proto": "https"})
    assert secure.status == 404
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert_not_stored(secure)
    plain = get(tls_server, "/V/NOTAPAYLOAD")
    assert plain.status == 301 and (plain.headers["Location"] or "").startswith("https://")
    # The proxy's health check comes over the plain hop behind it and must not be redirected.
    assert get(tls_server, "/healthz").status == 200


def test_no_hsts_without_tls(live_server: LiveServer) -> None:
    response = get(live_server, "/V/NOTAPAYLOAD", headers={"X-Forwarded-Proto": "https"})
    assert response.status == 404 and "Strict-Transport-Security" not in response.headers


def test_a_client_over_its_rate_gets_429_with_retry_after(limited_server: LiveServer) -> None:
    statuses = [get(limited_server, "/V/NOTAPAYLOAD").status for _ in range(RATE)]
    assert statuses == [404] * RATE
    refused = get(limited_server, "/V/NOTAPAYLOAD")
    assert refused.status == 429
    retry_after = refused.headers["Retry-After"] or ""
    assert retry_after.isdigit() and 1 <= int(retry_after) <= 3600
    assert_not_stored(refused)
    # Another client is not held up by the first one's count; /healthz is not counted at all.
    assert get(limited_server, "/V/NOTAPAYLOAD", source="127.0.0.2").status == 404
    assert [get(limited_server, "/healthz").status for _ in range(3 * RATE)] == [200] * (3 * RATE)


def test_enrolment_attempts_are_limited_per_client(limited_server: LiveServer) -> None:
    """Enrolment is unsigned: anyone can try codes. Refused before the body is parsed or a code looked up."""
    attempt = json.dumps({"code": "AAAA-BBBB-CCCC-DDDD-EEEE", "public_key": "x", "proof": "x"}).encode()

    def enrol(source: str = "127.0.0.1") -> http.client.HTTPResponse:
        headers = {"Content-Type": "application/json"}
        return get(limited_server, p.ENROL_PATH, source, headers, method="POST", body=attempt)

    statuses = [enrol().status for _ in range(RATE)]
    assert 429 not in statuses and all(400 <= status < 500 for status in statuses)
    refused = enrol()
    assert refused.status == 429 and (refused.headers["Retry-After"] or "").isdigit()
    assert enrol(source="127.0.0.2").status != 429
    assert get(limited_server, "/V/NOTAPAYLOAD").status == 404  # each route has its own count


def test_a_bad_rate_setting_stops_the_centre_with_a_configuration_error(tmp_path: Path) -> None:
    server = LiveServer(tmp_path / "bad-rate.db")
    server.extra_env["CENTRE_RATE_VERIFY"] = "lots"
    result = server.command("db", "current", check=False)
    assert result.returncode == 2
    assert "CENTRE_RATE_VERIFY" in result.stderr and "Traceback" not in result.stderr
