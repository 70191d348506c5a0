"""A clerk's, a supervisor's and a trainer's day through the home, the search and the worker page, in Chinese
and in English: the demo sign-in names the accounts, each role's home has its tiles with their queue counts,
a tile opens its work, the worker page reads in the chosen language, success shows in the banner."""

from __future__ import annotations

import re

import pytest

from terminal.core.lifecycle import State
from terminal.ui.home_page import ROLE_TILES, TILE_KEYS
from terminal.usecases import demo
from tests.ui.conftest import Running
from tests.ui.helpers import visible
from tests.ui.lifecycle_helpers import holder_with_credential
from tests.ui.test_language_walk import switch
from tests.ui.walk import visible_strings, wrong_language

CJK = re.compile(r"[\u3400-\u9fff]")


def demo_sign_in(running: Running, username: str) -> None:
    """The way a visitor signs in to the demo: by the account's button on the sign-in screen."""
    screen = running.window.signin
    assert visible(screen.demo_box) and demo.DEMO_PASSWORD in screen.demo_note.text()
    screen.demo_buttons[username].click()
    assert screen.username.text() == username
    screen.submit.click()
    running.qtbot.waitUntil(lambda: not running.window.locked, timeout=10_000)
    running.wait_idle()


def home_tiles(running: Running, role_name: str) -> dict[str, str]:
    """The visible tiles of the home, key → text; they are exactly the role's."""
    home = running.window.home
    running.window.show_page(home)
    running.wait_idle()
    shown = {key: home.tiles[key].text() for key in TILE_KEYS if visible(home.tiles[key])}
    role = next(r for r in ROLE_TILES if r.value == role_name)
    assert list(shown) == sorted(ROLE_TILES[role], key=TILE_KEYS.index) or set(shown) == set(ROLE_TILES[role])
    return shown


def no_wrong_language(running: Running, lang: str) -> None:
    data = frozenset({demo.DEMO_AGENCY.name, *(n for _u, n, _r in demo.DEMO_OPERATORS)})
    bad = wrong_language(visible_strings(running.window), lang, data)
    assert not bad, bad


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_clerk_day(running: Running, lang: str) -> None:
    switch(running, lang)
    demo_sign_in(running, "dengji")
    window = running.window
    tiles = home_tiles(running, "clerk")
    board = window.home.data.dashboard if window.home.data else None
    assert board is not None
    waiting = board.waiting.get("approved", 0)
    assert str(waiting) in tiles["approved"].splitlines()[-1]
    no_wrong_language(running, lang)
    window.home.tiles["workers"].click()  # find a worker from the home
    assert window.pages.currentWidget() is window.workers
    first = window.workers.model.rows[0]
    window.workers.search.setText(first.name)
    running.qtbot.waitUntil(lambda: any(r.worker_id == first.worker_id for r in window.workers.model.rows), timeout=10_000)
    window.workers.table.activated.emit(window.workers.model.index(0, 0))
    running.wait_idle()
    assert window.pages.currentWidget() is window.worker and visible(window.worker.badge)
    no_wrong_language(running, lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_supervisor_day(running: Running, lang: str) -> None:
    running.sign_in("zhuguan")
    worker_id, number = holder_with_credential(running, state=State.APPLIED)
    switch(running, lang)
    window = running.window
    tiles = home_tiles(running, "supervisor")
    board = window.home.data.dashboard if window.home.data else None
    assert board is not None and str(board.waiting["applied"]) in tiles["applied"]
    window.home.tiles["applied"].click()  # the approval queue from its tile
    running.wait_idle()
    assert window.pages.currentWidget() is window.credentials
    window.open_worker(worker_id)
    running.wait_idle()
    assert window.worker.badge.text().startswith(State.APPLIED.label(lang))
    no_wrong_language(running, lang)
    window.worker.start_release()  # leaving the agency: refused while the credential lives, then done
    dialog = window.worker.dialog
    assert dialog is not None
    reason = dialog.findChild(type(window.workers.search), "reason")
    assert reason is not None
    reason.setText("本人辞职")
    dialog.submit()
    running.wait_idle()
    assert dialog.isVisible() and number in dialog.error.text()  # revoke it first, in the UI's language
    assert bool(CJK.search(dialog.error.text())) == (lang == "zh")
    dialog.reject()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_trainer_day(running: Running, lang: str) -> None:
    switch(running, lang)
    demo_sign_in(running, "peixun")
    window = running.window
    tiles = home_tiles(running, "trainer")
    assert "register" not in tiles and not window.menu_actions["register"].isVisible()
    window.home.tiles["training"].click()
    running.wait_idle()
    assert window.pages.currentWidget() is window.training
    no_wrong_language(running, lang)
    window.show_page(window.home)
    window.home.tiles["results"].click()
    assert window.pages.currentWidget() is window.training


def test_success_shows_in_the_banner(running: Running) -> None:
    from terminal.ui.feedback import announce

    running.sign_in("zhuguan")
    switch(running, "en")
    announce("已保存", "Saved")
    banner = running.window.banner
    running.qtbot.waitUntil(lambda: visible(banner) and banner.text.text() == "Saved", timeout=5_000)
    assert banner.geometry().top() < running.window.pages.geometry().top() + 1  # above the page, not at the bottom
