"""The one small interface every reader connection implements, and what reader discovery returns.

A Transport carries one SAM request frame to the reader and brings back its response frame, within a
time limit. PC/SC, serial and the in-process virtual reader all implement it, so the reader service
never knows which one it talks to (and a transport could live in another process, e.g. a 32-bit vendor
DLL host).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol


class ReaderState(enum.StrEnum):
    READY = "ready"  # reachable and answering (a SAM reader's module, or a card in a block-read reader)
    EMPTY = "empty"  # present, but nothing answers in its slot
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class ReaderInfo:
    name: str
    kind: str  # "pcsc", "serial", "virtual"
    state: ReaderState
    simulated: bool = False


class Transport(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def simulated(self) -> bool:
        """True when the reader is a simulator; everything read through it is marked simulated."""
        ...

    def exchange(self, frame: bytes, timeout: float) -> bytes:
        """Send one request frame and return the response frame. Raises ReaderFault subclasses only;
        never blocks longer than about `timeout` seconds (ReaderTimeout)."""
        ...

    def close(self) -> None: ...


class ReaderBackend(Protocol):
    """One kind of reader connection: lists its readers and opens one by name."""

    kind: str

    def list_readers(self) -> list[ReaderInfo]: ...

    def open(self, name: str) -> Transport: ...
