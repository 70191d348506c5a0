"""`terminal worker release WORKER --reason TEXT`: a supervisor releases a worker who leaves the agency."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from terminal.cli.main import main
from terminal.core import synthetic
from terminal.core.roles import Action, Role
from terminal.store.home import Home
from terminal.usecases import credentials, registration
from tests.builders import STAFF_PASSWORD, open_db, person, profile, sign_in_staff


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, int, str]:
    """A home with one worker who holds an applied credential. Returns (home, worker id, credential number)."""
    root = tmp_path / "home"
    db = open_db(root, monkeypatch)
    staff = sign_in_staff(db)
    worker_id = registration.register_worker(db, staff[Role.CLERK], synthetic.simulated_read(person()), profile(),
                                             dt.date.today())  # fmt: skip
    number = credentials.apply(db, staff[Role.CLERK], worker_id, dt.date.today())
    db.close()
    monkeypatch.setenv("TERMINAL_OPERATOR_PASSWORD", STAFF_PASSWORD)
    return str(root), worker_id, number


def _status(root: str, worker_id: int) -> str:
    db = Home(Path(root)).open()
    try:
        return str(db.scalar("SELECT status FROM workers WHERE id = ?", (worker_id,)))
    finally:
        db.close()


@pytest.mark.expected_logs("permission", "revoke credential", "not_found")
def test_a_supervisor_releases_a_worker_from_the_command_line(
    home: tuple[str, int, str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root, worker_id, number = home
    monkeypatch.setenv("TERMINAL_OPERATOR", "clerk")
    assert main(["--lang", "en", "--home", root, "worker", "release", number, "--reason", "离职"]) == 1
    assert "may not" in capsys.readouterr().err
    monkeypatch.setenv("TERMINAL_OPERATOR", "supervisor")
    # The credential is still live: it must be revoked first, and the command says so.
    assert main(["--lang", "en", "--home", root, "worker", "release", number, "--reason", "离职"]) == 1
    assert f"revoke credential {number} first" in capsys.readouterr().err
    assert main(["--lang", "en", "--home", root, "worker", "release", "nobody", "--reason", "离职"]) == 1
    capsys.readouterr()
    monkeypatch.setenv("TERMINAL_OPERATOR", "administrator")
    assert main(["--home", root, "credential", "list", "--json"]) == 0  # (the credential is there)
    capsys.readouterr()

    db = Home(Path(root)).open()
    try:
        staff = sign_in_staff(db)
        credentials.transition(db, staff[Role.SUPERVISOR], number, Action.REVOKE, dt.date.today(),
                               reason="本人离职")  # fmt: skip
    finally:
        db.close()
    monkeypatch.setenv("TERMINAL_OPERATOR", "supervisor")
    assert main(["--home", root, "worker", "release", str(worker_id), "--reason", "本人离职"]) == 0
    assert f"已离职：人员 {worker_id}" in capsys.readouterr().out
    assert _status(root, worker_id) == "inactive"
