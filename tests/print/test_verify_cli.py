from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest

from terminal.cli.main import main
from terminal.print.keys import known_terminal_keys
from wirecontract import qrpayload
from wirecontract.signing import TerminalKey

from .cardfactory import BASE_URL, claims

FAR_FUTURE = qrpayload.EPOCH.replace(year=2170)


def key_file(tmp_path: Path, key: TerminalKey) -> Path:
    path = tmp_path / "keys.json"
    path.write_text(json.dumps({key.key_id: base64.b64encode(key.public_raw).decode()}))
    return path


def test_verify_json_for_a_valid_credential(
    tmp_path: Path, terminal_key: TerminalKey, capsys: pytest.CaptureFixture[str]
) -> None:
    url = qrpayload.encode(claims(5, valid_to=FAR_FUTURE), terminal_key, BASE_URL)
    assert main(["verify", url, "--json", "--key-file", str(key_file(tmp_path, terminal_key))]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"valid": True, "reason": "valid", "credential_no": "SH2026-000005", "version": 1,
                   "name": "张伟", "agency": "上海安心家政服务有限公司", "valid_to": "2170-01-01",
                   "terminal_id": terminal_key.key_id, "demo": False}  # fmt: skip


def test_verify_reports_unknown_terminal_and_demo(
    tmp_path: Path, terminal_key: TerminalKey, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = qrpayload.encode(claims(6, demo=True, valid_to=FAR_FUTURE), terminal_key, BASE_URL)
    assert main(["verify", url, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["reason"] == "unknown_terminal"
    monkeypatch.setenv("TERMINAL_KNOWN_KEYS_FILE", str(key_file(tmp_path, terminal_key)))
    assert main(["verify", url, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["reason"] == "demo_refused"
    assert main(["verify", url, "--json", "--allow-demo"]) == 0
    assert json.loads(capsys.readouterr().out)["demo"] is True


def test_verify_text_output_as_a_subprocess(tmp_path: Path, terminal_key: TerminalKey) -> None:
    url = qrpayload.encode(claims(8, valid_to=FAR_FUTURE), terminal_key, BASE_URL)
    altered = url[:-3] + ("A" if url[-3] != "A" else "B") + url[-2:]
    done = subprocess.run(
        [sys.executable, "-m", "terminal", "--lang", "en", "verify", altered, "--key-file",
         str(key_file(tmp_path, terminal_key))],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert "NOT VALID" in done.stdout
    assert done.stdout.count("credential_no") <= 1


def test_key_sources_are_checked(tmp_path: Path, terminal_key: TerminalKey) -> None:
    other = TerminalKey.generate()
    path = key_file(tmp_path, terminal_key)
    env = {"TERMINAL_KNOWN_KEYS": json.dumps({other.key_id: base64.b64encode(other.public_raw).decode()})}
    keys = known_terminal_keys({"X": b"y"}, path, env)
    assert keys == {"X": b"y", terminal_key.key_id: terminal_key.public_raw, other.key_id: other.public_raw}
    from terminal.core.errors import InvalidInput

    mismatched = {"TERMINAL_KNOWN_KEYS": json.dumps({terminal_key.key_id: base64.b64encode(other.public_raw).decode()})}
    with pytest.raises(InvalidInput):
        known_terminal_keys(env=mismatched)
    with pytest.raises(InvalidInput):
        known_terminal_keys(env={"TERMINAL_KNOWN_KEYS": "[1, 2]"})
