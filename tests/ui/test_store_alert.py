"""When the store refuses writes (a damaged page, a rolled-back database), the home page says so at the top."""

from __future__ import annotations

from terminal.core.errors import CorruptDatabase
from terminal.store.db import Database
from tests.ui.conftest import Running


def test_home_page_shows_why_nothing_can_be_saved(signed_in: Running) -> None:
    window, qtbot = signed_in.window, signed_in.qtbot
    home = window.home
    qtbot.waitUntil(lambda: home.data is not None, timeout=10_000)
    assert home.store_alert.isHidden()

    def damage(db: Database) -> None:
        db.refuse_writes(CorruptDatabase)

    signed_in.terminal.db.call(damage)
    home.refresh()
    qtbot.waitUntil(lambda: not home.store_alert.isHidden(), timeout=10_000)
    assert "数据库文件已损坏" in home.store_alert.text()
