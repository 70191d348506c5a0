"""Compile resources/translations/*.ts to .qm with PySide6's lrelease: `python -m terminal.ui.translations_build`.

The .qm files are build output (not committed); the set-up command runs this."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import PySide6

from terminal.ui.i18n import TRANSLATIONS


def lrelease_path() -> Path:
    folder = Path(PySide6.__file__).resolve().parent
    for candidate in (folder / "lrelease", folder / "lrelease.exe", folder / "Qt" / "bin" / "lrelease"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError("PySide6's lrelease was not found; reinstall PySide6-Essentials")


def build(folder: Path = TRANSLATIONS) -> list[Path]:
    built: list[Path] = []
    for ts in sorted(folder.glob("*.ts")):
        qm = ts.with_suffix(".qm")
        subprocess.run([str(lrelease_path()), "-silent", str(ts), "-qm", str(qm)], check=True)
        built.append(qm)
    return built


def main() -> int:
    for qm in build():
        print(qm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
