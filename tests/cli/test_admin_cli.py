"""The command line IT staff use, run as a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from terminal.usecases.setup import make_credit_code

ROOT = Path(__file__).parents[2]


def run(*args: str, env: dict[str, str] | None = None, stdin: str = "") -> subprocess.CompletedProcess[str]:
    # These tests read the English messages (the command line speaks one language; test_cli_language checks which).
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "TERMINAL_LANG": "en", **(env or {})}
    return subprocess.run([sys.executable, "-m", "terminal", *args], capture_output=True, text=True, env=full_env,
                          input=stdin, timeout=120)  # fmt: skip


INIT = ["init", "--agency-name", "上海测试家政", "--credit-code", make_credit_code("91310105MA1FL0000"),
        "--licence-no", "310105000111", "--legal-representative", "王某", "--address", "上海市长宁区"]  # fmt: skip


def test_init_shows_the_recovery_key_once_and_never_takes_secrets_as_arguments(tmp_path: Path) -> None:
    home = tmp_path / "h"
    env = {"TERMINAL_ADMIN_PASSWORD": "admin1234", "TERMINAL_UNLOCK_SECRET": "unlock-me-1"}
    result = run("--home", str(home), *INIT, env=env)
    assert result.returncode == 0, result.stderr
    recovery = result.stdout.strip().splitlines()[-1]
    assert len(recovery.replace("-", "")) == 32
    assert recovery not in (home / "keys.json").read_text()
    again = run("--home", str(home), *INIT, env=env)
    assert again.returncode == 1 and "already set up" in again.stderr
    no_password = run("--home", str(tmp_path / "h2"), *INIT, env={"TERMINAL_UNLOCK_SECRET": "x"})
    assert no_password.returncode == 1 and "TERMINAL_ADMIN_PASSWORD" in no_password.stderr
    assert run("--home", str(home), "init", "--help").stdout.count("password") == 0


def test_backup_restore_and_audit_verify(tmp_path: Path) -> None:
    home = tmp_path / "h"
    env = {"TERMINAL_ADMIN_PASSWORD": "admin1234", "TERMINAL_UNLOCK_SECRET": "unlock-me-1"}
    recovery = run("--home", str(home), *INIT, env=env).stdout.strip().splitlines()[-1]
    assert run("--home", str(home), "backup", str(tmp_path / "x.tsbk"), env=env).returncode == 0
    restored = tmp_path / "restored"
    result = run("--home", str(restored), "restore", str(tmp_path / "x.tsbk"), env={"TERMINAL_RECOVERY_KEY": recovery,
                                                                                      "TERMINAL_UNLOCK_SECRET": "s2-secret-9"})  # fmt: skip
    assert result.returncode == 0, result.stderr
    verify = run("--home", str(restored), "audit", "verify", "--json", env={"TERMINAL_UNLOCK_SECRET": "s2-secret-9"})
    assert json.loads(verify.stdout)["ok"] is True
    wrong = run("--home", str(home), "audit", "verify", env={"TERMINAL_UNLOCK_SECRET": "nope"})
    assert wrong.returncode == 1 and "recovery key" in wrong.stderr


def test_demo_init_and_doctor(tmp_path: Path) -> None:
    home = tmp_path / "demo"
    result = run("--home", str(home), "demo", "init", "--workers", "25")
    assert result.returncode == 0, result.stderr
    assert "DEMO" in result.stdout
    doctor = run("--home", str(home), "doctor", "--json")
    checks = {c["check"]: c for c in json.loads(doctor.stdout)}
    assert checks["home"]["ok"] and "DEMO" in checks["home"]["detail"]
    assert checks["database"]["ok"] and checks["key"]["ok"]
    missing = run("--home", str(tmp_path / "none"), "doctor")
    assert missing.returncode == 1 and "terminal init" in missing.stdout


def test_version(tmp_path: Path) -> None:
    out = json.loads(run("version", "--json").stdout)
    assert out["schema"] >= 4
