"""The SAM reader frame protocol: building request frames and taking response frames apart.

Frame: preamble AA AA AA 96 69, a 2-byte big-endian length of everything after it (checksum included),
the body, and an XOR checksum over the length bytes and the body. Request bodies are CMD PARA DATA…;
response bodies are SW1 SW2 SW3 DATA…, SW3 being the result code. See docs/card-reader.md.

Every decoder here turns any byte string into a value or a ReaderFault; nothing else escapes.
"""

from __future__ import annotations

import enum
import struct
from dataclasses import dataclass
from functools import reduce

from terminal.reader.errors import (
    BadChecksum,
    BadLength,
    BadPayload,
    BadPreamble,
    TruncatedFrame,
    fault_for_result,
)
from wirecontract.cardtext import TEXT_LENGTH

PREAMBLE = bytes.fromhex("AAAAAA9669")
HEADER_LENGTH = len(PREAMBLE) + 2
PHOTO_LENGTH = 1024
MAX_FRAME = HEADER_LENGTH + 0xFFFF

# The SAM type number the virtual reader uses, so its SAM IDs read "99.…" (real SAMs are "05.…").
SIMULATED_SAM_MAJOR = 99

SW3_OK = 0x90
SW3_NO_CONTENT = 0x91
SW3_CARD_FOUND = 0x9F


class Command(enum.Enum):
    """(CMD, PARA) and the SW3 that means success."""

    RESET_SAM = (0x10, 0xFF, SW3_OK)
    SAM_STATUS = (0x11, 0xFF, SW3_OK)
    SAM_ID = (0x12, 0xFF, SW3_OK)
    FIND_CARD = (0x20, 0x01, SW3_CARD_FOUND)
    SELECT_CARD = (0x20, 0x02, SW3_OK)
    READ_TEXT_PHOTO = (0x30, 0x01, SW3_OK)
    READ_TEXT_PHOTO_FINGERPRINT = (0x30, 0x10, SW3_OK)
    READ_ADDITIONAL_ADDRESS = (0x30, 0x03, SW3_OK)

    @property
    def cmd(self) -> int:
        return self.value[0]

    @property
    def para(self) -> int:
        return self.value[1]

    @property
    def success(self) -> int:
        return self.value[2]

    @classmethod
    def of(cls, cmd: int, para: int) -> Command | None:
        for command in cls:
            if command.cmd == cmd and command.para == para:
                return command
        return None


def checksum(data: bytes) -> int:
    return reduce(lambda a, b: a ^ b, data, 0)


def encode_frame(body: bytes) -> bytes:
    length = struct.pack(">H", len(body) + 1)
    return PREAMBLE + length + body + bytes([checksum(length + body)])


def encode_request(command: Command, data: bytes = b"") -> bytes:
    return encode_frame(bytes([command.cmd, command.para]) + data)


def encode_response(sw3: int, data: bytes = b"") -> bytes:
    return encode_frame(bytes([0x00, 0x00, sw3]) + data)


def frame_size(prefix: bytes) -> int | None:
    """Total frame size once the 7-byte header is known (for stream transports), else None."""
    if len(prefix) < HEADER_LENGTH:
        return None
    if prefix[: len(PREAMBLE)] != PREAMBLE:
        raise BadPreamble()
    return HEADER_LENGTH + int.from_bytes(prefix[5:7], "big")


def decode_frame(frame: bytes) -> bytes:
    """Check preamble, length and checksum; return the body."""
    if len(frame) < len(PREAMBLE) or frame[: len(PREAMBLE)] != PREAMBLE:
        raise BadPreamble()
    size = frame_size(frame)
    if size is None:
        raise TruncatedFrame(HEADER_LENGTH, len(frame))
    if size < HEADER_LENGTH + 1:
        raise BadLength("length 0")
    if len(frame) < size:
        raise TruncatedFrame(size, len(frame))
    if len(frame) > size:
        raise BadLength(f"{len(frame) - size} extra bytes")
    expected = checksum(frame[5:-1])
    if frame[-1] != expected:
        raise BadChecksum(expected, frame[-1])
    return frame[HEADER_LENGTH:-1]


@dataclass(frozen=True)
class Request:
    cmd: int
    para: int
    data: bytes

    @property
    def command(self) -> Command | None:
        return Command.of(self.cmd, self.para)


def decode_request(frame: bytes) -> Request:
    body = decode_frame(frame)
    if len(body) < 2:
        raise BadLength("a request needs CMD and PARA")
    return Request(body[0], body[1], body[2:])


@dataclass(frozen=True)
class Response:
    sw1: int
    sw2: int
    sw3: int
    data: bytes = b""


def decode_response(frame: bytes) -> Response:
    body = decode_frame(frame)
    if len(body) < 3:
        raise BadLength("a response needs SW1 SW2 SW3")
    return Response(body[0], body[1], body[2], body[3:])


def expect(command: Command, frame: bytes) -> Response:
    """Decode the response to `command`; a failing result code raises its typed fault."""
    response = decode_response(frame)
    if response.sw3 != command.success:
        raise fault_for_result(response.sw3)
    return response


# --- payloads -----------------------------------------------------------------------------------------


def decode_sam_id(data: bytes) -> str:
    """16 data bytes → `05.01-20101129-0001228293-0296863149`."""
    if len(data) < 16:
        raise BadPayload("安全模块编号不完整", f"the SAM ID has {len(data)} bytes, expected 16")
    a, b, c = struct.unpack_from("<III", data, 4)
    return f"{data[0]:02d}.{data[2]:02d}-{a}-{b:010d}-{c:010d}"


def encode_sam_id(major: int, minor: int, a: int, b: int, c: int) -> bytes:
    return bytes([major, 0, minor, 0]) + struct.pack("<III", a, b, c)


@dataclass(frozen=True)
class ReadPayload:
    text: bytes
    photo: bytes
    fingerprint: bytes


def split_read(data: bytes, with_fingerprint: bool) -> ReadPayload:
    """Split read data: big-endian lengths (text, photo[, fingerprint]) then the blocks themselves."""
    count = 3 if with_fingerprint else 2
    if len(data) < 2 * count:
        raise BadPayload("读卡数据缺少长度信息", "the read data lacks its length header")
    lengths = struct.unpack_from(f">{count}H", data, 0)
    text_len, photo_len = lengths[0], lengths[1]
    finger_len = lengths[2] if with_fingerprint else 0
    if text_len != TEXT_LENGTH:
        raise BadPayload(f"文字信息长度 {text_len}，应为 256", f"text length {text_len}, expected 256")
    if photo_len not in (0, PHOTO_LENGTH):
        raise BadPayload(f"照片长度 {photo_len}，应为 1024", f"photo length {photo_len}, expected 1024")
    if finger_len not in (0, 512, 1024):
        raise BadPayload(f"指纹长度 {finger_len} 无效", f"fingerprint length {finger_len} is invalid")
    start = 2 * count
    end = start + text_len + photo_len + finger_len
    if len(data) != end:
        raise BadPayload("读卡数据长度与头部不符", f"the read data has {len(data)} bytes, header says {end}")
    text = data[start : start + text_len]
    photo = data[start + text_len : start + text_len + photo_len]
    return ReadPayload(text, photo, data[start + text_len + photo_len : end])


def encode_read(text: bytes, photo: bytes, fingerprint: bytes | None) -> bytes:
    if fingerprint is None:
        return struct.pack(">HH", len(text), len(photo)) + text + photo
    return struct.pack(">HHH", len(text), len(photo), len(fingerprint)) + text + photo + fingerprint
