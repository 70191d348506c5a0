"""`terminal reader …` commands, run through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from terminal.cli.main import build_parser, main
from terminal.core.roles import Role
from terminal.reader import frames
from terminal.reader.identities import load_identities
from terminal.reader.virtual import NO_PHOTO_FILLER, VirtualSamReader
from terminal.usecases import queries
from tests.builders import STAFF_PASSWORD, open_db


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A home with one operator per role; commands sign in as the supervisor (who may see full numbers)
    unless a test changes TERMINAL_OPERATOR."""
    root = tmp_path / "home"
    open_db(root, monkeypatch).close()
    monkeypatch.setenv("TERMINAL_OPERATOR", Role.SUPERVISOR.value)
    monkeypatch.setenv("TERMINAL_OPERATOR_PASSWORD", STAFF_PASSWORD)
    return str(root)


def audit_actions(home: str) -> list[tuple[str, str]]:
    from terminal.store.home import Home

    db = Home(Path(home)).open()
    try:
        rows = db.query("SELECT operator, action FROM audit_log WHERE action LIKE 'reader.%' ORDER BY seq")
        return [(str(r["operator"]), str(r["action"])) for r in rows]
    finally:
        db.close()


def test_read_virtual_prints_identity_json_in_full_for_a_supervisor_and_audits_it(
    home: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--home", home, "reader", "read", "--virtual", "--card", "hmt_residence", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    card = load_identities()["hmt_residence"]
    assert data["card_type"] == "hmt_residence" and data["pass_number"] == "H12345678"
    assert data["id_number"] == card["id_number"]
    assert data["provenance"]["simulated"] is True and data["ethnicity"] is None
    assert audit_actions(home) == [("supervisor", queries.CARD_SHOWN)]


def test_read_masks_the_numbers_for_a_clerk_and_audits_nothing(
    home: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERMINAL_OPERATOR", Role.CLERK.value)
    assert main(["--home", home, "reader", "read", "--virtual", "--card", "hmt_residence", "--json"]) == 0
    output = capsys.readouterr().out
    data = json.loads(output)
    full = load_identities()["hmt_residence"]["id_number"]
    assert data["id_number"] == full[:6] + "*" * 8 + full[-4:] and full not in output
    assert data["pass_number"] == "H1*****78" and data["name"]
    assert audit_actions(home) == []


@pytest.mark.expected_logs("invalid_input", "TERMINAL_OPERATOR", "password")
def test_reading_a_card_needs_a_sign_in(home: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    frame = Path(home) / "frame.bin"
    frame.write_bytes(frames.encode_response(0x90, frames.encode_read(VirtualSamReader().text_block("resident"), NO_PHOTO_FILLER, None)))
    monkeypatch.delenv("TERMINAL_OPERATOR")
    assert main(["--lang", "en", "--home", home, "reader", "read", "--virtual", "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "TERMINAL_OPERATOR" in captured.err
    monkeypatch.setenv("TERMINAL_OPERATOR", "supervisor")
    monkeypatch.setenv("TERMINAL_OPERATOR_PASSWORD", "not-the-password-1")
    assert main(["--lang", "en", "--home", home, "reader", "decode", "--json", str(frame)]) == 1
    assert main(["--lang", "en", "--home", home, "reader", "dump", str(Path(home) / "x.txt"), "--virtual"]) == 1
    assert capsys.readouterr().out == "" and not (Path(home) / "x.txt").exists()


@pytest.mark.expected_logs("reader_timeout")
def test_read_virtual_reader_that_never_answers_fails_in_time(home: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--lang", "en", "--home", home, "reader", "read", "--virtual", "--fault", "never_answers", "--timeout", "0.2"]
    assert main(args) == 1
    assert "did not answer" in capsys.readouterr().err


def test_dump_then_decode_round_trip(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dump = tmp_path / "exchange.txt"
    assert main(["--home", home, "reader", "dump", str(dump), "--virtual", "--card", "resident_long_term"]) == 0
    lines = dump.read_text().splitlines()
    read_response = next(line[2:] for line in lines if line.startswith("< AA AA AA 96 69 05 08"))
    hex_file = tmp_path / "frame.hex"
    hex_file.write_text(read_response)
    capsys.readouterr()
    assert main(["--home", home, "reader", "decode", str(hex_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == "李测试" and data["valid_to"] is None
    assert audit_actions(home) == [("supervisor", queries.CARD_EXCHANGE_SAVED), ("supervisor", queries.CARD_SHOWN)]


@pytest.mark.expected_logs("permission")
def test_a_clerk_may_not_save_a_reads_raw_exchange(
    home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERMINAL_OPERATOR", Role.CLERK.value)
    dump = tmp_path / "exchange.txt"
    assert main(["--lang", "en", "--home", home, "reader", "dump", str(dump), "--virtual"]) == 1
    assert "may not" in capsys.readouterr().err and not dump.exists()


def test_decode_binary_frame_and_bad_frames(home: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    device = VirtualSamReader()
    frame = frames.encode_response(0x90, frames.encode_read(device.text_block("resident"), NO_PHOTO_FILLER, None))
    good = tmp_path / "frame.bin"
    good.write_bytes(frame)
    assert main(["--home", home, "reader", "decode", str(good)]) == 0
    assert "name: 张演示" in capsys.readouterr().out
    cases = {"cut.bin": frame[:700], "sum.bin": frame[:-1] + b"\x00", "noise.bin": b"hello"}
    expected = {"cut.bin": "truncated", "sum.bin": "checksum", "noise.bin": "AA AA AA 96 69"}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        assert main(["--lang", "en", "--home", home, "reader", "decode", str(tmp_path / name)]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and expected[name] in err[0], err


def test_cli_offers_no_way_to_set_identity_fields() -> None:
    parser = build_parser()
    assert parser._subparsers is not None
    sub = next(a for a in parser._subparsers._group_actions if a.dest == "command")
    assert isinstance(sub.choices, dict)
    reader = sub.choices["reader"]
    assert reader._subparsers is not None
    actions = reader._subparsers._group_actions[0].choices
    assert isinstance(actions, dict)
    options = {opt for p in actions.values() for a in p._actions for opt in a.option_strings}
    identity_keys = {"--name", "--id-number", "--address", "--birth-date", "--sex", "--valid-to", "--english-name"}
    assert not options & identity_keys
    assert set(actions) == {"list", "read", "dump", "decode"}
