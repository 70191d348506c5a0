"""The command line signs an operator in (TERMINAL_OPERATOR / TERMINAL_OPERATOR_PASSWORD), acts with that
operator's role, and manages operators through the audited use cases. Run as a real process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from terminal.store.home import Home
from terminal.usecases import demo
from tests.builders import UNLOCK_SECRET
from tests.cli.test_admin_cli import INIT, run

UNLOCK = {"TERMINAL_UNLOCK_SECRET": UNLOCK_SECRET}
ADMIN = {**UNLOCK, "TERMINAL_OPERATOR": "admin", "TERMINAL_OPERATOR_PASSWORD": "admin1234"}


def _home(tmp_path: Path) -> str:
    home = str(tmp_path / "h")
    assert run("--home", home, *INIT, env={"TERMINAL_ADMIN_PASSWORD": "admin1234", **UNLOCK}).returncode == 0
    return home


def test_commands_that_show_personal_data_need_a_sign_in(tmp_path: Path) -> None:
    home = _home(tmp_path)
    anonymous = run("--home", home, "--lang", "en", "credential", "list", "--json", env=UNLOCK)
    assert anonymous.returncode == 1 and "TERMINAL_OPERATOR" in anonymous.stderr and anonymous.stdout == ""
    wrong = run("--home", home, "credential", "list", env={**ADMIN, "TERMINAL_OPERATOR_PASSWORD": "nope-1234"})
    assert wrong.returncode == 1 and "Wrong user name or password" in wrong.stderr
    assert run("--home", home, "credential", "list", "--json", env=ADMIN).returncode == 0
    report = run("--home", home, "report", env=UNLOCK)
    assert report.returncode == 1 and "TERMINAL_OPERATOR" in report.stderr


def test_operators_are_managed_by_administrators_and_audited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = _home(tmp_path)
    added = run("--home", home, "operator", "add", "wang", "--name", "王登记", "--role", "clerk",
                env={**ADMIN, "TERMINAL_NEW_PASSWORD": "wang-pass-1"})  # fmt: skip
    assert added.returncode == 0, added.stderr
    clerk = {**UNLOCK, "TERMINAL_OPERATOR": "wang", "TERMINAL_OPERATOR_PASSWORD": "wang-pass-1"}
    refused = run("--home", home, "--lang", "en", "operator", "list", env=clerk)
    assert refused.returncode == 1 and "may not" in refused.stderr
    listed = json.loads(run("--home", home, "operator", "list", "--json", env=ADMIN).stdout)
    assert {o["username"]: o["role"] for o in listed} == {"admin": "administrator", "wang": "clerk"}
    changed = run("--home", home, "operator", "passwd", env={**clerk, "TERMINAL_NEW_PASSWORD": "wang-pass-2"})
    assert changed.returncode == 0, changed.stderr
    assert run("--home", home, "credential", "list", env=clerk).returncode == 1  # the old password is gone
    clerk["TERMINAL_OPERATOR_PASSWORD"] = "wang-pass-2"
    assert run("--home", home, "credential", "list", env=clerk).returncode == 0
    assert run("--home", home, "operator", "disable", "wang", env=ADMIN).returncode == 0
    assert run("--home", home, "credential", "list", env=clerk).returncode == 1
    reset = run("--home", home, "operator", "reset-password", "wang", env={**ADMIN, "TERMINAL_NEW_PASSWORD": "wang-pass-3"})
    assert reset.returncode == 0 and run("--home", home, "operator", "enable", "wang", env=ADMIN).returncode == 0
    clerk["TERMINAL_OPERATOR_PASSWORD"] = "wang-pass-3"
    assert run("--home", home, "credential", "list", env=clerk).returncode == 0

    monkeypatch.setenv("TERMINAL_UNLOCK_SECRET", UNLOCK_SECRET)
    db = Home(Path(home)).open()
    try:
        rows = db.query("SELECT operator, action FROM audit_log WHERE entity = 'operator' AND entity_uid = 'wang' "
                        "AND action NOT LIKE 'operator.sign%' ORDER BY seq")  # fmt: skip
        assert [(r["operator"], r["action"]) for r in rows] == [
            ("admin", "operator.created"), ("wang", "operator.password_changed"), ("admin", "operator.disabled"),
            ("admin", "operator.password_reset"), ("admin", "operator.enabled")]  # fmt: skip
    finally:
        db.close()


def test_expire_due_from_the_command_line(tmp_path: Path) -> None:
    home = str(tmp_path / "demo")
    assert run("--home", home, "demo", "init", "--workers", "30").returncode == 0
    db = Home(Path(home)).open()
    try:
        number = str(db.scalar("SELECT credential_no FROM credentials WHERE state = 'issued' ORDER BY id LIMIT 1"))
        with db.transaction():
            db.execute("UPDATE credentials SET valid_to = '2000-01-01' WHERE credential_no = ?", (number,))
    finally:
        db.close()
    assert run("--home", home, "credential", "expire-due").returncode == 1  # nobody signed in
    clerk = {"TERMINAL_OPERATOR": "dengji", "TERMINAL_OPERATOR_PASSWORD": demo.DEMO_PASSWORD}
    result = run("--home", home, "credential", "expire-due", "--json", env=clerk)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [number]
    assert json.loads(run("--home", home, "credential", "expire-due", "--json", env=clerk).stdout) == []
