"""The virtual ID card reader: a SAM reader simulator that answers frames like a real one.

`VirtualSamReader` holds the simulated state (which card lies on the reader, which fault to inject) and
answers request frames. It is used in two forms with the same protocol:
  * `VirtualTransport`: an in-process Transport for demo mode on any PC;
  * `tests.support.vpcd.VpcdVirtualCard`: plugged into the real pcscd through vsmartcard's vpcd.

Everything it produces is recognisably simulated: its SAM ID starts with SIMULATED_SAM_MAJOR ("99."),
and the transports report `simulated=True`. It carries no photo: its photo block is a filler that
says so and that no decoder accepts.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Mapping
from typing import Any

from terminal.core.errors import InvalidInput
from terminal.reader import apdu, frames
from terminal.reader.errors import CardRemoved, FrameFault, ReaderTimeout
from terminal.reader.frames import Command
from terminal.reader.identities import load_identities, text_block_of

SIMULATED_SAM_ID = frames.encode_sam_id(frames.SIMULATED_SAM_MAJOR, 1, 20240101, 1, 1)
NO_PHOTO_FILLER = (b"VIRTUAL CARD - NO PHOTO " * 43)[: frames.PHOTO_LENGTH]
FINGERPRINT_FILLER = bytes(1024)


class Fault(enum.StrEnum):
    NONE = "none"
    NO_CARD = "no_card"  # find always answers "no card"
    READ_FAILURE = "read_failure"  # the read answers SW3 41
    BAD_CHECKSUM = "bad_checksum"  # the read response's checksum is wrong
    TRUNCATED_FRAME = "truncated_frame"  # the read response is cut short
    REMOVED_MID_READ = "removed_mid_read"  # the card leaves the field during the read
    NEVER_ANSWERS = "never_answers"  # the reader stops answering


class DeviceSilent(Exception):
    """Control flow for transports: the simulated reader sends nothing back."""


class DeviceCardRemoved(Exception):
    """Control flow for transports: the simulated card left the field during the exchange."""


class VirtualSamReader:
    """Thread-safe simulator. Control API: insert(label), remove(), set_fault(fault), labels, card."""

    def __init__(self, identities: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self._identities = dict(identities) if identities is not None else load_identities()
        self._lock = threading.Lock()
        self.changed = threading.Condition(self._lock)
        self._card: str | None = None
        self._latched = False  # a card that was read must leave the field before it is found again
        self._fault = Fault.NONE
        self.reads = 0

    # --- control API -------------------------------------------------------------------------
    @property
    def labels(self) -> list[str]:
        return list(self._identities)

    @property
    def card(self) -> str | None:
        return self._card

    @property
    def fault(self) -> Fault:
        return self._fault

    def insert(self, label: str) -> None:
        if label not in self._identities:
            raise InvalidInput(field=f"virtual card {label!r} (known: {', '.join(self._identities)})")
        with self.changed:
            self._card, self._latched = label, False
            self.changed.notify_all()

    def remove(self) -> None:
        with self.changed:
            self._card, self._latched = None, False
            self.changed.notify_all()

    def set_fault(self, fault: Fault) -> None:
        with self.changed:
            self._fault = fault
            self.changed.notify_all()

    def text_block(self, label: str) -> bytes:
        return text_block_of(self._identities[label])

    # --- the device --------------------------------------------------------------------------
    def handle(self, frame: bytes) -> bytes:
        with self._lock:
            return self._handle(frame)

    def _handle(self, frame: bytes) -> bytes:
        if self._fault is Fault.NEVER_ANSWERS:
            raise DeviceSilent()
        try:
            request = frames.decode_request(frame)
        except FrameFault:
            return frames.encode_response(0x10)
        command = request.command
        if command is None:
            return frames.encode_response(0x21)
        if command in (Command.RESET_SAM, Command.SAM_STATUS):
            return frames.encode_response(frames.SW3_OK)
        if command is Command.SAM_ID:
            return frames.encode_response(frames.SW3_OK, SIMULATED_SAM_ID)
        findable = self._card is not None and not self._latched and self._fault is not Fault.NO_CARD
        if command is Command.FIND_CARD:
            return frames.encode_response(*((frames.SW3_CARD_FOUND, bytes(4)) if findable else (0x80,)))
        if command is Command.SELECT_CARD:
            return frames.encode_response(*((frames.SW3_OK, bytes(8)) if findable else (0x81,)))
        if command is Command.READ_ADDITIONAL_ADDRESS:
            return frames.encode_response(frames.SW3_NO_CONTENT if findable else 0x41)
        if not findable or self._card is None:
            return frames.encode_response(0x41)
        return self._read(self._card, command is Command.READ_TEXT_PHOTO_FINGERPRINT)

    def read_block(self, n: int) -> bytes:
        """Block-read mode (`FF B0 0n 00 00`): block n of the 1284-byte stream plus SW1 SW2."""
        with self._lock:
            if self._fault is Fault.NEVER_ANSWERS:
                raise DeviceSilent()
            if self._card is None or not 0 <= n < apdu.BLOCK_COUNT:
                return apdu.SW_WRONG_P1P2
            if self._fault is Fault.READ_FAILURE:
                return apdu.SW_READ_FAILED
            if self._fault is Fault.REMOVED_MID_READ and n == 1:
                self._card = None
                self.changed.notify_all()
                raise DeviceCardRemoved()
            stream = frames.encode_read(self.text_block(self._card), NO_PHOTO_FILLER, None)
            block = stream[n * apdu.BLOCK_SIZE : (n + 1) * apdu.BLOCK_SIZE]
            if self._fault is Fault.TRUNCATED_FRAME:
                block = block[: len(block) // 2]
            return block + apdu.SW_OK

    def _read(self, label: str, with_fingerprint: bool) -> bytes:
        if self._fault is Fault.READ_FAILURE:
            return frames.encode_response(0x41)
        if self._fault is Fault.REMOVED_MID_READ:
            self._card = None
            self.changed.notify_all()
            raise DeviceCardRemoved()
        data = frames.encode_read(
            self.text_block(label), NO_PHOTO_FILLER, FINGERPRINT_FILLER if with_fingerprint else None
        )
        response = frames.encode_response(frames.SW3_OK, data)
        if self._fault is Fault.BAD_CHECKSUM:
            return response[:-1] + bytes([response[-1] ^ 0xFF])
        if self._fault is Fault.TRUNCATED_FRAME:
            return response[: len(response) // 2]
        self._latched = True
        self.reads += 1
        return response


class VirtualTransport:
    """The in-process form of the virtual reader (demo mode)."""

    kind = "virtual"

    def __init__(self, device: VirtualSamReader, name: str = "Virtual ID card reader (demo)") -> None:
        self.device = device
        self._name = name
        self._closed = threading.Event()

    @property
    def name(self) -> str:
        return self._name

    @property
    def simulated(self) -> bool:
        return True

    def exchange(self, frame: bytes, timeout: float) -> bytes:
        try:
            return self.device.handle(frame)
        except DeviceSilent:
            self._closed.wait(timeout)  # a silent reader costs the caller its whole time limit
            raise ReaderTimeout(timeout) from None
        except DeviceCardRemoved:
            raise CardRemoved() from None

    def close(self) -> None:
        self._closed.set()
