"""A Transport wrapper that records every frame exchanged, for `terminal reader dump` support files.

The transcript holds personal data (the text block): it is written only where the operator asks.
"""

from __future__ import annotations

from terminal.core.errors import ReaderFault
from terminal.reader.transport import Transport


class RecordingTransport:
    def __init__(self, inner: Transport) -> None:
        self.inner = inner
        self.exchanges: list[tuple[bytes, bytes | ReaderFault]] = []

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def simulated(self) -> bool:
        return self.inner.simulated

    def exchange(self, frame: bytes, timeout: float) -> bytes:
        try:
            response = self.inner.exchange(frame, timeout)
        except ReaderFault as fault:
            self.exchanges.append((frame, fault))
            raise
        self.exchanges.append((frame, response))
        return response

    def close(self) -> None:
        self.inner.close()

    def transcript(self) -> str:
        """One line per frame: '> hex' sent, '< hex' received, '! code' for a fault instead of an answer."""
        lines = [f"# reader: {self.name}"]
        for sent, got in self.exchanges:
            lines.append(f"> {sent.hex(' ').upper()}")
            lines.append(f"! {got.code}" if isinstance(got, ReaderFault) else f"< {got.hex(' ').upper()}")
        return "\n".join(lines) + "\n"
