"""One language at a time: every screen, tab and Qt dialog walked in Chinese and in English, every visible
string checked against the other language's catalogue (tests/ui/walk.py). The walk takes whatever pages the
main window holds, so a screen added later is walked too."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from terminal.core.errors import InvalidInput
from terminal.usecases import demo
from terminal.usecases.demo import DEMO_AGENCY, DEMO_OPERATORS
from tests.ui.conftest import Running
from tests.ui.walk import Seen, visible_strings, walk_pages, wrong_language
from wirecontract.errors import Text

# Data, not the program's words: allowed in either language.
DATA = frozenset({DEMO_AGENCY.name, *(name for _u, name, _r in DEMO_OPERATORS), demo.DEMO_PASSWORD})


def switch(running: Running, lang: str) -> None:
    window = running.window
    window.switch_language(lang)
    expected = "Find workers" if lang == "en" else "查找人员"
    running.qtbot.waitUntil(lambda: window.menu_actions["workers"].text() == expected, timeout=5_000)
    running.wait_idle()


def offenders(where: str, widget: QWidget, lang: str) -> list[str]:
    return [f"{where}: {s.where} [{s.kind}] {s.text!r}" for s in wrong_language(visible_strings(widget), lang, DATA)]


def _message_box() -> QMessageBox:
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes, "no message box open"
    return boxes[-1]


@pytest.mark.expected_logs("invalid_input")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_screen_in_one_language(running: Running, lang: str) -> None:
    switch(running, lang)
    window = running.window
    found = offenders("sign-in", window, lang)
    running.sign_in("admin")
    seen_pages = 0
    for name, _page in walk_pages(running):
        found += offenders(name, window, lang)
        seen_pages += 1
    assert seen_pages >= window.pages.count()
    # Qt's own dialogs: an error box, a form dialog's buttons, a file dialog.
    from terminal.ui.feedback import report_error

    report_error(window, InvalidInput(field=Text("现住址不能为空", "current address is required")))
    box = _message_box()
    found += offenders("error box", box, lang)
    assert ("现住址" in box.text()) == (lang == "zh") and ("current address" in box.text()) == (lang == "en")
    box.close()
    window.open_worker(window.workers.model.rows[0].worker_id)
    running.wait_idle()
    window.worker.start_release()
    assert window.worker.dialog is not None
    found += offenders("release dialog", window.worker.dialog, lang)
    window.worker.dialog.reject()
    files = QFileDialog(window, "x")
    files.show()
    running.qtbot.waitUntil(files.isVisible, timeout=5_000)
    found += [f for f in offenders("file dialog", files, lang) if "'x'" not in f]
    names = {b.text().replace("&", "") for b in files.findChildren(QWidget) if hasattr(b, "text") and b.isVisible()}
    files.close()
    assert not found, "wrong-language text:\n" + "\n".join(sorted(set(found)))
    # Qt's own words come from Qt's catalogue in Chinese and stay Qt's English in English.
    assert ("取消" in names) == (lang == "zh") and ("Cancel" in names) == (lang == "en")


def test_the_checker_finds_the_other_language() -> None:
    """The walk's checker itself: it flags what it must and lets data through."""
    chrome = [Seen("chrome", "QPushButton#a", "刷新"), Seen("chrome", "QPushButton#b", "Refresh"),
              Seen("content", "QLabel#c", "张三"), Seen("chrome", "QPushButton#d", "Cancel"),
              Seen("chrome", "QAction#e", "中文")]  # fmt: skip
    assert [s.text for s in wrong_language(chrome, "en")] == ["刷新"]
    assert [s.text for s in wrong_language(chrome, "zh")] == ["Refresh", "Cancel"]


def test_every_ui_string_has_its_english() -> None:
    """The catalogue checker (`python -m terminal.ui.translations_build --check`): each string the UI code
    passes to tr()/translate() has a finished English entry with the same %n/%1 markers."""
    from terminal.ui import translations_build

    assert translations_build.source_strings(), "the checker found no strings: it is broken"
    assert translations_build.problems() == []
