"""Deployment tests: the centre's command line, and PostgreSQL drills on private clusters (module-scoped: each
cluster costs seconds)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.sync.conftest import demo_server, live_server, store  # noqa: F401

TEST_PASSWORD = "Zhongxin-Admin-2026!"


def server_cli(db_url: str, home: Path, *argv: str, env: dict[str, str] | None = None,
               stdin: str | None = None) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """`terminal-server ARGV… --db URL` with the centre's home in `home`; never raises on a failing exit code."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("CENTRE_", "DJANGO_", "PROMETHEUS_"))}
    environment.update({"CENTRE_HOME": str(home), **(env or {})})
    return subprocess.run([sys.executable, "-m", "centre.cli", *argv, "--db", db_url], env=environment,
                          capture_output=True, text=True, timeout=120, input=stdin)  # fmt: skip
