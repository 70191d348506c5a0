"""PC/SC readers through pyscard: listing, and a Transport that carries SAM frames in APDUs
(or, for readers exposing the ID card directly, answers the frames from block reads; see pcsc_block.py).

Every PC/SC call runs on a worker thread with a time limit: pcsc-lite's SCardTransmit waits forever for
a card that never answers. A context that timed out or that pcscd no longer knows (pcscd restarted, reader
unplugged) is dropped and a fresh one is made on the next call, so the reader comes back by itself.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from smartcard import scard

from terminal.core.errors import ReaderFault
from terminal.reader import apdu, frames, pcsc_block
from terminal.reader.errors import CardRemoved, NoCard, NoReader, PcscUnavailable, ReaderTimeout
from terminal.reader.transport import ReaderInfo, ReaderState

log = logging.getLogger("terminal.reader.pcsc")
T = TypeVar("T")

_NO_SERVICE = {scard.SCARD_E_NO_SERVICE, scard.SCARD_E_SERVICE_STOPPED, scard.SCARD_E_INVALID_HANDLE}
_NO_READER = {scard.SCARD_E_UNKNOWN_READER, scard.SCARD_E_READER_UNAVAILABLE, scard.SCARD_E_NO_READERS_AVAILABLE}
_NO_CARD = {scard.SCARD_E_NO_SMARTCARD, scard.SCARD_W_REMOVED_CARD, scard.SCARD_W_UNPOWERED_CARD,
            scard.SCARD_W_UNRESPONSIVE_CARD, scard.SCARD_W_RESET_CARD}  # fmt: skip
_CARD_DROPPED = {scard.SCARD_W_REMOVED_CARD, scard.SCARD_E_NOT_TRANSACTED, scard.SCARD_F_COMM_ERROR,
                 scard.SCARD_W_RESET_CARD, scard.SCARD_E_NO_SMARTCARD}  # fmt: skip
SETUP_TIMEOUT = 2.0  # establishing a context and connecting: pcscd answers these in milliseconds


def _code(hresult: int) -> int:
    return hresult & 0xFFFFFFFF


def _signed(codes: set[int]) -> set[int]:
    return {_code(c) for c in codes}


NO_SERVICE, NO_READER = _signed(_NO_SERVICE), _signed(_NO_READER)
NO_CARD, CARD_DROPPED = _signed(_NO_CARD), _signed(_CARD_DROPPED)


def bounded(call: Callable[[], T], timeout: float, what: str) -> T:
    """Run `call` on a daemon thread; ReaderTimeout if it has not returned in `timeout` seconds (the
    thread is abandoned: it belongs to a context the caller must drop)."""
    box: list[Any] = []
    done = threading.Event()

    def run() -> None:
        try:
            box.append((True, call()))
        except BaseException as exc:  # handed back to the caller's thread below
            box.append((False, exc))
        done.set()

    threading.Thread(target=run, name=f"pcsc-{what}", daemon=True).start()
    if not done.wait(timeout):
        raise ReaderTimeout(timeout, detail=what)
    ok, value = box[0]
    if not ok:
        raise value
    result: T = value
    return result


def fault_of(hresult: int, during_exchange: bool, reader: str = "") -> ReaderFault:
    code = _code(hresult)
    detail = f"PC/SC 0x{code:08X}"
    if code in NO_SERVICE:
        return PcscUnavailable(detail=detail)
    if code in NO_READER:
        return NoReader(reader, detail=detail)
    if during_exchange and code in CARD_DROPPED:
        return CardRemoved(detail=detail)
    if code in NO_CARD:
        return NoCard(detail=detail)
    return ReaderFault(detail=detail)


def establish_context() -> int:
    hresult, context = bounded(
        lambda: scard.SCardEstablishContext(scard.SCARD_SCOPE_USER), SETUP_TIMEOUT, "establish"
    )
    if hresult != scard.SCARD_S_SUCCESS:
        raise fault_of(hresult, during_exchange=False)
    handle: int = context
    return handle


def release_context(context: int) -> None:
    try:
        bounded(lambda: scard.SCardReleaseContext(context), SETUP_TIMEOUT, "release")
    except ReaderTimeout:
        log.debug("abandoned a PC/SC context that did not release")


class PcscBackend:
    kind = "pcsc"

    def list_readers(self) -> list[ReaderInfo]:
        context = establish_context()
        try:
            hresult, names = scard.SCardListReaders(context, [])
            if _code(hresult) in NO_READER:
                return []
            if hresult != scard.SCARD_S_SUCCESS:
                raise fault_of(hresult, during_exchange=False)
            states = [(name, scard.SCARD_STATE_UNAWARE) for name in names]
            hresult, states = scard.SCardGetStatusChange(context, 0, states)
            infos = []
            for name, state, atr in states:
                present = hresult == scard.SCARD_S_SUCCESS and bool(state & scard.SCARD_STATE_PRESENT)
                simulated = apdu.SIMULATED_ATR_MARK in bytes(atr)
                infos.append(
                    ReaderInfo(name, self.kind, ReaderState.READY if present else ReaderState.EMPTY, simulated)
                )
            return infos
        finally:
            release_context(context)

    def open(self, name: str) -> PcscTransport:
        return PcscTransport(name)


class PcscTransport:
    """SAM frames over PC/SC. Mode is found on connect: a card answering the wrapped SAM-status frame
    speaks SAM frames; one answering 6D00/6E00 is read with block pseudo-APDUs."""

    kind = "pcsc"

    def __init__(self, reader: str) -> None:
        self._reader = reader
        self._lock = threading.Lock()
        self._context: int | None = None
        self._card: int | None = None
        self._protocol = 0
        self._block_mode = False
        self._simulated = False

    @property
    def name(self) -> str:
        return self._reader

    @property
    def simulated(self) -> bool:
        return self._simulated

    def exchange(self, frame: bytes, timeout: float) -> bytes:
        with self._lock:
            try:
                self._connect()
                if self._block_mode:
                    return pcsc_block.answer(frame, self._transmit, timeout, self._check_present)
                return self.transmit_chained(apdu.wrap_frame(frame), timeout)
            except ReaderTimeout:
                self._drop(release=False)  # its thread may still be inside pcsc-lite with this context
                raise
            except (PcscUnavailable, NoReader):
                self._drop(release=True)
                raise
            except (CardRemoved, NoCard):
                self._disconnect()
                raise

    def transmit_chained(self, command: bytes, timeout: float) -> bytes:
        """Send an APDU; collect 61xx continuations with GET RESPONSE; return the data (SW 9000 only)."""
        data, sw = apdu.split_status(self._transmit(command, timeout))
        collected = bytearray(data)
        while len(sw) == 2 and sw[0] == apdu.SW_MORE_DATA:
            data, sw = apdu.split_status(self._transmit(apdu.GET_RESPONSE + sw[1:], timeout))
            collected += data
        if not sw:  # pcsc-lite's answer when the card drops in the middle of an APDU
            raise CardRemoved(detail="no response APDU")
        if sw in (apdu.SW_INS_NOT_SUPPORTED, apdu.SW_CLA_NOT_SUPPORTED):
            raise ReaderFault(detail=f"the card does not accept SAM frames (SW {sw.hex()})")
        if sw != apdu.SW_OK:
            raise ReaderFault(detail=f"unexpected status word {sw.hex() or 'none'}")
        return bytes(collected)

    def _transmit(self, command: bytes, timeout: float) -> bytes:
        card, protocol = self._card, self._protocol
        hresult, response = bounded(
            lambda: scard.SCardTransmit(card, protocol, list(command)), timeout, "transmit"
        )
        if hresult != scard.SCARD_S_SUCCESS:
            raise fault_of(hresult, during_exchange=True, reader=self._reader)
        return bytes(response)

    def _connect(self) -> None:
        if self._card is not None:
            return
        if self._context is None:
            self._context = establish_context()
        context = self._context
        hresult, card, protocol = bounded(
            lambda: scard.SCardConnect(
                context, self._reader, scard.SCARD_SHARE_SHARED, scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1
            ),
            SETUP_TIMEOUT,
            "connect",
        )
        if hresult != scard.SCARD_S_SUCCESS:
            raise fault_of(hresult, during_exchange=False, reader=self._reader)
        self._card, self._protocol = card, protocol
        hresult, _reader, _state, _protocol, atr = scard.SCardStatus(card)
        self._simulated = hresult == scard.SCARD_S_SUCCESS and apdu.SIMULATED_ATR_MARK in bytes(atr)
        self._block_mode = not self._speaks_sam_frames()
        log.debug("connected to %s (block mode: %s)", self._reader, self._block_mode)

    def _check_present(self) -> None:
        card = self._card
        hresult, *_status = bounded(lambda: scard.SCardStatus(card), SETUP_TIMEOUT, "status")
        if hresult != scard.SCARD_S_SUCCESS:
            raise fault_of(hresult, during_exchange=False, reader=self._reader)

    def _speaks_sam_frames(self) -> bool:
        probe = apdu.wrap_frame(frames.encode_request(frames.Command.SAM_STATUS))
        _data, sw = apdu.split_status(self._transmit(probe, 1.0))
        return sw not in (apdu.SW_INS_NOT_SUPPORTED, apdu.SW_CLA_NOT_SUPPORTED)

    def _disconnect(self) -> None:
        card, self._card = self._card, None
        if card is not None:
            try:
                bounded(lambda: scard.SCardDisconnect(card, scard.SCARD_LEAVE_CARD), SETUP_TIMEOUT, "disconnect")
            except ReaderTimeout:
                self._drop(release=False)

    def _drop(self, release: bool) -> None:
        context, self._context, self._card = self._context, None, None
        if release and context is not None:
            release_context(context)

    def close(self) -> None:
        with self._lock:
            self._disconnect()
            self._drop(release=True)
