"""`terminal --self-test` from source, and the report/exit-code logic with checks that fail on purpose."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from terminal import selftest
from terminal.resources import resource_path, resource_root
from terminal.selftest import Outcome, Status, Workspace

REPO = Path(__file__).resolve().parents[2]


def workspace(tmp_path: Path, fonts: Path | None = None, translations: Path | None = None) -> Workspace:
    return Workspace(tmp_path, fonts or resource_path("fonts"), translations or resource_path("translations"))


def test_self_test_from_source_passes_without_a_screen() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY")}
    done = subprocess.run([sys.executable, "-m", "terminal", "--self-test"], cwd=REPO, env=env, text=True,
                          capture_output=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    for name in ("qt", "font", "translations", "sqlcipher", "data folder", "pcsc", "card"):
        assert f"] {name}" in done.stdout
    assert "platform offscreen" in done.stdout
    assert "QR decoded and verified" in done.stdout
    assert "self-test passed" in done.stdout


def test_a_failing_check_makes_the_exit_code_non_zero_and_the_rest_still_run() -> None:
    ran: list[str] = []

    def broken(_: Workspace) -> Outcome:
        raise OSError("library missing")

    def fine(_: Workspace) -> Outcome:
        ran.append("fine")
        return Outcome(Status.OK, "fine")

    out = io.StringIO()
    assert selftest.run_self_test([("broken", broken), ("fine", fine)], out=out) == 1
    assert ran == ["fine"]
    assert "[FAIL] broken        OSError: library missing" in out.getvalue()
    assert "self-test FAILED: broken" in out.getvalue()


def test_warnings_do_not_fail_the_self_test() -> None:
    out = io.StringIO()
    code = selftest.run_self_test([("pcsc", lambda _: Outcome(Status.WARN, "service stopped"))], out=out)
    assert code == 0
    assert "[WARN] pcsc" in out.getvalue()


def test_every_check_passes_in_process(qapp: QApplication, tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    for name, check in selftest.DEFAULT_CHECKS:
        outcome = check(ws)
        assert outcome.status is not Status.FAIL, f"{name}: {outcome.detail}"


def test_font_check_fails_without_the_font(qapp: QApplication, tmp_path: Path) -> None:
    assert selftest.check_font(workspace(tmp_path, fonts=tmp_path)).status is Status.FAIL
    (tmp_path / selftest.FONT_FILE).write_bytes(b"not a font")
    assert selftest.check_font(workspace(tmp_path, fonts=tmp_path)).status is Status.FAIL


def test_translation_check_loads_compiled_catalogues(qapp: QApplication, tmp_path: Path) -> None:
    from terminal.ui.translations_build import lrelease_path

    (tmp_path / "terminal_en.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="en">'
        "<context><name>Probe</name><message><source>登记</source><translation>Register</translation></message>"
        "</context></TS>",
        encoding="utf-8",
    )
    assert selftest.check_translations(workspace(tmp_path, translations=tmp_path)).status is Status.FAIL  # .ts only
    subprocess.run([str(lrelease_path()), "-silent", str(tmp_path / "terminal_en.ts")], check=True)
    outcome = selftest.check_translations(workspace(tmp_path, translations=tmp_path))
    assert outcome == Outcome(Status.OK, "terminal_en.qm")
    (tmp_path / "terminal_en.qm").write_bytes(b"garbage")
    assert selftest.check_translations(workspace(tmp_path, translations=tmp_path)).status is Status.FAIL


def test_translation_check_warns_when_nothing_is_shipped(qapp: QApplication, tmp_path: Path) -> None:
    assert selftest.check_translations(workspace(tmp_path, translations=tmp_path)).status is Status.WARN


def test_card_check_fails_when_the_qr_cannot_be_verified(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wirecontract import qrpayload

    real_verify = qrpayload.verify
    monkeypatch.setattr(qrpayload, "verify", lambda text, keys, **kw: real_verify(text, {}, **kw))
    outcome = selftest.check_card(workspace(tmp_path))
    assert outcome == Outcome(Status.FAIL, "the card's QR does not verify: unknown_terminal")


def test_resources_come_from_the_bundle_folder_when_frozen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert resource_root() == REPO / "resources"
    assert resource_path("fonts", selftest.FONT_FILE).is_file()
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resource_path("layouts", "card_front.json") == tmp_path / "resources" / "layouts" / "card_front.json"


def test_key_protection_check_round_trips_through_the_os_store(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from terminal.store import osprotect

    store: dict[str, bytes] = {}

    def wrap(key: bytes) -> dict[str, str]:
        store["k"] = bytes(b ^ 0x5A for b in key)
        return {"id": "k"}

    def unwrap(entry: dict[str, str]) -> bytes:
        return bytes(b ^ 0x5A for b in store[entry["id"]])

    monkeypatch.setattr(osprotect, "available", lambda: ("dpapi", (wrap, unwrap)))
    assert selftest.check_key_protection(workspace(tmp_path)).status is Status.OK
    monkeypatch.setattr(osprotect, "available", lambda: ("dpapi", (wrap, lambda entry: b"other")))
    assert selftest.check_key_protection(workspace(tmp_path)).status is Status.FAIL
    monkeypatch.setattr(osprotect, "available", lambda: None)
    assert selftest.check_key_protection(workspace(tmp_path)).status is Status.WARN


def test_the_data_folder_check_on_posix_sees_the_mode(tmp_path: Path) -> None:
    outcome = selftest.check_data_folder(workspace(tmp_path))
    assert outcome.status is Status.OK and "0700" in outcome.detail


def test_the_data_folder_check_on_windows_reads_the_access_list(tmp_path: Path) -> None:
    from tests.store.test_winacl import SHARED, WINE, FakeAcl

    right = selftest.check_data_folder(workspace(tmp_path / "a"), acl=FakeAcl(SHARED), posix=False, under_wine=False)
    assert right.status is Status.OK and "Administrators" in right.detail
    lost = FakeAcl(SHARED, keeps=False)
    wrong = selftest.check_data_folder(workspace(tmp_path / "b"), acl=lost, posix=False, under_wine=False)
    assert wrong.status is Status.FAIL and "BU is allowed in" in wrong.detail
    wine = selftest.check_data_folder(workspace(tmp_path / "c"), acl=FakeAcl(WINE, keeps=False), posix=False,
                                      under_wine=True)  # fmt: skip
    assert wine.status is Status.WARN and "Wine" in wine.detail
