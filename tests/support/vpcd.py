"""The virtual ID card plugged into the real pcscd through vsmartcard's vpcd driver.

vpcd listens on TCP (35963 for "Virtual PCD 00 00" by default); the card is the client. Every message
both ways is a 2-byte big-endian length and that many bytes. 1-byte messages are control codes
(00 power off, 01 power on, 02 reset: no reply; 04 get ATR: reply the ATR); longer ones are command
APDUs answered with a response APDU. Closing the socket removes the card.

Two modes, as real readers come:
  * SAM: the PC/SC "card" is the reader's SAM module, connected while the reader is plugged in; ID cards
    come and go in its field (VirtualSamReader.insert/remove) and SAM frames travel in APDUs (apdu.py).
  * BLOCK: the PC/SC card is the ID card itself, connected while one is inserted, read with `FF B0 0n 00 00`.
"""

from __future__ import annotations

import enum
import logging
import socket
import struct
import threading

from terminal.reader import apdu
from terminal.reader.virtual import DeviceCardRemoved, DeviceSilent, Fault, VirtualSamReader

log = logging.getLogger("tests.support.vpcd")

DEFAULT_PORT = 35963
CONTROL_GET_ATR = 0x04


class CardMode(enum.StrEnum):
    SAM = "sam"
    BLOCK = "block"


class _Closed(Exception):
    """The vpcd side closed the connection (pcscd stopped)."""


class _Channel:
    """Length-prefixed messages over a socket with a short poll timeout, so the card notices state changes."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = bytearray()

    def receive(self) -> bytes | None:
        """One message, or None if none arrived within the poll timeout."""
        while True:
            if len(self.buffer) >= 2:
                size = struct.unpack(">H", self.buffer[:2])[0]
                if len(self.buffer) >= 2 + size:
                    message = bytes(self.buffer[2 : 2 + size])
                    del self.buffer[: 2 + size]
                    return message
            try:
                chunk = self.sock.recv(65536)
            except TimeoutError:
                return None
            if not chunk:
                raise _Closed()
            if hasattr(socket, "TCP_QUICKACK"):  # not sticky: vpcd's split writes would wait ~40 ms each
                self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            self.buffer += chunk

    def send(self, message: bytes) -> None:
        self.sock.sendall(struct.pack(">H", len(message)) + message)


class VpcdVirtualCard:
    """Runs on its own thread. Control: the VirtualSamReader's API, plus plug()/unplug() for the reader."""

    def __init__(
        self,
        device: VirtualSamReader,
        port: int = DEFAULT_PORT,
        *,
        host: str = "127.0.0.1",
        mode: CardMode = CardMode.SAM,
        reconnect_delay: float = 0.5,
    ) -> None:
        self.device = device
        self.port = port
        self.host = host
        self.mode = mode
        # pcscd may miss a card that comes back within its 400 ms poll after one dropped mid-transaction.
        self.reconnect_delay = reconnect_delay
        self.atr = apdu.simulated_atr()
        self._plugged = True
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = threading.Event()

    def start(self) -> VpcdVirtualCard:
        self._thread = threading.Thread(target=self._run, name=f"vpcd-card-{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        with self.device.changed:
            self.device.changed.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def plug(self) -> None:
        with self.device.changed:
            self._plugged = True
            self.device.changed.notify_all()

    def unplug(self) -> None:
        with self.device.changed:
            self._plugged = False
            self.device.changed.notify_all()

    def _should_connect(self) -> bool:
        if not self._plugged or self._stopped.is_set():
            return False
        return self.mode is CardMode.SAM or self.device.card is not None

    def _run(self) -> None:
        while not self._stopped.is_set():
            with self.device.changed:
                if not self._should_connect():
                    self.device.changed.wait(0.1)
                    continue
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1)
            except OSError:  # pcscd (and so vpcd) not running yet: keep trying, as a card would be re-tapped
                self._stopped.wait(0.1)
                continue
            try:
                sock.settimeout(0.05)
                self.connected.set()
                self._serve(_Channel(sock))
            except (OSError, _Closed):
                pass  # vpcd closed the link (card removed, pcscd restarted): reconnect on the next turn
            finally:
                self.connected.clear()
                sock.close()
            self._stopped.wait(self.reconnect_delay)

    def _serve(self, channel: _Channel) -> None:
        silent = False
        while self._should_connect():
            if silent and self.device.fault is not Fault.NEVER_ANSWERS:
                return  # a reader that hung comes back only by being unplugged and plugged in again
            message = channel.receive()
            if message is None:
                continue
            if len(message) == 1:
                if message[0] == CONTROL_GET_ATR:
                    channel.send(self.atr)
                continue
            try:
                channel.send(self._answer(message))
            except DeviceSilent:
                silent = True
            except DeviceCardRemoved:
                return

    def _answer(self, message: bytes) -> bytes:
        if self.mode is CardMode.BLOCK:
            n = apdu.block_number(message)
            return apdu.SW_INS_NOT_SUPPORTED if n is None else self.device.read_block(n)
        frame = apdu.unwrap_frame(message)
        if frame is None:
            return apdu.SW_INS_NOT_SUPPORTED
        return self.device.handle(frame) + apdu.SW_OK
