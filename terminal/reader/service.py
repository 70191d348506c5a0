"""The reader the app and the CLI use: wait for a card, read it, hand over a CardRead with provenance.

One ReaderService per chosen reader, meant to live on its own worker thread: `read_next()` blocks until a
card is presented (so a tap reads without a click), `stop()` from any thread cancels the wait. After each
read the card must leave the field (one "no card" answer) before the next read, so one placement is never
registered twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from terminal.core.errors import ReaderFault
from terminal.reader import frames
from terminal.reader.errors import NoCard, ReadCancelled, fault_for_result
from terminal.reader.frames import Command
from terminal.reader.transport import Transport
from wirecontract.cardtext import decode_text_block, sha256_hex
from wirecontract.identity import CardRead, Identity, Provenance

log = logging.getLogger("terminal.reader")

SIMULATED_SAM_PREFIX = "SIM-"
NO_SAM_ID = "none"  # readers that expose the card directly (block reads) have no SAM to name


@dataclass(frozen=True)
class Timeouts:
    """Per-exchange limits, from the budgets reader drivers use (find/select ≤ 0.5 s, read ≤ 3.5 s)."""

    command: float = 0.5
    read: float = 3.5


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ReaderService:
    def __init__(
        self,
        transport: Transport,
        *,
        timeouts: Timeouts = Timeouts(),
        poll_interval: float = 0.1,
        clock: Callable[[], dt.datetime] = utc_now,
        with_fingerprint: bool = False,
        on_fault: Callable[[ReaderFault], None] | None = None,
    ) -> None:
        self.transport = transport
        self.timeouts = timeouts
        self.poll_interval = poll_interval
        self._clock = clock
        self._with_fingerprint = with_fingerprint
        self._on_fault = on_fault
        self._stop = threading.Event()
        self._sam_id: str | None = None
        self._need_removal = False
        # Finds that saw an empty reader. The removal rule re-arms on one, so whoever needs to know that a
        # lifted card was noticed (the next placement of the same card reads again) waits for this to grow.
        self.empty_finds = 0

    @property
    def name(self) -> str:
        return self.transport.name

    def stop(self) -> None:
        """Cancel a wait in progress (from any thread); later waits raise ReadCancelled at once."""
        self._stop.set()

    def resume(self) -> None:
        self._stop.clear()

    def close(self) -> None:
        self.stop()
        self.transport.close()

    def _exchange(self, command: Command, timeout: float) -> frames.Response:
        return frames.expect(command, self.transport.exchange(frames.encode_request(command), timeout))

    def sam_id(self) -> str:
        if self._sam_id is None:
            response = frames.decode_response(
                self.transport.exchange(frames.encode_request(Command.SAM_ID), self.timeouts.command)
            )
            if response.sw3 == frames.SW3_NO_CONTENT:
                self._sam_id = NO_SAM_ID
            elif response.sw3 != frames.SW3_OK:
                raise fault_for_result(response.sw3)
            else:
                self._sam_id = frames.decode_sam_id(response.data)
        return self._sam_id

    def card_found(self) -> bool:
        """One find: True if a newly placed card is on the reader."""
        try:
            self._exchange(Command.FIND_CARD, self.timeouts.command)
        except NoCard:
            self._need_removal = False
            self.empty_finds += 1
            return False
        return not self._need_removal

    def wait_for_card(self, timeout: float | None = None) -> None:
        """Poll until a newly placed card is found. Reader faults while polling (unplugged reader, pcscd
        restarting) are reported to on_fault and polling goes on; at the deadline the last one is raised."""
        deadline = None if timeout is None else time.monotonic() + timeout
        last: ReaderFault = NoCard()
        while True:
            if self._stop.is_set():
                raise ReadCancelled()
            try:
                if self.card_found():
                    return
                last = NoCard()
            except ReaderFault as fault:
                if type(fault) is not type(last) and self._on_fault is not None:
                    self._on_fault(fault)
                last = fault
                self._sam_id = None  # the reader may come back as another device
            if deadline is not None and time.monotonic() >= deadline:
                raise last
            self._stop.wait(self.poll_interval)

    def read_present_card(self) -> CardRead:
        """Select and read the card that was just found."""
        self._exchange(Command.SELECT_CARD, self.timeouts.command)
        command = Command.READ_TEXT_PHOTO_FINGERPRINT if self._with_fingerprint else Command.READ_TEXT_PHOTO
        response = self._exchange(command, self.timeouts.read)
        payload = frames.split_read(response.data, self._with_fingerprint)
        sam_id = self.sam_id()
        simulated = self.transport.simulated or sam_id.startswith(f"{frames.SIMULATED_SAM_MAJOR}.")
        provenance = Provenance(
            reader=self.name,
            sam_id=f"{SIMULATED_SAM_PREFIX}{sam_id}" if simulated else sam_id,
            read_at=self._clock(),
            raw_sha256=sha256_hex(payload.text),
            simulated=simulated,
        )
        self._need_removal = True
        log.info("card read on %s (simulated=%s)", self.name, simulated)
        return CardRead(raw_text=payload.text, photo_wlt=payload.photo or None, provenance=provenance)

    def read_next(self, timeout: float | None = None) -> CardRead:
        self.wait_for_card(timeout)
        return self.read_present_card()


def decode(card: CardRead) -> Identity:
    """The identity in a CardRead (InvalidCardText / InvalidIdNumber for a bad text block)."""
    return decode_text_block(card.raw_text, card.provenance, card.photo_wlt)

