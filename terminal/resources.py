"""Where the app's data files are: resources/ beside the package from source, or inside the PyInstaller
bundle (sys._MEIPASS) when frozen. Every module finds fonts, layouts, translations and demo data here."""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def resource_path(*parts: str) -> Path:
    return resources_root().joinpath(*parts)
