"""Packaging test fixtures: where the repository and its build scripts are."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.packaging.background_build import script_environment

REPO = Path(__file__).resolve().parents[2]


def run_script(script: str, *args: str, timeout: float) -> subprocess.CompletedProcess[str]:
    """Run one of scripts/ with the test's environment, output captured (and echoed on failure by the caller)."""
    env = script_environment()
    return subprocess.run([str(REPO / "scripts" / script), *args], cwd=REPO, env=env, text=True,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout, check=False)  # fmt: skip


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
