"""Screenshots for docs/screenshots/ taken by the tests that already walk a screen: with TERMINAL_SCREENSHOTS=<folder>
(scripts/screenshots sets it) `shot` saves the widget there; otherwise it does nothing."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

from terminal.ui.main_window import FIT_SIZE

# Read at import: each test's clean environment takes TERMINAL_* variables away.
SHOTS = os.environ.get("TERMINAL_SCREENSHOTS")


def shot(widget: QWidget, name: str) -> None:
    """Save `widget` as <name>.png; the main window at the 1366×768 fit size, as the fit test saves it."""
    if not SHOTS:
        return
    folder = SHOTS
    if isinstance(widget, QMainWindow) and widget.size() != FIT_SIZE:
        widget.resize(FIT_SIZE)
    QApplication.processEvents()  # let layouts settle after the last change
    Path(folder).mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(Path(folder) / f"{name}.png"))
