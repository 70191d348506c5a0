"""The consumer pages against a real demo centre (its own process, SQLite) and a real terminal home (SQLCipher)
enrolled with it, shared by the module: the pages are read-mostly and each test uses its own credentials."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from terminal.store.db import Database
from terminal.usecases import setup
from tests.builders import UNLOCK_SECRET, open_db
from tests.sync.conftest import Terminal, enrol
from tests.sync.liveserver import LiveServer
from tests.web.browser import browser, desktop_page, phone_page, playwright_driver  # noqa: F401

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "consumer"


@dataclass
class Stack:
    server: LiveServer
    db: Database
    term: Terminal

    def sync(self) -> None:
        report = self.term.engine(self.server.url).sync_once()
        assert report.rejected == 0, report


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    root = tmp_path_factory.mktemp("consumer")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TERMINAL_UNLOCK_SECRET", UNLOCK_SECRET)
        db = open_db(root / "home", mp)
        server = LiveServer(root / "centre.db", demo=True).start()
        try:
            agency = db.query_one("SELECT credit_code, name FROM agency WHERE id = 1")
            assert agency is not None
            # Enrolled with the home's own key: the slips and cards it signs are the ones the centre trusts.
            term = enrol(
                db, server, key=setup.terminal_key(db), agency=(str(agency["credit_code"]), str(agency["name"]))
            )
            yield Stack(server, db, term)
        finally:
            server.stop()
            db.close()


def shoot(page: object, name: str) -> None:
    """A screenshot of the page as the phone shows it, for docs/screenshots/consumer/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def pusher(stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Terminal]:
    """A second terminal of the same agency that pushes hand-made events (tests.server.centre_builders), so its
    event numbers never meet the home terminal's outbox."""
    import os

    from terminal.store.migrate import migrate

    db = Database.open(tmp_path_factory.mktemp("pusher") / "terminal.db", os.urandom(32))
    migrate(db)
    agency = stack.db.query_one("SELECT credit_code, name FROM agency WHERE id = 1")
    assert agency is not None
    yield enrol(db, stack.server, agency=(str(agency["credit_code"]), str(agency["name"])))
    db.close()
