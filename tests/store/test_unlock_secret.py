"""An unlock secret protects the database key on an unattended PC: a weak one is refused before anything is made."""

from __future__ import annotations

from pathlib import Path

import pytest

from terminal.core.errors import InvalidInput
from terminal.store import keys
from terminal.store.home import Home
from terminal.usecases import setup
from tests.builders import agency


@pytest.mark.parametrize("secret", ["x", "short-1", "aaaaaaaaaaaaa1", "1234567890123", "onlyletterslong"])
def test_weak_unlock_secrets_are_refused_before_the_home_is_made(tmp_path: Path, secret: str) -> None:
    home = Home(tmp_path / "h")
    with pytest.raises(InvalidInput):
        setup.init_home(home, agency(), "admin", "A", "admin1234", unlock_secret=secret)
    assert not home.root.exists()


@pytest.mark.parametrize("secret", ["unlock-me-1", "长城长城长城长城-2026", "correct horse battery"])
def test_reasonable_unlock_secrets_are_accepted(secret: str) -> None:
    keys.check_unlock_secret(secret)
