"""The first-run wizard's reader page offers every kind of reader, vendor SDK readers included, through the same
chooser as Settings → Card reader, and writes the choice (with the vendor DLL and photo decoder) to config.json."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from terminal.reader.transport import ReaderBackend, ReaderInfo, ReaderState, Transport
from terminal.store.home import Home
from terminal.ui.tasks import TaskThread
from terminal.ui.wizard import ReaderPage, SetupWizard
from terminal.usecases.setup import make_credit_code


@pytest.fixture
def setup_thread() -> Iterator[TaskThread[None]]:
    thread = TaskThread[None]("setup")
    thread.start()
    yield thread
    thread.shutdown()


def _listed(page: ReaderPage) -> dict[str, str]:
    readers = page.chooser.readers
    return {str(readers.item(i).data(Qt.ItemDataRole.UserRole)): readers.item(i).text() for i in range(readers.count())}


def _to_reader_page(wizard: SetupWizard) -> None:
    agency = wizard.agency_page
    for edit, text in ((agency.name, "测试家政"), (agency.credit_code, make_credit_code("91310105MA1FL3K2X")),
                       (agency.licence_no, "310105000111"), (agency.legal, "张三"), (agency.address, "上海市")):  # fmt: skip
        edit.setText(text)
    wizard.next()
    admin = wizard.admin_page
    admin.username.setText("boss")
    admin.password.setText("secret123")
    admin.again.setText("secret123")
    wizard.next()
    assert wizard.currentPage() is wizard.reader_page


def test_a_vendor_reader_chosen_in_the_wizard_is_written_with_its_dll_and_decoder(
    qtbot: QtBot, tmp_path: Path, setup_thread: TaskThread[None]
) -> None:
    home = Home(tmp_path / "fresh")
    wizard = SetupWizard(home, setup_thread)
    qtbot.addWidget(wizard)
    wizard.show()
    _to_reader_page(wizard)
    page, chooser = wizard.reader_page, wizard.reader_page.chooser
    qtbot.waitUntil(lambda: not chooser.listing, timeout=30_000)
    assert "virtual" in _listed(page) and not any(name.startswith("sdt:") for name in _listed(page))
    dll = tmp_path / "ReaderSDK" / "sdtapi.dll"  # not a DLL at all: listed, but unavailable
    chooser.dll.setText(str(dll))
    chooser.refresh_button.click()
    qtbot.waitUntil(lambda: not chooser.listing and f"sdt:{dll}" in _listed(page), timeout=30_000)
    assert "厂商 SDK, 不可用" in _listed(page)[f"sdt:{dll}"]  # in the UI's one language
    assert chooser.choose(f"sdt:{dll}")
    chooser.decoder.setText(str(dll.with_name("WltRS.dll")))
    wizard.next()
    wizard.next()  # server address left empty: offline
    qtbot.waitUntil(lambda: wizard.key_page.recovery_key is not None, timeout=20_000)
    config = home.config()
    assert config["reader"] == f"sdt:{dll}" and config["sdt_dll"] == str(dll)
    assert config["photo_decoder"] == str(dll.with_name("WltRS.dll")) and config["photo_decoder_function"] == "unpack"


class _OneReader:
    """A PC/SC backend with one reader in it, so the page's default can be seen without pcscd."""

    kind = "pcsc"

    def list_readers(self) -> list[ReaderInfo]:
        return [ReaderInfo("ACS ACR39U 00 00", "pcsc", ReaderState.READY)]

    def open(self, name: str) -> Transport:
        raise AssertionError("the wizard only lists readers")


def _one_reader(_config: Mapping[str, Any]) -> Sequence[ReaderBackend]:
    return [_OneReader()]


def test_nothing_picked_means_the_first_reader_that_answers_never_the_simulator(qtbot: QtBot) -> None:
    page = ReaderPage(backends=_one_reader)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.chooser.listing, timeout=10_000)
    try:
        assert set(_listed(page)) == {"pcsc:ACS ACR39U 00 00", "virtual"}
        assert page.values()["reader"] == ""  # discovery then opens the first PC/SC reader that answers
        assert page.chooser.choose("pcsc:ACS ACR39U 00 00") and page.values()["reader"] == "pcsc:ACS ACR39U 00 00"
        page.chooser.refresh()  # a new listing keeps the operator's choice
        qtbot.waitUntil(lambda: not page.chooser.listing, timeout=10_000)
        assert page.values() == {"reader": "pcsc:ACS ACR39U 00 00", "sdt_dll": "", "photo_decoder": ""}
    finally:
        page.chooser.shutdown()
