"""How SAM frames and card blocks travel over PC/SC (both the host side and the virtual card use this).

SAM frames in APDUs (our wrapping; documented in docs/card-reader.md):
    command  80 96 00 00 | 00 Lc1 Lc2 | request frame | Le1 Le2 = 00 00   (extended length, Ne = 65536)
    response <response frame> 90 00
A card that can only answer short APDUs returns 61xx and the host fetches the rest with GET RESPONSE
`00 C0 00 00 xx`. A card answering 6D00/6E00 to the wrapped frame does not speak SAM frames.

Block-read pseudo-APDUs `FF B0 0n 00 00` (n = 0…5) read a 1284-byte stream in blocks of up to 256 bytes:
big-endian text length and photo length (01 00 04 00), the 256-byte text and the 1024-byte photo, so the
text starts at offset 4 of block 0 and the photo fills 252 + 3×256 + 4 bytes of blocks 1–5.
"""

from __future__ import annotations

import struct

SAM_CLA = 0x80
SAM_INS = 0x96
GET_RESPONSE = bytes([0x00, 0xC0, 0x00, 0x00])
BLOCK_CLA = 0xFF
BLOCK_INS = 0xB0
BLOCK_SIZE = 256
BLOCK_COUNT = 6

SW_OK = b"\x90\x00"
SW_INS_NOT_SUPPORTED = b"\x6d\x00"
SW_CLA_NOT_SUPPORTED = b"\x6e\x00"
SW_WRONG_P1P2 = b"\x6b\x00"
SW_WRONG_LENGTH = b"\x67\x00"
SW_MORE_DATA = 0x61
SW_READ_FAILED = b"\x6f\x00"

# Historical bytes of the virtual card's ATR: a PC/SC reader holding it is marked simulated.
SIMULATED_ATR_MARK = b"SIM-IDCARD"


def simulated_atr() -> bytes:
    """T=1 ATR (3B 8A 80 01, ten historical bytes, TCK) whose historical bytes are SIMULATED_ATR_MARK."""
    body = bytes([0x8A, 0x80, 0x01]) + SIMULATED_ATR_MARK
    tck = 0
    for b in body:
        tck ^= b
    return b"\x3b" + body + bytes([tck])


def wrap_frame(frame: bytes) -> bytes:
    return bytes([SAM_CLA, SAM_INS, 0, 0, 0]) + struct.pack(">H", len(frame)) + frame + b"\x00\x00"


def unwrap_frame(apdu: bytes) -> bytes | None:
    """The request frame inside a wrapped APDU, or None if the APDU is not one (card side)."""
    if len(apdu) < 9 or apdu[0] != SAM_CLA or apdu[1] != SAM_INS or apdu[4] != 0:
        return None
    length = struct.unpack(">H", apdu[5:7])[0]
    if len(apdu) != 7 + length + 2:
        return None
    return apdu[7 : 7 + length]


def read_block(n: int) -> bytes:
    return bytes([BLOCK_CLA, BLOCK_INS, n, 0, 0])


def block_number(apdu: bytes) -> int | None:
    if len(apdu) == 5 and apdu[0] == BLOCK_CLA and apdu[1] == BLOCK_INS and apdu[3] == 0:
        return apdu[2]
    return None


def split_status(response: bytes) -> tuple[bytes, bytes]:
    """(data, SW1 SW2); a response shorter than two bytes is returned with an empty status."""
    if len(response) < 2:
        return response, b""
    return response[:-2], response[-2:]
