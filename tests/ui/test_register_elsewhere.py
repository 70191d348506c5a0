"""Online, a person the centre shows as registered by another agency is refused before saving."""

from __future__ import annotations

from collections.abc import Callable

from terminal.core.errors import RegisteredElsewhere
from terminal.reader.virtual import VirtualSamReader
from tests.ui.conftest import Running
from tests.ui.helpers import tap


def test_registered_elsewhere_is_refused(signed_in: Running, device: VirtualSamReader) -> None:
    asked: list[str] = []

    def centre(id_number: str, answer: Callable[[bool | None], None]) -> None:
        asked.append(id_number)
        answer(True)

    assert signed_in.terminal.session is not None
    signed_in.terminal.session.centre_lookup = centre
    page = signed_in.window.register
    tap(signed_in, device, "resident")
    signed_in.qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    assert len(asked[0]) == 18
    assert page.card is None and not page.save_button.isEnabled()
    assert RegisteredElsewhere().message("zh") in page.panel.status.text()


def test_offline_lookup_does_not_block(signed_in: Running, device: VirtualSamReader) -> None:
    assert signed_in.terminal.session is not None
    signed_in.terminal.session.centre_lookup = lambda _number, answer: answer(None)
    page = signed_in.window.register
    tap(signed_in, device, "resident")
    assert page.card is not None and page.save_button.isEnabled()
