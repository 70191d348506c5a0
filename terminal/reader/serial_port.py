"""Serial / USB-CDC SAM readers through pyserial (115200 8N1 by default).

The port is opened lazily and closed after any fault, so a reader unplugged and plugged back (same port
name) works again on the next exchange.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import serial

from terminal.reader import frames
from terminal.reader.errors import NoReader, ReaderTimeout, TruncatedFrame
from terminal.reader.transport import ReaderInfo, ReaderState

SERIAL_PREFIX = "serial:"
OpenPort = Callable[..., Any]  # serial.serial_for_url's signature; a seam for tests and other URL kinds


class SerialTransport:
    kind = "serial"

    def __init__(self, port: str, *, baudrate: int = 115200, open_port: OpenPort = serial.serial_for_url) -> None:
        self.port = port
        self.baudrate = baudrate
        self._open_port = open_port
        self._serial: Any = None
        self._lock = threading.Lock()

    @property
    def name(self) -> str:
        return f"{SERIAL_PREFIX}{self.port}"

    @property
    def simulated(self) -> bool:
        return False

    def exchange(self, frame: bytes, timeout: float) -> bytes:
        with self._lock:
            try:
                if self._serial is None:
                    self._serial = self._open_port(self.port, baudrate=self.baudrate, timeout=0.05)
                self._serial.reset_input_buffer()
                self._serial.write(frame)
                return self._read_frame(time.monotonic() + timeout, timeout)
            except (serial.SerialException, OSError) as exc:
                self._close()
                raise NoReader(self.name, detail=type(exc).__name__) from exc
            except (ReaderTimeout, TruncatedFrame):
                self._close()
                raise

    def _read_frame(self, deadline: float, timeout: float) -> bytes:
        data = bytearray()
        size: int | None = None
        while size is None or len(data) < size:
            if time.monotonic() > deadline:
                if not data:
                    raise ReaderTimeout(timeout)
                raise TruncatedFrame(size or frames.HEADER_LENGTH, len(data))
            want = (size - len(data)) if size is not None else frames.HEADER_LENGTH - len(data)
            data += self._serial.read(max(want, 1))
            if size is None:
                size = frames.frame_size(bytes(data))
        return bytes(data[:size])

    def _close(self) -> None:
        port, self._serial = self._serial, None
        if port is not None:
            try:
                port.close()
            except (serial.SerialException, OSError):
                pass  # already gone with the unplugged device

    def close(self) -> None:
        with self._lock:
            self._close()


class SerialBackend:
    kind = "serial"

    def list_readers(self) -> list[ReaderInfo]:
        # A serial port cannot say whether a SAM reader is behind it until it is asked.
        # Imported here: on Windows the port list needs cfgmgr32, which starting the terminal should not.
        from serial.tools import list_ports

        return [ReaderInfo(f"{SERIAL_PREFIX}{p.device}", self.kind, ReaderState.READY) for p in list_ports.comports()]

    def open(self, name: str) -> SerialTransport:
        return SerialTransport(name.removeprefix(SERIAL_PREFIX))
