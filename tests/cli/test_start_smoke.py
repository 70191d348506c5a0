"""`terminal --exit-when-ready`: the real program starts to its sign-in window and leaves cleanly."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_admin_cli import run


def test_app_starts_to_the_sign_in_window(tmp_path: Path) -> None:
    home = str(tmp_path / "demo")
    assert run("--home", home, "demo", "init", "--workers", "5").returncode == 0
    started = run("--home", home, "--demo", "--exit-when-ready", env={"QT_QPA_PLATFORM": "offscreen"})
    assert started.returncode == 0, started.stderr
    # The demo centre prints its addresses from the network thread, before or after "ready".
    assert "ready" in started.stdout.strip().splitlines()
    assert (Path(home) / "logs" / "terminal.log").is_file()
