"""Walk the app's screens and read every string a person sees, to check it against the other language.

`visible_strings(widget)` reads labels, buttons, tabs, group titles, headers, placeholders, tooltips, combo
items, menus, window titles and the first rows of every list under a widget that is on screen. Each string
comes with its kind: "chrome" is text the program itself wrote (a button, a heading) and may never be in the
other language; "content" may hold data (a worker's Chinese name in the English UI) and is only checked
against the other language's catalogue. `wrong_language(found, lang)` returns the offenders.

`walk_pages(running)` shows every page the main window holds (whatever helpers added) and every tab on it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QTreeView,
    QWidget,
)  # fmt: skip

from terminal.ui.translations_build import ENGLISH
from tests.ui.conftest import Running

CJK = re.compile(r"[\u3400-\u9fff]")
PARTS = re.compile(r"[\n：:·（）()、，,；;—/|\[\]【】…]+|\s{2,}|\s+-\s+")
TAGS = re.compile(r"<[^>]+>")
# Names of the languages in the language menu are each in their own language, on purpose.
ENDONYMS = {"中文", "English"}
# Qt's own English for standard buttons and file dialogs: in the Chinese UI these must come out translated.
QT_ENGLISH = {"OK", "&OK", "Cancel", "&Cancel", "Yes", "&Yes", "No", "&No", "Apply", "&Apply", "Close", "&Close",
              "Save", "&Save", "Open", "&Open", "Discard", "Reset", "Help", "Look in:", "File name:",
              "File &name:", "Files of type:", "Detail View", "List View", "Back", "Forward", "Parent Directory",
              "Create New Folder", "Select All", "&Undo", "&Redo", "Cu&t", "&Copy", "&Paste", "Delete",
              "Show Details...", "Hide Details..."}  # fmt: skip


@dataclass(frozen=True)
class Seen:
    kind: str  # "chrome" or "content"
    where: str  # widget class and object name
    text: str


@cache
def catalogue_texts() -> tuple[frozenset[str], frozenset[str]]:
    """(Chinese sources, English translations that differ from their source) of the English catalogue."""
    zh: set[str] = set()
    en: set[str] = set()
    for message in ET.parse(ENGLISH).getroot().iter("message"):
        source = message.findtext("source") or ""
        zh.add(source)
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.findall("numerusform")] if translation is not None else []
        texts = forms or [translation.text or "" if translation is not None else ""]
        for text in texts:
            if text and text != source and re.search(r"[A-Za-z]{3}", text):
                en.add(text)
    return frozenset(zh), frozenset(en)


def _where(widget: QWidget) -> str:
    return f"{type(widget).__name__}#{widget.objectName() or '?'}"


def _strings(widget: QWidget) -> Iterator[tuple[str, str]]:
    if widget.toolTip():
        yield "chrome", TAGS.sub("", widget.toolTip())
    if isinstance(widget, QMainWindow) or widget.isWindow():
        yield "content", widget.windowTitle()  # may name a worker
    if isinstance(widget, QLabel):
        yield "content", TAGS.sub("", widget.text())
    elif isinstance(widget, QAbstractButton):
        yield "chrome", widget.text()
    elif isinstance(widget, QGroupBox):
        yield "chrome", widget.title()
    elif isinstance(widget, QLineEdit | QTextEdit | QPlainTextEdit):
        yield "chrome", widget.placeholderText()
    elif isinstance(widget, QComboBox):
        for i in range(min(widget.count(), 40)):
            yield "content", widget.itemText(i)
    elif isinstance(widget, QTabWidget):
        for i in range(widget.count()):
            yield "chrome", widget.tabText(i)
            yield "chrome", widget.tabToolTip(i)
    elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        root = QModelIndex()
        tabular = isinstance(widget, QTableView | QTreeView)
        columns = model.columnCount(root) if tabular else 1  # a list model's columnCount is private
        if tabular:
            for c in range(columns):
                yield "chrome", str(model.headerData(c, Qt.Orientation.Horizontal) or "")
        for r in range(min(model.rowCount(root), 30)):
            for c in range(columns):
                yield "content", str(model.index(r, c).data() or "")
    elif isinstance(widget, QMenu):
        yield "chrome", widget.title()
        for action in widget.actions():
            if action.isVisible():
                yield "chrome", action.text()


def visible_strings(root: QWidget) -> list[Seen]:
    """Every string on `root` and its children that are on screen (menus of a main window included)."""
    found: list[Seen] = []
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisible() and not isinstance(widget, QMenu):
            continue
        if isinstance(widget, QMenu) and not (widget.menuAction().isVisible() and widget.title()):
            continue
        for kind, text in _strings(widget):
            if text.strip():
                found.append(Seen(kind, _where(widget), text.strip()))
    return found


def _parts(text: str) -> list[str]:
    return [p.strip() for p in PARTS.split(text.replace("&", "")) if p.strip()]


def wrong_language(found: list[Seen], lang: str, data: frozenset[str] = frozenset()) -> list[Seen]:
    """The strings that belong to the other language. `data` holds values that are data, not the program's
    words (the demo agency's and operators' names), allowed in either language."""
    zh, en = catalogue_texts()
    bad: list[Seen] = []
    for seen in found:
        text = seen.text.replace("&", "")
        if text in ENDONYMS or seen.text in data or text in data:
            continue
        parts = [p for p in _parts(seen.text) if p not in data and p not in ENDONYMS]
        if lang == "en":
            untranslated = seen.text in zh or any(p in zh and len(p) >= 2 for p in parts)
            chinese_chrome = seen.kind == "chrome" and any(CJK.search(p) for p in parts)
            if untranslated or chinese_chrome:
                bad.append(seen)
        else:
            english = seen.text in en or seen.text in QT_ENGLISH or any(p in en and len(p) >= 4 for p in parts)
            if english:
                bad.append(seen)
    return bad


def tabs_of(page: QWidget) -> list[QTabWidget]:
    return [t for t in page.findChildren(QTabWidget) if t.isVisible()]


def walk_pages(running: Running) -> Iterator[tuple[str, QWidget]]:
    """Show each page the main window holds, then each tab of its tab widgets; yields (name, page) each time
    something new is on screen, after the page's own loading has finished."""
    window = running.window
    for index in range(window.pages.count()):
        page = window.pages.widget(index)
        assert page is not None
        if page is window.worker:
            window.open_worker(window.workers.model.rows[0].worker_id)
        else:
            window.pages.setCurrentWidget(page)
            refresh = getattr(page, "refresh", None)
            if callable(refresh):
                refresh()
        running.wait_idle()
        name = page.objectName() or type(page).__name__
        yield name, page
        for tabs in tabs_of(page):
            for i in range(tabs.count()):
                if tabs.isTabEnabled(i) and tabs.isTabVisible(i):
                    tabs.setCurrentIndex(i)
                    running.wait_idle()
                    yield f"{name}/{i}", page
