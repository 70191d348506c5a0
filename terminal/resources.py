"""Where the shipped resources (fonts, layouts, translations, demo identities) live.

From source they sit in <repo>/resources; in a PyInstaller bundle the spec (installer/terminal.spec) copies
them to <bundle>/_internal/resources, which PyInstaller exposes as `sys._MEIPASS`. Asking this module,
rather than counting parent folders from a module's own file, keeps both layouts working.
"""

from __future__ import annotations

import sys
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parents[1]


def resource_root() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    base = Path(bundle) if isinstance(bundle, str) else _SOURCE_ROOT
    return base / "resources"


def resource_path(*parts: str) -> Path:
    """`resource_path("fonts", "DroidSansFallbackFull.ttf")` → the file, from source or from the bundle."""
    return resource_root().joinpath(*parts)


def is_bundled() -> bool:
    """True inside a PyInstaller bundle (frozen executable)."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")
