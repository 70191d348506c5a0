"""Registration asks the centre whether another agency already registered the person (one agency per person)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from terminal.core.roles import Role
from terminal.store.home import Home
from terminal.sync.via_executor import DirectExecutor, registered_elsewhere
from terminal.sync.wiring import engine_for, enrol_terminal
from terminal.usecases import registration, setup
from tests.builders import actor, card_read, profile, sign_in_staff
from tests.sync.liveserver import LiveServer


def _agency_home(root: Path, name: str, credit17: str) -> Home:
    home = Home(root)
    agency = setup.AgencyInput(name, setup.make_credit_code(credit17), "business_licence", "1", "法人", "上海")
    setup.init_home(home, agency, "admin", "A", "admin1234", unlock_secret="s3cret-1-x")
    return home


def test_a_person_registered_by_another_agency_is_known_online(
    demo_server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERMINAL_UNLOCK_SECRET", "s3cret-1-x")
    first = _agency_home(tmp_path / "a", "甲家政", "91310105MA1FL0001").open()
    second = _agency_home(tmp_path / "b", "乙家政", "91310105MA1FL0002").open()
    for db in (first, second):
        enrol_terminal(db, demo_server.code_for(db), demo_server.url)
    sign_in_staff(first)
    read = card_read()
    number = registration.preview(first, read, dt.date.today()).identity.id_number
    assert registered_elsewhere(DirectExecutor(second), number) is False
    registration.register_worker(first, actor(Role.CLERK), read, profile(), dt.date.today())
    engine_for(first).sync_once()
    assert registered_elsewhere(DirectExecutor(second), number) is True
    assert registered_elsewhere(DirectExecutor(first), number) is False  # its own registration
    not_enrolled = _agency_home(tmp_path / "c", "丙家政", "91310105MA1FL0003").open()
    assert registered_elsewhere(DirectExecutor(not_enrolled), number) is None
    for db in (first, second, not_enrolled):
        db.close()
