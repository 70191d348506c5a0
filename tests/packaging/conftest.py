"""Packaging test fixtures: where the repository and its build scripts are."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run_script(script: str, *args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    """Run one of scripts/ with the test's environment, output captured (and echoed on failure by the caller)."""
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the scripts must set up the platform themselves
    return subprocess.run([str(REPO / "scripts" / script), *args], cwd=REPO, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout, check=False)  # fmt: skip


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
