"""Every screen fits a 1366×768 screen: the window opens no larger than a 1366×768 screen leaves (taskbar and
title bar), the status bar is inside it, and on every page and tab no widget is squeezed below the size it
needs (clipped) or pushed past the window's edge, in both languages (English words are longer).

With TERMINAL_SCREENSHOTS=<folder> the walk also saves each screen there (scripts/screenshots does this for
docs/screenshots/)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QMainWindow, QWidget

from terminal.reader.virtual import VirtualSamReader
from terminal.ui.main_window import FIT_SIZE
from tests.ui.conftest import Running
from tests.ui.test_language_walk import switch
from tests.ui.walk import walk_pages

SHOTS = os.environ.get("TERMINAL_SCREENSHOTS")
# Screens saved: in Chinese every page and the worker page's history tabs; in English the ones that changed most.
SHOT_TABS = {"workerPage/2", "workerPage/9"}
SHOT_ENGLISH = {"signInScreen", "homePage", "workersPage", *SHOT_TABS}


def _inside_scroll_area(widget: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport() is not widget:
            return True
        parent = parent.parentWidget()
    return False


def clipped(window: QMainWindow) -> list[str]:
    """Widgets on screen smaller than their minimum size hint, or reaching past the window's edge."""
    for _ in range(3):  # let posted layout requests (after a text changed) run first, as a frame would
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        QApplication.processEvents()
    bounds = QRect(QPoint(0, 0), window.size())
    found: list[str] = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisible() or widget.isWindow() or _inside_scroll_area(widget):
            continue
        name = f"{type(widget).__name__}#{widget.objectName() or '?'}"
        hint = widget.minimumSizeHint()
        if hint.isValid() and (widget.width() + 1 < hint.width() or widget.height() + 1 < hint.height()):
            found.append(f"{name} is {widget.width()}×{widget.height()}, needs {hint.width()}×{hint.height()}")
        place = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
        if not bounds.contains(place):
            found.append(f"{name} at {place.getRect()} is outside the window {bounds.getRect()}")
    return found


def shoot(window: QMainWindow, lang: str, name: str) -> None:
    wanted = ("/" not in name or name in SHOT_TABS) if lang == "zh" else name in SHOT_ENGLISH
    if SHOTS and wanted:
        folder = Path(SHOTS)
        folder.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(folder / f"{name.replace('/', '-tab')}-{lang}.png"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_screen_fits_1366x768(running: Running, device: VirtualSamReader, lang: str) -> None:
    window = running.window
    switch(running, lang)
    assert window.width() <= FIT_SIZE.width() and window.height() <= FIT_SIZE.height()  # as it opened
    window.resize(FIT_SIZE)
    running.qtbot.waitUntil(lambda: window.size() == FIT_SIZE, timeout=5_000)
    problems = [f"sign-in: {p}" for p in clipped(window)]
    shoot(window, lang, "signInScreen")
    running.sign_in("admin")
    for name, _page in walk_pages(running):
        min_size = window.minimumSizeHint()
        if min_size.width() > FIT_SIZE.width() or min_size.height() > FIT_SIZE.height():
            problems.append(f"{name}: the window needs {min_size.width()}×{min_size.height()}")
        status = window.statusBar()
        if not (status.isVisible() and status.geometry().bottom() < window.height()):
            problems.append(f"{name}: the status bar is not on screen")
        problems += [f"{name}: {p}" for p in clipped(window)]
        shoot(window, lang, name)
    assert not problems, "does not fit 1366×768:\n" + "\n".join(problems)
