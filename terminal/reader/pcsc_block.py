"""Readers that expose the ID card itself over PC/SC, read with pseudo-APDUs `FF B0 0n 00 00`.

They have no SAM frames, so this answers the service's request frames from the card directly: find and
select succeed while the PC/SC card is connected, SAM ID answers "no content" (91), and a read collects the
six blocks into the same response frame a SAM reader would send. Layout in apdu.py.
"""

from __future__ import annotations

from collections.abc import Callable

from terminal.reader import apdu, frames
from terminal.reader.errors import CardReadFailed, TruncatedFrame
from terminal.reader.frames import Command

Transmit = Callable[[bytes, float], bytes]
STREAM_LENGTH = 4 + 256 + frames.PHOTO_LENGTH


def read_stream(transmit: Transmit, timeout: float) -> bytes:
    stream = bytearray()
    for n in range(apdu.BLOCK_COUNT):
        data, sw = apdu.split_status(transmit(apdu.read_block(n), timeout))
        if sw != apdu.SW_OK:
            raise CardReadFailed(0x41, detail=f"block {n}: SW {sw.hex() or 'none'}")
        stream += data
    if len(stream) != STREAM_LENGTH:
        raise TruncatedFrame(STREAM_LENGTH, len(stream))
    return bytes(stream)


def answer(frame: bytes, transmit: Transmit, timeout: float, check_present: Callable[[], None]) -> bytes:
    """The response frame a SAM reader would give; `check_present` raises NoCard if the card has left."""
    request = frames.decode_request(frame)
    command = request.command
    if command in (Command.READ_TEXT_PHOTO, Command.READ_TEXT_PHOTO_FINGERPRINT):
        payload = frames.split_read(read_stream(transmit, timeout), with_fingerprint=False)
        fingerprint = b"" if command is Command.READ_TEXT_PHOTO_FINGERPRINT else None
        return frames.encode_response(frames.SW3_OK, frames.encode_read(payload.text, payload.photo, fingerprint))
    if command is Command.FIND_CARD:
        check_present()
        return frames.encode_response(frames.SW3_CARD_FOUND, bytes(4))
    if command in (Command.SAM_ID, Command.READ_ADDITIONAL_ADDRESS):
        return frames.encode_response(frames.SW3_NO_CONTENT)
    if command is None:
        return frames.encode_response(0x21)
    return frames.encode_response(frames.SW3_OK)
