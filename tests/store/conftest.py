from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from terminal.store.db import Database
from tests.builders import open_db


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    database = open_db(tmp_path / "home", monkeypatch)
    yield database
    database.close()
