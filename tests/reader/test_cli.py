"""`terminal reader …` commands, run through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from terminal.cli.main import build_parser, main
from terminal.reader import frames
from terminal.reader.virtual import NO_PHOTO_FILLER, VirtualSamReader


def test_read_virtual_prints_identity_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["reader", "read", "--virtual", "--card", "hmt_residence", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["card_type"] == "hmt_residence" and data["pass_number"] == "H12345678"
    assert data["provenance"]["simulated"] is True and data["ethnicity"] is None


@pytest.mark.expected_logs("reader_timeout")
def test_read_virtual_reader_that_never_answers_fails_in_time(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "reader", "read", "--virtual", "--fault", "never_answers", "--timeout", "0.2"]) == 1
    assert "did not answer" in capsys.readouterr().err


def test_dump_then_decode_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dump = tmp_path / "exchange.txt"
    assert main(["reader", "dump", str(dump), "--virtual", "--card", "resident_long_term"]) == 0
    lines = dump.read_text().splitlines()
    read_response = next(line[2:] for line in lines if line.startswith("< AA AA AA 96 69 05 08"))
    hex_file = tmp_path / "frame.hex"
    hex_file.write_text(read_response)
    capsys.readouterr()
    assert main(["reader", "decode", str(hex_file), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["name"] == "李测试" and data["valid_to"] is None


def test_decode_binary_frame_and_bad_frames(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    device = VirtualSamReader()
    frame = frames.encode_response(0x90, frames.encode_read(device.text_block("resident"), NO_PHOTO_FILLER, None))
    good = tmp_path / "frame.bin"
    good.write_bytes(frame)
    assert main(["reader", "decode", str(good)]) == 0
    assert "name: 张演示" in capsys.readouterr().out
    cases = {"cut.bin": frame[:700], "sum.bin": frame[:-1] + b"\x00", "noise.bin": b"hello"}
    expected = {"cut.bin": "truncated", "sum.bin": "checksum", "noise.bin": "AA AA AA 96 69"}
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        assert main(["--lang", "en", "reader", "decode", str(tmp_path / name)]) == 1
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
