"""The serial transport over a real pseudo-terminal, with the virtual SAM reader on the other end."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator

import pytest

from terminal.reader import errors, frames
from terminal.reader.serial_port import SerialTransport
from terminal.reader.service import ReaderService, Timeouts, decode
from terminal.reader.virtual import DeviceCardRemoved, DeviceSilent, Fault, VirtualSamReader
from wirecontract.identity import CardType


class PtyReader:
    """Answers frames written to the pty's terminal side, like a serial SAM reader."""

    def __init__(self) -> None:
        self.device = VirtualSamReader()
        self.master, slave = os.openpty()
        self.port = os.ttyname(slave)
        self._slave = slave
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        buffer = b""
        while True:
            try:
                buffer += os.read(self.master, 4096)
            except OSError:
                return
            size = frames.frame_size(buffer) if len(buffer) >= frames.HEADER_LENGTH else None
            if size is not None and len(buffer) >= size:
                frame, buffer = buffer[:size], buffer[size:]
                try:
                    os.write(self.master, self.device.handle(frame))
                except (DeviceSilent, DeviceCardRemoved):  # a serial reader then simply sends nothing
                    continue

    def close(self) -> None:
        os.close(self.master)
        os.close(self._slave)


@pytest.fixture
def pty_reader() -> Iterator[PtyReader]:
    reader = PtyReader()
    yield reader
    reader.close()


def test_reads_every_card_type_over_serial(pty_reader: PtyReader) -> None:
    transport = SerialTransport(pty_reader.port)
    service = ReaderService(transport, timeouts=Timeouts(0.5, 1.0), poll_interval=0.01)
    try:
        for label in ("resident", "foreign_permanent", "foreign_permanent_2023", "hmt_residence"):
            pty_reader.device.remove()
            assert not service.card_found()
            pty_reader.device.insert(label)
            identity = decode(service.read_next(timeout=2))
            assert identity.card_type is CardType(label)
            assert identity.provenance.simulated  # the virtual SAM's ID gives it away
    finally:
        service.close()


def test_silent_serial_reader_times_out(pty_reader: PtyReader) -> None:
    pty_reader.device.set_fault(Fault.NEVER_ANSWERS)
    transport = SerialTransport(pty_reader.port)
    with pytest.raises(errors.ReaderTimeout):
        transport.exchange(frames.encode_request(frames.Command.SAM_STATUS), 0.2)
    transport.close()


def test_missing_port_is_no_reader(tmp_path: os.PathLike[str]) -> None:
    with pytest.raises(errors.NoReader):
        SerialTransport(os.path.join(tmp_path, "ttyNOPE")).exchange(
            frames.encode_request(frames.Command.SAM_STATUS), 0.2
        )
